import type { ReminderLedger } from '../operational-store';
import type { AzureTables } from './azure-tables';
import { notYetOnAzure } from './not-yet';

/** The reminder ledger on Azure Table Storage. */
export const azureLedgerTables: readonly string[] = [];

export function azureLedger(tables: AzureTables): ReminderLedger {
  void tables;
  return notYetOnAzure<ReminderLedger>('reminder ledger');
}
