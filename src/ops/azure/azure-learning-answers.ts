import type { LearningAnswers } from '../operational-store';
import type { AzureTables } from './azure-tables';
import { notYetOnAzure } from './not-yet';

/** The learning answers on Azure Table Storage. */
export const azureLearningAnswersTables: readonly string[] = [];

export function azureLearningAnswers(tables: AzureTables): LearningAnswers {
  void tables;
  return notYetOnAzure<LearningAnswers>('learning answers');
}
