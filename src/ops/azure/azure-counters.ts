/**
 * The counters on Azure Table Storage.
 *
 * Partitions: one per counter name (PartitionKey the name made safe). In it, RowKey `counter` holds
 * the last number handed out, and RowKey `allocation|<id>` the number an allocation (a form's
 * submission id) got. Being in one partition, a new number and its allocation are written in one
 * transaction: the counter's update carries the ETag it was read with (412 when another caller,
 * in this instance or another, took a number first) and the allocation is created (409 when the
 * same form got its number first), so either both are recorded or neither and no number is lost.
 * Every caller reads and tries again until its transaction goes through.
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

class AzureCounters implements Counters {
  /** Each counter's callers in this process, one after the other (see next). */
  private readonly turns = new Map<string, Promise<unknown>>();

  constructor(private readonly table: TableClient) {}

  /**
   * Callers in this process take their turn, so only other instances can make a caller read again:
   * 200 reports at once in one instance otherwise each lost the race to up to 199 others, and
   * waited seconds for a number.
   */
  next(name: string, floor: () => Promise<number>, allocation?: string): Promise<number> {
    const turn = (this.turns.get(name) ?? Promise.resolve()).catch(() => undefined).then(() => this.allocate(name, floor, allocation));
    this.turns.set(name, turn);
    // The chain is dropped once it is done, so it does not keep every result alive.
    void turn.finally(() => this.turns.get(name) === turn && this.turns.delete(name)).catch(() => undefined);
    return turn;
  }

  private async allocate(name: string, floor: () => Promise<number>, allocation?: string): Promise<number> {
    const partitionKey = safeKey(name);
    // Asked for at most once per call, and only while the counter does not exist (its first use).
    let start: number | undefined;
    return optimistically(`counter ${name}`, async () => {
      if (allocation !== undefined) {
        const earlier = await getOrUndefined<ValueRow>(this.table, partitionKey, allocationRow(allocation));
        if (earlier) return earlier.value;
      }
      const counter = await getOrUndefined<ValueRow>(this.table, partitionKey, COUNTER);
      let value: number;
      const actions: TransactionAction[] = [];
      if (counter) {
        value = counter.value + 1;
        actions.push(['update', { partitionKey, rowKey: COUNTER, value }, 'Replace', { etag: counter.etag }]);
      } else {
        start ??= await floor();
        value = start + 1;
        actions.push(['create', { partitionKey, rowKey: COUNTER, value }]);
      }
      if (allocation !== undefined) actions.push(['create', { partitionKey, rowKey: allocationRow(allocation), value }]);
      await this.table.submitTransaction(actions);
      return value;
    });
  }
}

export function azureCounters(tables: AzureTables): Counters {
  return new AzureCounters(tables.table(TABLE));
}
