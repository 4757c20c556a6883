/**
 * The app installations on Azure Table Storage.
 *
 * Partitions: one per person (PartitionKey the object id in lower case, made safe; RowKey `latest`):
 * every read and write is one person's, a point read or an upsert that replaces the earlier attempt.
 * `counts` (the reachability job, once a run) reads the outcome of every row.
 */
import type { TableClient } from '@azure/data-tables';
import type { AppInstallations, InstallRecord } from '../operational-store';
import { safeKey, type AzureTables } from './azure-tables';
import { getOrUndefined, listAll } from './azure-entities';

const TABLE = 'AppInstallations';
export const azureInstallationsTables: readonly string[] = [TABLE];

const LATEST = 'latest';
const partitionOf = (personId: string) => safeKey(personId.toLowerCase());

interface InstallRow {
  person: string;
  outcome: InstallRecord['outcome'];
  detail?: string;
  at: string;
}

class AzureAppInstallations implements AppInstallations {
  constructor(private readonly table: TableClient) {}

  async get(personId: string): Promise<InstallRecord | undefined> {
    const row = await getOrUndefined<InstallRow>(this.table, partitionOf(personId), LATEST);
    // The id as asked for, as SQLite answers.
    return row && { personId, outcome: row.outcome, at: row.at, ...(row.detail ? { detail: row.detail } : {}) };
  }

  async record(r: InstallRecord): Promise<void> {
    // Replace, not merge: an attempt without detail leaves none of the earlier one's.
    await this.table.upsertEntity<InstallRow>({ partitionKey: partitionOf(r.personId), rowKey: LATEST, person: r.personId.toLowerCase(), outcome: r.outcome, at: r.at, ...(r.detail ? { detail: r.detail } : {}) }, 'Replace');
  }

  async counts(): Promise<Partial<Record<InstallRecord['outcome'], number>>> {
    const counts: Partial<Record<InstallRecord['outcome'], number>> = {};
    for (const row of await listAll<InstallRow>(this.table, undefined, ['outcome'])) counts[row.outcome] = (counts[row.outcome] ?? 0) + 1;
    return counts;
  }
}

export function azureInstallations(tables: AzureTables): AppInstallations {
  return new AzureAppInstallations(tables.table(TABLE));
}
