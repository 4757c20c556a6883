/**
 * The counters on Azure Table Storage.
 *
 * Partitions: one per counter name (PartitionKey the name made safe). In it, RowKey `counter` holds
 * the last number handed out, and RowKey `allocation|<id>` the number an allocation (a form's
 * submission id) got. Being in one partition, a new number and its allocation are written in one
 * transaction: the counter's update carries the ETag it was read with (412 when another caller,
 * in this instance or another, took a number first) and the allocation is created (409 when the
 * same form got its number first), so either both are recorded or neither and no number is lost.
 * The callers waiting in one process go in one such transaction together (up to 99 allocations),
 * which is read and tried again until it goes through.
 */
import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { Counters } from '../operational-store';
import { safeKey, type AzureTables } from './azure-tables';
import { getOrUndefined, optimistically } from './azure-entities';

const TABLE = 'Counters';
export const azureCountersTables: readonly string[] = [TABLE];

const COUNTER = 'counter';
const allocationRow = (allocation: string) => `allocation|${safeKey(allocation)}`;

interface ValueRow {
  value: number;
}

interface Waiting {
  floor: () => Promise<number>;
  allocation?: string;
  resolve: (value: number) => void;
  reject: (err: unknown) => void;
}

/** A counter's update and 99 allocations: one transaction holds at most 100 operations. */
const BATCH = 99;

class AzureCounters implements Counters {
  /** Callers in this process waiting for a number, per counter, and the counters being served. */
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly serving = new Set<string>();

  constructor(private readonly table: TableClient) {}

  /**
   * The callers of this process are served together: those waiting get consecutive numbers in one
   * transaction, so only another instance can make them read again. One at a time, 200 reports at
   * once each lost the race to up to 199 others (or, queued, waited for 199 round trips) and took
   * seconds to get a number.
   */
  next(name: string, floor: () => Promise<number>, allocation?: string): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.waiting.set(name, [...(this.waiting.get(name) ?? []), { floor, resolve, reject, ...(allocation !== undefined ? { allocation } : {}) }]);
      if (!this.serving.has(name)) void this.serve(name);
    });
  }

  private async serve(name: string): Promise<void> {
    this.serving.add(name);
    try {
      for (let queue = this.waiting.get(name); queue && queue.length > 0; queue = this.waiting.get(name)) {
        const batch = queue.splice(0, BATCH);
        try {
          const values = await this.allocate(name, batch);
          batch.forEach((w, i) => w.resolve(values[i]!));
        } catch (err) {
          batch.forEach((w) => w.reject(err));
        }
      }
    } finally {
      this.waiting.delete(name);
      this.serving.delete(name);
    }
  }

  private async allocate(name: string, batch: readonly Waiting[]): Promise<number[]> {
    const partitionKey = safeKey(name);
    // Asked for at most once, and only while the counter does not exist (its first use).
    let start: number | undefined;
    return optimistically(`counter ${name}`, async () => {
      // A form seen before keeps its number; the same form twice in one batch gets one.
      const earlier = await Promise.all(batch.map((w) => (w.allocation === undefined ? undefined : getOrUndefined<ValueRow>(this.table, partitionKey, allocationRow(w.allocation)))));
      const values: (number | undefined)[] = earlier.map((e) => e?.value);
      const firstOf = new Map<string, number>();
      const fresh: number[] = [];
      batch.forEach((w, i) => {
        if (values[i] !== undefined || (w.allocation !== undefined && firstOf.has(w.allocation))) return;
        if (w.allocation !== undefined) firstOf.set(w.allocation, i);
        fresh.push(i);
      });
      if (fresh.length > 0) {
        const counter = await getOrUndefined<ValueRow>(this.table, partitionKey, COUNTER);
        const actions: TransactionAction[] = [];
        let last: number;
        if (counter) {
          last = counter.value;
          actions.push(['update', { partitionKey, rowKey: COUNTER, value: last + fresh.length }, 'Replace', { etag: counter.etag }]);
        } else {
          start ??= await batch[fresh[0]!]!.floor();
          last = start;
          actions.push(['create', { partitionKey, rowKey: COUNTER, value: last + fresh.length }]);
        }
        // The counter's update carries its ETag (412: another instance took numbers first) and each
        // allocation is created (409: that form got its number elsewhere): all or nothing.
        fresh.forEach((i, k) => {
          values[i] = last + 1 + k;
          const allocation = batch[i]!.allocation;
          if (allocation !== undefined) actions.push(['create', { partitionKey, rowKey: allocationRow(allocation), value: values[i] }]);
        });
        await this.table.submitTransaction(actions);
      }
      return batch.map((w, i) => values[i] ?? values[firstOf.get(w.allocation!)!]!);
    });
  }
}

export function azureCounters(tables: AzureTables): Counters {
  return new AzureCounters(tables.table(TABLE));
}
