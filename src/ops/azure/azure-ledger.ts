/**
 * The reminder ledger on Azure Table Storage.
 *
 * Partitions: one per kind, year and quarter (PartitionKey `<kind>|<year>|<quarter>`, the kind made
 * safe and first), RowKey `<committee>|<person>`. A campaign's or plan's batch of people shares its
 * kind, year and quarter, so a batch is claimed in a few transactions of 100 (a transaction keeps to
 * one partition); has/claimedAt are point reads; retention's "kind starts with" is a PartitionKey
 * range, since a safe key starts with the safe prefix exactly when the kind starts with the prefix
 * ('|' is always encoded by safeKey, so it only ever separates).
 */
import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { LedgerEntry, ReminderLedger } from '../operational-store';
import { safeKey, statusOf, type AzureTables } from './azure-tables';
import { chunked, getOrUndefined, groupedBy, inParallel, listAll, successor } from './azure-entities';
import { odata } from '@azure/data-tables';

const TABLE = 'ReminderLedger';
export const azureLedgerTables: readonly string[] = [TABLE];

interface LedgerRow {
  kind: string;
  year: number;
  quarter: number;
  committee: string;
  person: string;
  /** When it was claimed, as given (ISO 8601). */
  at: string;
}

const partitionOf = (e: LedgerEntry) => `${safeKey(e.kind)}|${e.year}|${e.quarter}`;
const rowOf = (e: LedgerEntry) => `${safeKey(e.committee)}|${safeKey(e.person)}`;
const keyOf = (e: LedgerEntry) => `${partitionOf(e)}\n${rowOf(e)}`;

class AzureReminderLedger implements ReminderLedger {
  constructor(private readonly table: TableClient) {}

  async claim(entry: LedgerEntry, at: string): Promise<boolean> {
    return this.createOne(entry, at);
  }

  async has(entry: LedgerEntry): Promise<boolean> {
    return (await this.claimedAt(entry)) !== undefined;
  }

  async hasMany(entries: readonly LedgerEntry[]): Promise<boolean[]> {
    return (await this.claimedAtMany(entries)).map((at) => at !== undefined);
  }

  async claimedAtMany(entries: readonly LedgerEntry[]): Promise<(string | undefined)[]> {
    // Point reads: the cheapest read there is, and the same entry asked twice is read once.
    const unique = [...new Map(entries.map((e) => [keyOf(e), e])).values()];
    const found = new Map(await inParallel(unique, async (e) => [keyOf(e), await this.claimedAt(e)] as const));
    return entries.map((e) => found.get(keyOf(e)));
  }

  /**
   * Each partition's new entries in transactions of 100: all of a transaction or none of it is
   * recorded. A transaction that meets an entry someone else holds fails as a whole; its entries
   * are then claimed one by one, so each still goes to exactly one caller.
   */
  async claimMany(entries: readonly LedgerEntry[], at: string): Promise<boolean[]> {
    const first = new Map<string, number>();
    entries.forEach((e, i) => (first.has(keyOf(e)) ? undefined : first.set(keyOf(e), i)));
    const answers = entries.map(() => false);
    const chunks = [...groupedBy([...first.values()], (i) => partitionOf(entries[i]!)).values()].flatMap((indexes) => chunked(indexes));
    await inParallel(
      chunks,
      async (indexes) => {
        try {
          await this.table.submitTransaction(indexes.map((i): TransactionAction => ['create', this.rowFor(entries[i]!, at)]));
          for (const i of indexes) answers[i] = true;
        } catch (err) {
          if (statusOf(err) !== 409) throw err;
          await inParallel(indexes, async (i) => (answers[i] = await this.createOne(entries[i]!, at)));
        }
      },
      4,
    );
    return answers;
  }

  async count(): Promise<number> {
    return (await listAll(this.table, undefined, ['PartitionKey'])).length;
  }

  async deleteBefore(kindPrefix: string, before: string): Promise<number> {
    const ofKind = kindPrefix === '' ? '' : odata`PartitionKey ge ${safeKey(kindPrefix)} and PartitionKey lt ${successor(safeKey(kindPrefix))} and `;
    const old = (await listAll<LedgerRow>(this.table, `${ofKind}${odata`at lt ${before}`}`, ['PartitionKey', 'RowKey', 'kind', 'at'])).filter((r) => r.kind.startsWith(kindPrefix) && r.at < before);
    let deleted = 0;
    for (const rows of groupedBy(old, (r) => r.partitionKey!).values()) {
      for (const chunk of chunked(rows)) {
        try {
          await this.table.submitTransaction(chunk.map((r): TransactionAction => ['delete', { partitionKey: r.partitionKey!, rowKey: r.rowKey! }]));
          deleted += chunk.length;
        } catch (err) {
          // Someone else (another instance's retention) removed some of them first: the rest one by one.
          if (statusOf(err) !== 404) throw err;
          const gone = await inParallel(chunk, async (r) => {
            try {
              await this.table.deleteEntity(r.partitionKey!, r.rowKey!, { etag: r.etag });
              return true;
            } catch (e) {
              if (statusOf(e) === 404 || statusOf(e) === 412) return false;
              throw e;
            }
          });
          deleted += gone.filter(Boolean).length;
        }
      }
    }
    return deleted;
  }

  private rowFor(e: LedgerEntry, at: string) {
    return { partitionKey: partitionOf(e), rowKey: rowOf(e), kind: e.kind, year: e.year, quarter: e.quarter, committee: e.committee, person: e.person, at } satisfies LedgerRow & { partitionKey: string; rowKey: string };
  }

  private async createOne(entry: LedgerEntry, at: string): Promise<boolean> {
    try {
      await this.table.createEntity(this.rowFor(entry, at));
      return true;
    } catch (err) {
      if (statusOf(err) === 409) return false;
      throw err;
    }
  }

  private async claimedAt(entry: LedgerEntry): Promise<string | undefined> {
    return (await getOrUndefined<LedgerRow>(this.table, partitionOf(entry), rowOf(entry)))?.at;
  }
}

export function azureLedger(tables: AzureTables): ReminderLedger {
  return new AzureReminderLedger(tables.table(TABLE));
}
