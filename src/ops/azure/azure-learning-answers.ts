/**
 * The learning answers on Azure Table Storage.
 *
 * Partitions: one per person (PartitionKey the person id made safe, in the case given, as SQLite
 * keeps it), RowKey `<attempt>|<question, zero-padded>`: a person's answers lie together and sort by
 * attempt and question. The first answer is created; a later one meets 409 and reads the one that stands.
 */
import type { TableClient } from '@azure/data-tables';
import type { LearningAnswers } from '../operational-store';
import { safeKey, statusOf, type AzureTables } from './azure-tables';
import { getOrUndefined, sortableNumber } from './azure-entities';

const TABLE = 'LearningAnswers';
export const azureLearningAnswersTables: readonly string[] = [TABLE];

interface AnswerRow {
  personId: string;
  attempt: string;
  question: number;
  choice: number;
  answeredAt: string;
}

class AzureLearningAnswers implements LearningAnswers {
  constructor(private readonly table: TableClient) {}

  async answerOnce(entry: { personId: string; attempt: string; question: number; choice: number }, now: string): Promise<number> {
    const partitionKey = safeKey(entry.personId);
    const rowKey = `${safeKey(entry.attempt)}|${sortableNumber(entry.question, 6)}`;
    try {
      await this.table.createEntity<AnswerRow>({ partitionKey, rowKey, personId: entry.personId, attempt: entry.attempt, question: entry.question, choice: entry.choice, answeredAt: now });
      return entry.choice;
    } catch (err) {
      if (statusOf(err) !== 409) throw err;
    }
    // Answers are never removed or changed, so the one that stands is there to read.
    const standing = await getOrUndefined<AnswerRow>(this.table, partitionKey, rowKey);
    if (!standing) throw new Error(`learning answer ${entry.attempt}/${entry.question} was there and then not`);
    return standing.choice;
  }
}

export function azureLearningAnswers(tables: AzureTables): LearningAnswers {
  return new AzureLearningAnswers(tables.table(TABLE));
}
