import type { Client } from '@microsoft/microsoft-graph-client';
import { filterExpression, odataLiteral, queryString } from '../../graph/odata';
import { filterValueAsStored, KEY_COLUMN } from '../field-values';
import type { ListDefinition } from '../list-schema';
import type { CreateResult, Filter, ListRepository, QueryOptions, StoredItem } from '../store';
import { derivedValues, touchesDerivedInputs } from '../derived-columns';
import { LIST_VIEW_THRESHOLD } from '../list-view-threshold';
import { ConcurrencyConflictError, ItemNotFoundError, ListViewThresholdError, NotIndexedError } from '../store-errors';
import {
  DEFAULT_RETRY,
  isOutcomeUnknown,
  isThresholdRefusal,
  isThrottled,
  readAllPages,
  readWithRetries,
  retryAfterMs,
  sleep,
  statusOf,
  toStoreError,
  type RetryPolicy,
} from './graph-calls';
import { storedItemFrom, storedItemFromFields, toGraphFields, type GraphFields, type GraphListItem } from './list-item-fields';

/** SharePoint writes a date-time literal without milliseconds: "2026-03-02T09:00:00Z". */
function asGraphLiteral<F extends Filter<string>>(filter: F): F {
  return typeof filter.value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/.test(filter.value) ? { ...filter, value: filter.value.replace(/\.000Z$/, 'Z') } : filter;
}

/** Graph accepts at most 20 requests in one $batch. */
const BATCH_LIMIT = 20;
/** Items per page when reading a whole query. */
const PAGE_SIZE = 999;

interface BatchResponse {
  responses: { id: string; status: number; headers?: Record<string, string>; body?: unknown }[];
}

/**
 * One SharePoint list behind the Store contract, through Microsoft Graph. Creates are idempotent
 * through the unique ItemKey column (the SDK may repeat a POST, and a lost response leaves the
 * outcome unknown); updates carry If-Match and surface 412 as ConcurrencyConflictError.
 */
export class SharePointListRepository<T, K extends string> implements ListRepository<T, K> {
  readonly listName: string;
  private readonly itemsPath: string;
  private readonly indexed: string[];

