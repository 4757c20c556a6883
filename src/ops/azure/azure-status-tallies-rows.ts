import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { backOff, getOrUndefined, listAll, MAX_ATTEMPTS, MAX_TRANSACTION, optimistically, successor } from './azure-entities';
import { statusOf } from './azure-tables';

/**
 * What the status tallies share on Table Storage: reading rows, and writing rows together with the
 * counts they move in one entity group transaction, so a count never drifts from its rows.
 *
 * Rows are never deleted inside a transaction (a transaction's delete cannot carry an ETag, and
 * would remove a row a concurrent note just wrote): a row that leaves the tallies is marked `gone`
 * with an ETag-checked update, counted out in the same transaction, and removed for good later
 * with an ETag-checked delete of its own. A count row is kept at 0 rather than deleted, for the same
 * reason; readers skip gone rows and zero counts.
 */

export type Row = Record<string, unknown> & { partitionKey: string; rowKey: string; etag: string };

/** The rows whose RowKey starts with `prefix`, in one partition (every page). */
export async function scan(client: TableClient, partitionKey: string, prefix: string, select?: string[]): Promise<Row[]> {
  const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${prefix} and RowKey lt ${successor(prefix)}`;
  return (await listAll<Record<string, unknown>>(client, filter, select ? ['PartitionKey', 'RowKey', ...select] : undefined)).map((row) => ({ ...row, partitionKey, rowKey: row.rowKey!, etag: row.etag }));
}

export async function getRow(client: TableClient, partitionKey: string, rowKey: string): Promise<Row | undefined> {
  const row = await getOrUndefined<Record<string, unknown>>(client, partitionKey, rowKey);
  return row && { ...row, partitionKey, rowKey, etag: row.etag };
}

/** Runs an optimistic read-and-write until it is not overtaken (ETag or create conflicts). */
export const retrying = <T>(work: () => Promise<T>): Promise<T> => optimistically('a tally write', work, [409, 412]);

/** A count moved by a change: its row key, the values it is counted under, and by how much. */
export interface Delta {
  rowKey: string;
  props: Record<string, unknown>;
  by: number;
}

/** One row's change (or a row and its index row) and the counts it moves. */
export interface Change {
  actions: TransactionAction[];
  deltas: Delta[];
}


export const sumDeltas = (deltas: readonly Delta[]): Map<string, Delta> => {
  const sums = new Map<string, Delta>();
  for (const d of deltas) {
    const was = sums.get(d.rowKey);
    sums.set(d.rowKey, { rowKey: d.rowKey, props: d.props, by: (was?.by ?? 0) + d.by });
  }
  for (const [key, d] of sums) if (d.by === 0) sums.delete(key);
  return sums;
};

/**
 * Writes changes and the counts they move in one transaction: each count is read with its ETag
 * and written back with it, so two writers never lose each other's step. Throws 409/412 when
 * overtaken (nothing is written then); the caller reads again and retries.
 */
export async function commit(client: TableClient, partitionKey: string, changes: readonly Change[]): Promise<void> {
  const actions = changes.flatMap((c) => c.actions);
  const deltas = [...sumDeltas(changes.flatMap((c) => c.deltas)).values()];
  const counts = await Promise.all(deltas.map((d) => getRow(client, partitionKey, d.rowKey)));
  deltas.forEach((d, i) => {
    const count = counts[i];
    const n = ((count?.n as number | undefined) ?? 0) + d.by;
    const entity = { partitionKey, rowKey: d.rowKey, ...d.props, n };
    actions.push(count ? ['update', entity, 'Replace', { etag: count.etag }] : ['create', entity]);
  });
  if (actions.length === 0) return;
  if (actions.length > MAX_TRANSACTION) throw new Error(`a tally write of ${actions.length} operations is more than one transaction holds`);
  await client.submitTransaction(actions);
}

/** A row written over the one read (with its ETag), or created where there was none. */
export const put = (entity: Record<string, unknown> & { partitionKey: string; rowKey: string }, row: Row | undefined): TransactionAction =>
  row ? ['update', entity, 'Replace', { etag: row.etag }] : ['create', entity];

/** Removes rows marked gone, each only if it is still as it was read. */
export async function purgeGone(client: TableClient, rows: readonly Row[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 20) {
    await Promise.all(
      rows.slice(i, i + 20).map((r) =>
        client.deleteEntity(r.partitionKey, r.rowKey, { etag: r.etag }).catch((err: unknown) => {
          if (statusOf(err) !== 404 && statusOf(err) !== 412) throw err;
        }),
      ),
    );
  }
}

/**
 * A recount's writes, a transaction at a time: `decide` says what a row's change is given the row
 * as it is now (undefined: nothing to change), and `guard` runs before every transaction (the
 * recount is still the newest). When overtaken, the batch's rows are read again and decided anew.
 */
export async function applyInBatches(
  client: TableClient,
  partitionKey: string,
  keys: readonly string[],
  rows: Map<string, Row>,
  decide: (rowKey: string, row: Row | undefined) => Change | undefined,
  guard: () => Promise<void>,
): Promise<void> {
  let start = 0;
  while (start < keys.length) {
    let end = start;
    let attempt = 0;
    // Each row is decided in one batch only; a batch that is overtaken reads its own rows again.
    for (;;) {
      await guard();
      const batch: Change[] = [];
      const countKeys = new Set<string>();
      end = start;
      while (end < keys.length) {
        const key = keys[end] as string;
        const change = decide(key, rows.get(key));
        if (change) {
          const more = new Set([...countKeys, ...change.deltas.map((d) => d.rowKey)]);
          const size = batch.reduce((n, c) => n + c.actions.length, 0) + change.actions.length + more.size;
          if (size > MAX_TRANSACTION) break;
          batch.push(change);
          for (const k of more) countKeys.add(k);
        }
        end++;
      }
      try {
        await commit(client, partitionKey, batch);
        break;
      } catch (err) {
        if ((statusOf(err) !== 409 && statusOf(err) !== 412) || attempt >= MAX_ATTEMPTS) throw err;
        const fresh = await Promise.all(keys.slice(start, end).map((k) => getRow(client, partitionKey, k)));
        keys.slice(start, end).forEach((k, i) => (fresh[i] ? rows.set(k, fresh[i]) : rows.delete(k)));
        await backOff(attempt++);
      }
    }
    start = end;
  }
}
