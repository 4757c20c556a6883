import type { Tasks } from '../operational-store';
import type { AzureTables } from './azure-tables';
import { notYetOnAzure } from './not-yet';

/** The durable tasks on Azure Table Storage. */
export const azureTasksTables: readonly string[] = [];

export function azureTasks(tables: AzureTables): Tasks {
  void tables;
  return notYetOnAzure<Tasks>('durable tasks');
}
