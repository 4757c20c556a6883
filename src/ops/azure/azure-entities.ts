import type { TableClient, TableEntityResult, TransactionAction } from '@azure/data-tables';
import { statusOf } from './azure-tables';

/**
 * Small helpers the parts of the operational store on Azure Table Storage share: reads that answer
 * undefined for a missing entity, retries of optimistic writes, long texts over several properties,
 * and key ranges for prefixes.
 */

/** The most operations one transaction (entity group transaction) may hold. */
export const MAX_TRANSACTION = 100;

/** Point reads and writes at once per call: enough to hide the round trips, few enough not to flood the account. */
const PARALLEL = 32;

/** One entity, or undefined when it does not exist. */
export async function getOrUndefined<T extends object>(client: TableClient, partitionKey: string, rowKey: string): Promise<TableEntityResult<T> | undefined> {
  try {
    return await client.getEntity<T>(partitionKey, rowKey);
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

/** Every entity the filter selects, page by page. */
export async function listAll<T extends object>(client: TableClient, filter?: string, select?: string[]): Promise<TableEntityResult<T>[]> {
  const found: TableEntityResult<T>[] = [];
  const queryOptions = { ...(filter ? { filter } : {}), ...(select ? { select } : {}) };
  for await (const entity of client.listEntities<T>({ queryOptions })) found.push(entity);
  return found;
}

/** `work` for every item, a limited number at a time, answers in the items' order. */
export async function inParallel<T, R>(items: readonly T[], work: (item: T, index: number) => Promise<R>, limit = PARALLEL): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export const chunked = <T>(items: readonly T[], size = MAX_TRANSACTION): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** Items grouped by a key (a partition key), in the order each key was first seen. */
export function groupedBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** A short random wait before trying an optimistic write again: callers that lost together do not collide again together. */
export const backOff = (attempt: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 + attempt * 4)));

/** How often a read-check-write is tried before giving up: hundreds of callers on one entity still get through. */
export const MAX_ATTEMPTS = 500;

/**
 * Runs one read-check-write until it goes through: `attempt` reads what it needs and writes it with
 * the ETag it read (or creates what must not exist); a 412 or 409 (someone else wrote first) or a
 * 404 (someone else removed it) means reading again.
 */
export async function optimistically<R>(what: string, attempt: () => Promise<R>, retryOn: readonly number[] = [409, 412, 404]): Promise<R> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      const status = statusOf(err);
      if (status === undefined || !retryOn.includes(status)) throw err;
      if (n >= MAX_ATTEMPTS) throw new Error(`${what}: ${MAX_ATTEMPTS} attempts lost to other writers`, { cause: err });
      await backOff(n);
    }
  }
}

/** Submits operations of one partition, in transactions of at most 100. */
export async function submitAll(client: TableClient, actions: readonly TransactionAction[]): Promise<void> {
  for (const chunk of chunked(actions)) await client.submitTransaction(chunk);
}

/**
 * The first string after every string that starts with `prefix` (the prefix with its last character
 * raised by one): `key ge prefix and key lt successor` selects exactly the keys that start with it.
 */
export function successor(prefix: string): string {
  if (prefix === '') throw new Error('an empty prefix has no successor');
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** A number as a key that sorts as the number does (non-negative integers). */
export const sortableNumber = (n: number, width = 10): string => String(n).padStart(width, '0');

// A string property holds at most 64 KiB (32,768 UTF-16 units); longer texts (a task's payload, a conversation reference) take several.
const TEXT_PART = 30_000;

/**
 * A text as properties `name`, `name2`, `name3`… with their number in `nameParts` (always written,
 * so that a shorter text merged over a longer one is read back whole and alone).
 */
export function textProperties(name: string, text: string): Record<string, string | number> {
  const parts: string[] = [];
  for (let start = 0; start < text.length || parts.length === 0; ) {
    let end = Math.min(start + TEXT_PART, text.length);
    // Never split a surrogate pair: each part must be valid UTF-16 on its own.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push(text.slice(start, end));
    start = end;
  }
  return Object.fromEntries<string | number>([[`${name}Parts`, parts.length], ...parts.map((p, i): [string, string] => [i === 0 ? name : `${name}${i + 1}`, p])]);
}

/** The text written with textProperties. */
export function textOf(entity: Record<string, unknown>, name: string): string {
  const parts = typeof entity[`${name}Parts`] === 'number' ? (entity[`${name}Parts`] as number) : 1;
  let text = '';
  for (let i = 0; i < parts; i++) text += String(entity[i === 0 ? name : `${name}${i + 1}`] ?? '');
  return text;
}
