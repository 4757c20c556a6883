import type { StatusTallies } from '../operational-store';
import type { AzureTables } from './azure-tables';
import { notYetOnAzure } from './not-yet';

/** The status tallies on Azure Table Storage. */
export const azureStatusTalliesTables: readonly string[] = [];

export function azureStatusTallies(tables: AzureTables): StatusTallies {
  void tables;
  return notYetOnAzure<StatusTallies>('status tallies');
}
