/**
 * The job runs on Azure Table Storage.
 *
 * Partitions: one per job (PartitionKey the job's name made safe). RowKey `latest` holds the run
 * recorded last, replaced by each record (the last write is the latest run, as SQLite's highest id
 * is; the runs' own times may be set with --now and need not rise), so `latest` is one point read.
 * Every run is kept too, RowKey `run|<startedAt>|<random id>`, written in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import type { JobRun, JobRuns } from '../operational-store';
import { safeKey, type AzureTables } from './azure-tables';
import { getOrUndefined } from './azure-entities';

const TABLE = 'JobRuns';
export const azureJobRunsTables: readonly string[] = [TABLE];

const LATEST = 'latest';

class AzureJobRuns implements JobRuns {
  constructor(private readonly table: TableClient) {}

  async record(run: JobRun): Promise<void> {
    const partitionKey = safeKey(run.job);
    const fields = { job: run.job, startedAt: run.startedAt, finishedAt: run.finishedAt, summary: run.summary };
    await this.table.submitTransaction([
      ['upsert', { partitionKey, rowKey: LATEST, ...fields }, 'Replace'],
      ['create', { partitionKey, rowKey: `run|${run.startedAt}|${randomUUID()}`, ...fields }],
    ]);
  }

  async latest(job: string): Promise<JobRun | undefined> {
    const row = await getOrUndefined<JobRun>(this.table, safeKey(job), LATEST);
    return row && { job: row.job, startedAt: row.startedAt, finishedAt: row.finishedAt, summary: row.summary };
  }
}

export function azureJobRuns(tables: AzureTables): JobRuns {
  return new AzureJobRuns(tables.table(TABLE));
}
