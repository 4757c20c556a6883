/**
 * The durable tasks on Azure Table Storage.
 *
 * Partition: one for all tasks (PartitionKey `tasks`): `due` must list tasks across keys in the
 * order of their next attempt, and only within a partition does Table Storage keep rows in RowKey
 * order and change several rows in one transaction. Each task is two rows, written together in a
 * transaction: RowKey `key|<key>` (found by key) and RowKey `due|<nextAttemptAt>|<key>` (ISO times
 * sort as text, so a RowKey range is "due by now, earliest first"). Both rows hold the whole task.
 * Changes read the key row and write with its ETag, trying again when another writer came first.
 * Tasks are few and short-lived (follow-up work kept until done), well within one partition's pace.
 */
import type { TableClient, TableEntityResult, TransactionAction } from '@azure/data-tables';
import { odata } from '@azure/data-tables';
import type { DurableTask, Tasks } from '../operational-store';
import { safeKey, statusOf, type AzureTables } from './azure-tables';
import { getOrUndefined, listAll, optimistically, successor, textOf, textProperties } from './azure-entities';

const TABLE = 'Tasks';
export const azureTasksTables: readonly string[] = [TABLE];

const PARTITION = 'tasks';
const KEY_ROWS = 'key|';
const DUE_ROWS = 'due|';
const keyRow = (key: string) => `${KEY_ROWS}${safeKey(key)}`;
const dueRow = (key: string, nextAttemptAt: string) => `${DUE_ROWS}${nextAttemptAt}|${safeKey(key)}`;

type TaskRow = Record<string, unknown> & { key: string; kind: string; attempts: number; nextAttemptAt: string; lastError?: string };

const toTask = (row: TableEntityResult<TaskRow>): DurableTask => ({
  key: row.key,
  kind: row.kind,
  payload: JSON.parse(textOf(row, 'payload')) as unknown,
  attempts: row.attempts,
  nextAttemptAt: row.nextAttemptAt,
  ...(row.lastError ? { lastError: row.lastError } : {}),
});

/** The task's properties, the same in both of its rows. */
const propertiesOf = (t: DurableTask) => ({
  key: t.key,
  kind: t.kind,
  ...textProperties('payload', JSON.stringify(t.payload) ?? 'null'),
  attempts: t.attempts,
  nextAttemptAt: t.nextAttemptAt,
  ...(t.lastError ? { lastError: t.lastError } : {}),
});

class AzureTasks implements Tasks {
  constructor(private readonly table: TableClient) {}

  async add(task: { key: string; kind: string; payload: unknown }, now: string): Promise<boolean> {
    const properties = propertiesOf({ ...task, attempts: 0, nextAttemptAt: now });
    try {
      await this.table.submitTransaction([
        ['create', { partitionKey: PARTITION, rowKey: keyRow(task.key), ...properties }],
        ['create', { partitionKey: PARTITION, rowKey: dueRow(task.key, now), ...properties }],
      ]);
      return true;
    } catch (err) {
      if (statusOf(err) === 409) return false;
      throw err;
    }
  }

  async get(key: string): Promise<DurableTask | undefined> {
    const row = await getOrUndefined<TaskRow>(this.table, PARTITION, keyRow(key));
    return row && toTask(row);
  }

  async due(now: string, limit: number): Promise<DurableTask[]> {
    const tasks: DurableTask[] = [];
    if (limit <= 0) return tasks;
    // `due|<time>|…` up to `due|<now>}`: '}' sorts after the '|' that ends every time, so a task due at `now` is in.
    const filter = odata`PartitionKey eq ${PARTITION} and RowKey ge ${DUE_ROWS} and RowKey lt ${`${DUE_ROWS}${now}}`}`;
    for await (const page of this.table.listEntities<TaskRow>({ queryOptions: { filter } }).byPage({ maxPageSize: Math.min(limit, 1000) })) {
      for (const row of page) {
        tasks.push(toTask(row));
        if (tasks.length >= limit) return tasks;
      }
    }
    return tasks;
  }

  async replace(key: string, kind: string, payload: unknown, now: string): Promise<void> {
    await this.change(key, () => ({ key, kind, payload, attempts: 0, nextAttemptAt: now }));
  }

  async postpone(key: string, nextAttemptAt: string, error: string): Promise<void> {
    await this.change(key, (t) => ({ ...t, attempts: t.attempts + 1, nextAttemptAt, lastError: error.slice(0, 500) }));
  }

  async done(key: string): Promise<void> {
    await optimistically(`task ${key}`, async () => {
      const row = await getOrUndefined<TaskRow>(this.table, PARTITION, keyRow(key));
      if (!row) return;
      // The due row read from the key row: if another writer moved it meanwhile, its delete fails (404) and the whole is read again.
      await this.table.submitTransaction([
        ['delete', { partitionKey: PARTITION, rowKey: keyRow(key) }],
        ['delete', { partitionKey: PARTITION, rowKey: dueRow(key, row.nextAttemptAt) }],
      ]);
    });
  }

  async count(kind?: string): Promise<number> {
    const rows = odata`PartitionKey eq ${PARTITION} and RowKey ge ${KEY_ROWS} and RowKey lt ${successor(KEY_ROWS)}`;
    return (await listAll(this.table, kind === undefined ? rows : `${rows} and ${odata`kind eq ${kind}`}`, ['RowKey'])).length;
  }

  /** A task changed as `change` says, both rows in one transaction, nothing when it is gone. */
  private async change(key: string, change: (task: DurableTask) => DurableTask): Promise<void> {
    await optimistically(`task ${key}`, async () => {
      const row = await getOrUndefined<TaskRow>(this.table, PARTITION, keyRow(key));
      if (!row) return;
      const before = toTask(row);
      const after = change(before);
      const properties = propertiesOf(after);
      const actions: TransactionAction[] = [['update', { partitionKey: PARTITION, rowKey: keyRow(key), ...properties }, 'Replace', { etag: row.etag }]];
      if (after.nextAttemptAt === before.nextAttemptAt) actions.push(['update', { partitionKey: PARTITION, rowKey: dueRow(key, after.nextAttemptAt), ...properties }, 'Replace']);
      else actions.push(['delete', { partitionKey: PARTITION, rowKey: dueRow(key, before.nextAttemptAt) }], ['create', { partitionKey: PARTITION, rowKey: dueRow(key, after.nextAttemptAt), ...properties }]);
      await this.table.submitTransaction(actions);
    });
  }
}

export function azureTasks(tables: AzureTables): Tasks {
  return new AzureTasks(tables.table(TABLE));
}