  constructor(
    private readonly client: Client,
    private readonly siteId: string,
    private readonly listId: string,
    private readonly list: ListDefinition,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {
    this.listName = list.displayName;
    this.itemsPath = `/sites/${siteId}/lists/${listId}/items`;
    this.indexed = list.columns.filter((c) => c.indexed).map((c) => c.name);
  }

  private requireIndexed(field: string): void {
    if (!this.indexed.includes(field)) throw new NotIndexedError(this.listName, field);
  }

  async getById(id: string): Promise<StoredItem<T> | undefined> {
    if (!/^\d+$/.test(id)) return undefined;
    try {
      const item = (await readWithRetries(() => this.client.api(`${this.itemsPath}/${id}?$expand=fields`).get(), this.retry)) as GraphListItem;
      return storedItemFrom<T>(this.list, item);
    } catch (err) {
      if ((err as { status?: number }).status === 404) return undefined;
      throw err;
    }
  }

  async getByKey(key: string): Promise<StoredItem<T> | undefined> {
    const query = queryString({ $expand: 'fields', $filter: `fields/${KEY_COLUMN} eq ${odataLiteral(key)}`, $top: 1 });
    const [item] = await readAllPages<GraphListItem>(this.client, `${this.itemsPath}?${query}`, 1, this.retry);
    return item && storedItemFrom<T>(this.list, item);
  }

  async query(filter?: Filter<K>, options: QueryOptions<K> = {}): Promise<StoredItem<T>[]> {
    if (filter) this.requireIndexed(filter.field);
    if (options.orderBy) this.requireIndexed(options.orderBy.field);
    const query = queryString({
      $expand: 'fields',
      $filter: filter ? filterExpression(asGraphLiteral(filterValueAsStored(this.list, filter))) : undefined,
      $orderby: options.orderBy ? `fields/${options.orderBy.field} ${options.orderBy.descending ? 'desc' : 'asc'}` : undefined,
      $top: Math.min(options.top ?? PAGE_SIZE, PAGE_SIZE),
    });
    try {
      const items = await readAllPages<GraphListItem>(this.client, `${this.itemsPath}?${query}`, options.top, this.retry);
      return items.map((i) => storedItemFrom<T>(this.list, i));
    } catch (err) {
      if (filter && isThresholdRefusal(err)) throw new ListViewThresholdError(this.listName, filter.field, LIST_VIEW_THRESHOLD);
      throw err;
    }
  }

  async create(key: string, value: T): Promise<CreateResult<T>> {
    const fields = { ...toGraphFields(this.list, value as object), [KEY_COLUMN]: key, Title: key };
    // Set once an attempt may have written without our knowing: a 409 after it is that write.
    let mayHaveWritten = false;
    for (let attempt = 0; ; attempt++) {
      try {
        const item = (await this.client.api(this.itemsPath).post({ fields })) as GraphListItem;
        return { item: storedItemFrom<T>(this.list, item), created: true };
      } catch (err) {
        const unknown = isOutcomeUnknown(err);
        if (!unknown && !isThrottled(err)) {
          // A unique-key clash is 409 through Graph today, but SharePoint's own API answers it with 500
          // (SPDuplicateValuesFoundException) and Graph does not document it: after any refusal the key
          // decides. Found, it is ours (or an earlier write of ours); not found, the refusal stands.
          const found = await this.getByKey(key);
          if (found) return { item: found, created: mayHaveWritten };
          throw toStoreError(err);
        }
        mayHaveWritten ||= unknown;
        if (attempt + 1 >= this.retry.attempts) throw toStoreError(err);
        if (unknown) {
          // The write may have landed before the answer was lost: look before writing again. If the
          // look fails too, write again anyway: a write that had landed answers 409 and is found then.
          const landed = await this.getByKey(key).catch(() => undefined);
          if (landed) return { item: landed, created: true };
        }
        await sleep(retryAfterMs(err, attempt, this.retry));
      }
    }
  }

  async createMany(items: { key: string; value: T }[]): Promise<CreateResult<T>[]> {
    const results: CreateResult<T>[] = new Array(items.length);
    for (let start = 0; start < items.length; start += BATCH_LIMIT) {
      const chunk = items.slice(start, start + BATCH_LIMIT);
      const done = await this.createBatch(chunk);
      done.forEach((r, i) => (results[start + i] = r));
    }
    return results;
  }

  /** One $batch of creates. The SDK does not retry inside a batch: throttled requests are sent again here. */
  private async createBatch(chunk: { key: string; value: T }[]): Promise<CreateResult<T>[]> {
    const results = new Map<number, CreateResult<T>>();
    const bodies = chunk.map(({ key, value }) => ({ ...toGraphFields(this.list, value as object), [KEY_COLUMN]: key, Title: key }));
    let pending = chunk.map((_, i) => i);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= this.retry.attempts) throw toStoreError(new Error(`${this.listName}: ${pending.length} poster kunde inte skapas efter ${attempt} försök`));
      let response: BatchResponse;
      try {
        response = (await this.client.api('/$batch').post({
          requests: pending.map((i) => ({
            id: String(i),
            method: 'POST',
            url: this.itemsPath,
            headers: { 'Content-Type': 'application/json' },
            body: { fields: bodies[i] },
          })),
        })) as BatchResponse;
      } catch (err) {
        if (!(isOutcomeUnknown(err) || isThrottled(err))) throw toStoreError(err);
        // Sending the whole batch again is safe: a create that landed answers 409 and is looked up by key.
        await sleep(retryAfterMs(err, attempt, this.retry));
        continue;
      }
      const again: number[] = [];
      let waitMs = 0;
      for (const r of response.responses) {
        const i = Number(r.id);
        if (r.status === 201) results.set(i, { item: storedItemFrom<T>(this.list, r.body as GraphListItem), created: true });
        else if (r.status === 429 || r.status === 503 || r.status === 504) {
          again.push(i);
          const seconds = Number(r.headers?.['Retry-After'] ?? r.headers?.['retry-after']);
          waitMs = Math.max(waitMs, Number.isFinite(seconds) ? seconds * 1000 : retryAfterMs(undefined, attempt, this.retry));
        } else {
          // Any other refusal (409, or 500/400 for a duplicate key): the key decides, as in create.
          const found = await this.getByKey(chunk[i]!.key);
          if (found) {
            results.set(i, { item: found, created: false });
            continue;
          }
          const error = (r.body as { error?: { code?: string; message?: string } } | undefined)?.error;
          throw toStoreError(Object.assign(new Error(`${this.listName}: ${r.status} ${error?.code ?? ''} ${error?.message ?? ''}`)));
        }
      }
      pending = again.sort((a, b) => a - b);
      if (pending.length > 0) await sleep(Math.min(waitMs, this.retry.maxDelayMs));
    }
    return chunk.map((_, i) => results.get(i)!);
  }

  async update(id: string, etag: string, patch: Partial<T>): Promise<StoredItem<T>> {
    const fields = toGraphFields(this.list, patch as object, true);
    if (touchesDerivedInputs(this.list, patch as object)) {
      // A field a derived column is made from changes: the column is written from the whole record.
      // The item is read as it stands; were it changed since `etag`, the PATCH below meets 412 anyway.
      const current = await this.getById(id);
      if (!current) throw new ItemNotFoundError(this.listName, id);
      Object.assign(fields, derivedValues(this.list, { ...(current.value as object), ...(patch as object) }));
    }
    for (let attempt = 0; ; attempt++) {
      try {
        const result = (await this.client.api(`${this.itemsPath}/${id}/fields`).header('If-Match', etag).patch(fields)) as GraphFields;
        // The answer's field set normally carries the new eTag; without it the next update would send
        // `If-Match: undefined`, so the item is read back (its eTag, and the times, as stored).
        if (!result['@odata.etag']) {
          const current = await this.getById(id);
          if (!current) throw new ItemNotFoundError(this.listName, id);
          return current;
        }
        return storedItemFromFields<T>(this.list, id, result);
      } catch (err) {
        const status = statusOf(err);
        if (status === 404) throw new ItemNotFoundError(this.listName, id);
        if (status === 412) {
          // A retried PATCH whose first attempt landed also meets 412: then the item already holds what we wrote.
          if (attempt > 0) {
            const current = await this.getById(id);
            if (current && this.holds(current, fields)) return current;
          }
          throw new ConcurrencyConflictError(this.listName, id);
        }
        if (attempt + 1 >= this.retry.attempts || !(isOutcomeUnknown(err) || isThrottled(err))) throw toStoreError(err);
        await sleep(retryAfterMs(err, attempt, this.retry));
      }
    }
  }

  private holds(item: StoredItem<T>, fields: Record<string, unknown>): boolean {
    const written = toGraphFields(this.list, item.value as object);
    return Object.entries(fields).every(([name, value]) => (value === null ? written[name] === undefined : JSON.stringify(written[name]) === JSON.stringify(value)));
  }

  async delete(id: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.client.api(`${this.itemsPath}/${id}`).delete();
        return;
      } catch (err) {
        if (statusOf(err) === 404) return;
        if (attempt + 1 >= this.retry.attempts || !(isOutcomeUnknown(err) || isThrottled(err))) throw toStoreError(err);
        await sleep(retryAfterMs(err, attempt, this.retry));
      }
    }
  }
}
