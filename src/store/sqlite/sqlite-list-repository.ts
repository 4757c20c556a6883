import type Database from 'better-sqlite3';
import type { Clock } from '../../clock/clock';
import type { CreateResult, FieldValue, Filter, ListRepository, QueryOptions, StoredItem } from '../store';
import { filterValueAsStored, normaliseFields, recordFrom } from '../field-values';
import type { ListDefinition } from '../list-schema';
import { derivedValues } from '../derived-columns';
import { exceedsThreshold, LIST_VIEW_THRESHOLD } from '../list-view-threshold';
import { ConcurrencyConflictError, ItemNotFoundError, ListViewThresholdError, NotIndexedError } from '../store-errors';

interface Row {
  id: number;
  item_key: string;
  version: number;
  created_at: string;
  modified_at: string;
  data: string;
}

/** Rows read at a time by a query that may return many (see query): about what SharePoint gives a page (999). */
const READ_PAGE = 1_000;

const OPERATORS = { eq: '=', lt: '<', gt: '>', le: '<=', ge: '>=' } as const;

function toSqlValue(value: FieldValue): string | number {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

export function etagOf(id: number | string, version: number): string {
  return `"${id},${version}"`;
}

/** One SharePoint-shaped list in SQLite. It refuses whatever a SharePoint list would refuse. */
export class SqliteListRepository<T, K extends string> implements ListRepository<T, K> {
  private readonly insert: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly byKey: Database.Statement;
  private readonly write: Database.Statement;
  private readonly sizeUpTo: Database.Statement;

  readonly listName: string;
  private readonly indexed: readonly string[];

  constructor(
    private readonly db: Database.Database,
    private readonly list: ListDefinition,
    private readonly table: string,
    private readonly clock: Clock,
    private readonly threshold = LIST_VIEW_THRESHOLD,
  ) {
    this.listName = list.displayName;
    this.indexed = list.columns.filter((c) => c.indexed).map((c) => c.name);
    this.insert = db.prepare(
      `INSERT INTO ${table} (item_key, created_at, modified_at, data) VALUES (?, ?, ?, ?) ON CONFLICT(item_key) DO NOTHING`,
    );
    this.byId = db.prepare(`SELECT * FROM ${table} WHERE id = ?`);
    this.byKey = db.prepare(`SELECT * FROM ${table} WHERE item_key = ?`);
    this.write = db.prepare(`UPDATE ${table} SET data = ?, version = version + 1, modified_at = ? WHERE id = ? AND version = ?`);
    // Counted no further than the rule needs: at most threshold + 1 entries of the smallest index.
    this.sizeUpTo = db.prepare(`SELECT count(*) FROM (SELECT 1 FROM ${table} LIMIT ?)`).pluck();
  }

  private toItem(row: Row): StoredItem<T> {
    return {
      id: String(row.id),
      key: row.item_key,
      etag: etagOf(row.id, row.version),
      createdAt: row.created_at,
      modifiedAt: row.modified_at,
      value: recordFrom<T>(this.list, JSON.parse(row.data) as Record<string, unknown>),
    };
  }

  private createSync(key: string, value: T): CreateResult<T> {
    const stored = normaliseFields(this.list, value as object);
    const now = this.clock.now().toISOString();
    const info = this.insert.run(key, now, now, JSON.stringify(stored));
    const row = this.byKey.get(key) as Row;
    return { item: this.toItem(row), created: info.changes === 1 };
  }

  async create(key: string, value: T): Promise<CreateResult<T>> {
    return this.createSync(key, value);
  }

  async createMany(items: { key: string; value: T }[]): Promise<CreateResult<T>[]> {
    // One transaction is only for speed: each create is idempotent on its own, as in a SharePoint $batch.
    return this.db.transaction(() => items.map((i) => this.createSync(i.key, i.value)))();
  }

  async getById(id: string): Promise<StoredItem<T> | undefined> {
    const row = this.byId.get(Number(id)) as Row | undefined;
    return row && this.toItem(row);
  }

  async getByKey(key: string): Promise<StoredItem<T> | undefined> {
    const row = this.byKey.get(key) as Row | undefined;
    return row && this.toItem(row);
  }

  private column(field: string): { sql: string; text: boolean } {
    if (!this.indexed.includes(field)) throw new NotIndexedError(this.listName, field);
    const type = this.list.columns.find((c) => c.name === field)?.type;
    // Text columns are indexed COLLATE NOCASE (migration 4), the way SharePoint compares text; the
    // expression must carry the same collation for SQLite to use the index.
    const text = type !== 'number' && type !== 'boolean';
    return { sql: `json_extract(data, '$.${field}')${text ? ' COLLATE NOCASE' : ''}`, text };
  }

  /**
   * The statement for a query, shaped so that every filter and order the contract allows is served
   * by an index; with `page`, the next page of an unordered query in id order.
   */
  private statementFor(
    filter?: Filter<K>,
    options: QueryOptions<K> = {},
    page?: { afterId: number; size: number } | { ids: number[] },
    columns = '*',
    ordered = true,
  ): { sql: string; params: (string | number)[] } {
    let sql = `SELECT ${columns} FROM ${this.table}`;
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (page && 'ids' in page) {
      // These items by id, the filter tested again: an item changed since its id was read is left out, as a new read would.
      where.push('id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(page.ids));
    }
    if (filter) {
      filter = filterValueAsStored(this.list, filter);
      const { sql: column } = this.column(filter.field);
      // The filter's index, always: without statistics SQLite prefers reading the table in id order
      // to sorting a range's matches, which reads every row; sorting the matches is the cheaper side.
      if (!(page && 'ids' in page)) sql += ` INDEXED BY ix_${this.table}_${filter.field}`;
      if (filter.op === 'startswith') {
        // A range the index can seek, then the exact test (the range's upper end is the highest code point).
        const prefix = String(filter.value);
        where.push(`${column} >= ? AND ${column} < ? AND substr(${column}, 1, length(?)) = ?`);
        params.push(prefix, `${prefix}\u{10FFFF}`, prefix, prefix);
      } else if (filter.op === 'ne') {
        // `<>` cannot seek an index; the two ranges either side can (and, like `<>`, leave out items without a value).
        where.push(`(${column} < ? OR ${column} > ?)`);
        params.push(toSqlValue(filter.value), toSqlValue(filter.value));
      } else {
        where.push(`${column} ${OPERATORS[filter.op]} ?`);
        params.push(toSqlValue(filter.value));
      }
    }
    if (page && 'afterId' in page) {
      where.push('id > ?');
      params.push(page.afterId);
    }
    if (where.length) sql += ` WHERE ${where.join(' AND ')}`;
    if (!ordered) {
      // Counting: no order to keep.
    } else if (options.orderBy) {
      sql += ` ORDER BY ${this.column(options.orderBy.field).sql} ${options.orderBy.descending ? 'DESC' : 'ASC'}, id`;
    } else {
      sql += ' ORDER BY id';
    }
    const limit = page && 'size' in page ? page.size : options.top;
    if (limit !== undefined) {
      sql += ' LIMIT ?';
      params.push(limit);
    }
    return { sql, params };
  }

  /**
   * How a query is read, and its first statement. Ordered or limited: one statement. Otherwise in
   * pages, as SharePoint does, with a turn for the event loop between them (reading 250,000
   * completions in one statement would hold every request and send for seconds): by id after the
   * last page's when the index is in id order (no filter, or one equal value), else the range's ids
   * first, from the index alone, then the items a page at a time.
   */
  private readingOf(filter: Filter<K> | undefined, options: QueryOptions<K>): { how: 'whole' | 'byId' | 'idsFirst'; first: { sql: string; params: (string | number)[] } } {
    if (options.orderBy || options.top !== undefined) return { how: 'whole', first: this.statementFor(filter, options) };
    if (!filter || filter.op === 'eq') return { how: 'byId', first: this.statementFor(filter, options, { afterId: 0, size: READ_PAGE }) };
    return { how: 'idsFirst', first: this.statementFor(filter, options, undefined, 'id') };
  }

  /** Refuses what SharePoint would refuse at this list's size (list-view-threshold.ts). */
  private refuseOverThreshold(filter: Filter<K> | undefined): void {
    const limit = this.threshold + 1;
    const matches = () => {
      const { sql, params } = this.statementFor(filter, { top: limit }, undefined, '1', false);
      return this.db.prepare(`SELECT count(*) FROM (${sql})`).pluck().get(...params) as number;
    };
    if (filter && exceedsThreshold(this.sizeUpTo.get(limit) as number, filter, matches, this.threshold)) {
      throw new ListViewThresholdError(this.listName, filter.field, this.threshold);
    }
  }

  async query(filter?: Filter<K>, options: QueryOptions<K> = {}): Promise<StoredItem<T>[]> {
    this.refuseOverThreshold(filter);
    const { how, first } = this.readingOf(filter, options);
    const rowsOf = ({ sql, params }: { sql: string; params: (string | number)[] }) => this.db.prepare(sql).all(...params) as Row[];
    if (how === 'whole') return rowsOf(first).map((r) => this.toItem(r));
    const items: StoredItem<T>[] = [];
    const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
    if (how === 'byId') {
      for (let rows = rowsOf(first); ; ) {
        for (const r of rows) items.push(this.toItem(r));
        if (rows.length < READ_PAGE) return items;
        await turn();
        rows = rowsOf(this.statementFor(filter, options, { afterId: rows[rows.length - 1]!.id, size: READ_PAGE }));
      }
    }
    const ids = this.db.prepare(first.sql).pluck().all(...first.params) as number[];
    for (let i = 0; i < ids.length; i += READ_PAGE) {
      if (i > 0) await turn();
      for (const r of rowsOf(this.statementFor(filter, options, { ids: ids.slice(i, i + READ_PAGE) }))) items.push(this.toItem(r));
    }
    return items;
  }

  /** SQLite's query plan for a query's first statement as `query` runs it (EXPLAIN QUERY PLAN details), so tests can prove an index serves it. */
  queryPlan(filter?: Filter<K>, options: QueryOptions<K> = {}): string[] {
    const { sql, params } = this.readingOf(filter, options).first;
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
  }

  async update(id: string, etag: string, patch: Partial<T>): Promise<StoredItem<T>> {
    const changes = normaliseFields(this.list, patch as object, true);
    return this.db.transaction(() => {
      const row = this.byId.get(Number(id)) as Row | undefined;
      if (!row) throw new ItemNotFoundError(this.listName, id);
      if (etagOf(row.id, row.version) !== etag) throw new ConcurrencyConflictError(this.listName, id);
      const merged = { ...(JSON.parse(row.data) as Record<string, unknown>) };
      for (const [field, value] of Object.entries(changes)) {
        if (value === undefined) delete merged[field];
        else merged[field] = value;
      }
      Object.assign(merged, derivedValues(this.list, merged));
      const now = this.clock.now().toISOString();
      this.write.run(JSON.stringify(merged), now, row.id, row.version);
      return this.toItem(this.byId.get(row.id) as Row);
    })();
  }

  async delete(id: string): Promise<void> {
    this.db.prepare(`DELETE FROM ${this.table} WHERE id = ?`).run(Number(id));
  }
}
