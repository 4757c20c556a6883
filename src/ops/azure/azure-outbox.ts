import type { Outbox } from '../operational-store';
import type { AzureTables } from './azure-tables';
import { notYetOnAzure } from './not-yet';

/** The outbox on Azure Table Storage. */
export const azureOutboxTables: readonly string[] = [];

export function azureOutbox(tables: AzureTables): Outbox {
  void tables;
  return notYetOnAzure<Outbox>('outbox');
}
