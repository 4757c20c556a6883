import type { Counters } from '../operational-store';
import type { AzureTables } from './azure-tables';
import { notYetOnAzure } from './not-yet';

/** The counters on Azure Table Storage. */
export const azureCountersTables: readonly string[] = [];

export function azureCounters(tables: AzureTables): Counters {
  void tables;
  return notYetOnAzure<Counters>('counters');
}
