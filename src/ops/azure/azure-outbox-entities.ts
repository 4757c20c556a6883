import { createHash, randomBytes } from 'node:crypto';
import type { TableClient, TableEntityResult, TransactionAction } from '@azure/data-tables';
import type { DeliveryStatus, OutboxMessage } from '../outbox-types';
import { inParallel, listAll as listEntities, textOf, textProperties } from './azure-entities';
import { safeKey, statusOf } from './azure-tables';

/**
 * The outbox's entities on Table Storage and the small helpers around them (see azure-outbox.ts
 * for the partition design and the order of writes that keeps the indexes right).
 */

export type Raw = TableEntityResult<Record<string, unknown>>;

/** What changes over a message's life (as the interface's message has it, and where it stands here); the rest is written once. */
export type MessageState = Pick<OutboxMessage, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'sentAt' | 'activityId' | 'handedOverAt'> & {
  /** Waiting for the chat an installation promised: only bringForward makes it due. */
  awaitingChat: boolean;
  /** The RowKey of the message's entry in the due index (Queued) or the sending index (Sending); none when finished. */
  indexRow?: string;
};

export interface Stored {
  campaignId: string;
  id: number;
  key: string;
  personId: string;
  enqueuedAt: string;
  state: MessageState;
  raw: Raw;
  etag: string;
  /** The service's time of the last write, to tell an orphaned index entry from one whose write is under way. */
  timestamp: number;
}

/** Partitions of the index table. Person partitions start with 'p', so they never meet these. */
export const DUE = 'due';
export const SENDING = 'sending';
export const COUNTER = 'counter';
export const personPartition = (personId: string) => `p${safeKey(personId.toLowerCase())}`;

/** The campaign's partition in the message table. */
export const campaignPartition = (campaignId: string) => `c${safeKey(campaignId)}`;

/** Ids as RowKeys: zero-padded, so the partition's order is the order of enqueueing (SQLite's id order). */
export const pad = (id: number) => id.toString().padStart(15, '0');

/** A nonce per index write: two writers racing for the same message never create the same index entry. */
const nonce = () => randomBytes(6).toString('hex');
export const dueRow = (nextAttemptAt: string, id: number) => `${nextAttemptAt}|${pad(id)}|${nonce()}`;
export const sendingRow = (id: number) => `${pad(id)}|${nonce()}`;
/** The message id an index entry is for. */
export const idOfIndexRow = (partition: string, rowKey: string) => Number(rowKey.split('|')[partition === DUE ? 1 : 0]);
/** The partition an index row belongs to, told by its form: due rows have three parts, sending rows two. */
export const partitionOfIndexRow = (rowKey: string) => (rowKey.split('|').length === 3 ? DUE : SENDING);

/**
 * Message keys are spread over 256 partitions by a hash: a batch of keys then goes in a few
 * transactions (a key per partition would mean one request per key), and no partition gets hot.
 */
export const keyPartition = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 2);

/** A card's JSON can be longer than a string property holds: it is kept as split text (azure-entities.ts). */
export const activityProperties = (json: string) => textProperties('activity', json);
const activityOf = (raw: Raw): Record<string, unknown> => JSON.parse(textOf(raw, 'activity')) as Record<string, unknown>;

const optional = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export function storedOf(raw: Raw): Stored {
  return {
    campaignId: String(raw.campaignId),
    id: Number(raw.rowKey),
    key: String(raw.key),
    personId: String(raw.personId),
    enqueuedAt: String(raw.enqueuedAt),
    state: {
      status: raw.status as DeliveryStatus,
      attempts: Number(raw.attempts ?? 0),
      nextAttemptAt: String(raw.nextAttemptAt),
      lastError: optional(raw.lastError),
      sentAt: optional(raw.sentAt),
      activityId: optional(raw.activityId),
      handedOverAt: optional(raw.handedOverAt),
      awaitingChat: raw.awaitingChat === true,
      indexRow: optional(raw.indexRow),
    },
    raw,
    etag: raw.etag,
    timestamp: raw.timestamp ? Date.parse(raw.timestamp) : 0,
  };
}

/** The whole entity for a Replace: the fixed properties as read, the state as given (absent ones left out). */
export function entityWith(stored: Stored, state: MessageState): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  const fixed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(stored.raw)) {
    if (name === 'key' || name === 'campaignId' || name === 'personId' || name === 'enqueuedAt' || name === 'activityParts' || /^activity\d*$/.test(name)) fixed[name] = value;
  }
  return { partitionKey: stored.raw.partitionKey!, rowKey: stored.raw.rowKey!, ...fixed, ...withoutUndefined(state) };
}

export const withoutUndefined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export function toMessage(stored: Stored): OutboxMessage {
  const s = stored.state;
  return {
    id: stored.id,
    key: stored.key,
    campaignId: stored.campaignId,
    personId: stored.personId,
    activity: activityOf(stored.raw),
    status: s.status,
    attempts: s.attempts,
    nextAttemptAt: s.nextAttemptAt,
    ...(s.lastError ? { lastError: s.lastError } : {}),
    ...(s.sentAt ? { sentAt: s.sentAt } : {}),
    ...(s.activityId ? { activityId: s.activityId } : {}),
    enqueuedAt: stored.enqueuedAt,
    ...(s.handedOverAt ? { handedOverAt: s.handedOverAt } : {}),
  };
}

/** Ignores the given storage statuses (a 404 of something already gone, say). */
export async function ignoring(statuses: number[], action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (err) {
    if (!statuses.includes(statusOf(err) ?? 0)) throw err;
  }
}

/**
 * Writes actions a transaction per partition and 100 actions (and well under the 4 MiB a
 * transaction may carry); a transaction that fails (one entity already there, say) is done again
 * action by action through `one`, which decides what each failure means. Returns the actions that
 * went through in a transaction.
 */
export async function inTransactions(client: TableClient, actions: { action: TransactionAction; size: number }[], one: (action: TransactionAction) => Promise<void>): Promise<TransactionAction[]> {
  const done: TransactionAction[] = [];
  const byPartition = new Map<string, { action: TransactionAction; size: number }[]>();
  for (const a of actions) {
    const pk = String(a.action[1].partitionKey);
    byPartition.set(pk, [...(byPartition.get(pk) ?? []), a]);
  }
  const chunks: TransactionAction[][] = [];
  for (const list of byPartition.values()) {
    let chunk: TransactionAction[] = [];
    let bytes = 0;
    for (const a of list) {
      if (chunk.length === 100 || bytes + a.size > 2_000_000) {
        chunks.push(chunk);
        chunk = [];
        bytes = 0;
      }
      chunk.push(a.action);
      bytes += a.size;
    }
    if (chunk.length > 0) chunks.push(chunk);
  }
  await inParallel(chunks, async (chunk) => {
    try {
      await client.submitTransaction(chunk);
      done.push(...chunk);
    } catch (err) {
      if (statusOf(err) === undefined) throw err;
      await inParallel(chunk, one, 8);
    }
  }, 8);
  return done;
}

/** Every message or index entry a query finds, page by page, as the outbox reads them. */
export const listAll = (client: TableClient, filter: string, select?: string[]): Promise<Raw[]> => listEntities<Record<string, unknown>>(client, filter, select);
