import type { JobRuns } from '../operational-store';
import type { AzureTables } from './azure-tables';
import { notYetOnAzure } from './not-yet';

/** The job runs on Azure Table Storage. */
export const azureJobRunsTables: readonly string[] = [];

export function azureJobRuns(tables: AzureTables): JobRuns {
  void tables;
  return notYetOnAzure<JobRuns>('job runs');
}
