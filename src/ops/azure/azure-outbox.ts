import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { CampaignPeopleRow } from '../../learning/campaign-figures';
import type { AppInstallations, Outbox } from '../operational-store';
import { IN_DOUBT_NOTE, type CampaignSummary, type FinalStatus, type OutboundMessage, type OutboxMessage, type RequeueSelection, type RestoredMessage } from '../outbox-types';
import { azureInstallations } from './azure-installations';
import { statusOf, type AzureTables } from './azure-tables';
import {
  activityProperties, campaignPartition, DUE, dueRow, entityWith, idOfIndexRow, ignoring, inTransactions, keyPartition, listAll, pad,
  partitionOfIndexRow, personPartition, SENDING, sendingRow, storedOf, toMessage, withoutUndefined, type MessageState, type Raw, type Stored,
} from './azure-outbox-entities';
import { inParallel } from './azure-entities';
import { safeKey } from './azure-tables';
import { campaignPeople, campaignSummary, unreachedReasons } from './azure-outbox-campaigns';
import { ORPHAN_AFTER_MS, OutboxKeys } from './azure-outbox-keys';

/**
 * The outbox on Azure Table Storage, shared by every instance of the app.
 *
 * Partitions. Outbox: a partition per campaign ("c<campaign>"), RowKey the zero-padded id, so a
 * campaign's messages, summary, figures, cancelling and retention read one partition in id order.
 * OutboxIndex: "due" holds an entry per Queued message, RowKey "<nextAttemptAt>|<id>|<nonce>", so
 * the earliest due comes first (Table Storage sorts by key only); "sending" one per Sending message,
 * RowKey "<id>|<nonce>" (finish, retry and postpone find the message by id there; recovery and the
 * pending count read it); "p<person>" hints at a person's messages waiting for a chat or finished
 * undelivered (bringForward, requeue); "counter" allocates ids. OutboxKeys: the idempotency key, in
 * 256 hash partitions (so a batch of keys goes in transactions), pointing to the message.
 *
 * The message entity is the truth and every change of it is an update with its ETag (a 412: someone
 * else changed it first). The indexes are kept a superset of the truth by the order of writes: the
 * new index entry (with a nonce of its own) is written before the message points to it, and the old
 * one deleted after the message no longer does. An entry the message does not point to is an
 * orphan, deleted once it is sure no write is still under way for it (see dropIfOrphan).
 *
 * A card is stored with each message (split over activity0, activity1, … when longer than a string
 * property may be), not once per batch as in SQLite: a shared payload could not be removed with its
 * last message without racing an enqueue that refers to it, as there are no transactions across
 * partitions; a message's own copy costs a few kilobytes.
 */
export const azureOutboxTables: readonly string[] = ['Outbox', 'OutboxIndex', 'OutboxKeys'];

type Change = Partial<MessageState> & { hintPerson?: boolean };

export class AzureOutbox implements Outbox {
  private readonly messages: TableClient;
  private readonly index: TableClient;
  private readonly keys: OutboxKeys;
  /** Due entries a claim in this process is trying now. */
  private readonly taking = new Set<string>();
  /**
   * The messages this process is sending, as last written (with their ETags): the hand-over and the
   * outcome are then one update each instead of a look-up, a read and an update. A 412 (someone
   * else changed it, e.g. a new leader's recovery) reads it again, as any change does.
   */
  private readonly sending = new Map<number, Stored>();

  constructor(tables: AzureTables, private readonly installations: Pick<AppInstallations, 'get'>) {
    this.messages = tables.table('Outbox');
    this.index = tables.table('OutboxIndex');
    this.keys = new OutboxKeys(tables.table('OutboxKeys'), this.index, async (campaignId, id) => (await this.read(campaignId, id)) !== undefined);
  }

  async enqueue(messages: OutboundMessage[], now: string): Promise<{ queued: number; alreadyKnown: number }> {
    const queued = await this.put(messages.map((m) => ({ ...m, enqueuedAt: now, state: { status: 'Queued', attempts: 0, nextAttemptAt: now, awaitingChat: false } })), ORPHAN_AFTER_MS);
    return { queued, alreadyKnown: messages.length - queued };
  }

  async restore(messages: readonly RestoredMessage[]): Promise<number> {
    return this.put(
      messages.map(({ awaitingChat, status, attempts, nextAttemptAt, lastError, sentAt, activityId, ...m }) => ({
        ...m,
        state: { status: status === 'Sending' ? 'Queued' : status, attempts, nextAttemptAt, lastError, sentAt, activityId, awaitingChat: Boolean(awaitingChat) },
      })),
      // A key without its message is taken over at once: a copy cut short between the two, run
      // again. Nothing else writes these keys during a move (they come from the old store).
      0,
    );
  }

  /**
   * Writes messages whose keys are new, each in the state given: the key first (whoever creates it
   * owns it), then the due entry of a Queued one and the person's hint of one that waits for a chat
   * or ended undelivered, then the message. Returns how many were written.
   */
  private async put(messages: (OutboundMessage & { enqueuedAt: string; state: Omit<MessageState, 'indexRow'> })[], orphanAfterMs: number): Promise<number> {
    // A key twice in one batch: the first stands, as with SQLite's ON CONFLICT DO NOTHING.
    const first = new Map<string, (typeof messages)[number]>();
    for (const m of messages) if (!first.has(m.key)) first.set(m.key, m);
    const batch = [...first.values()];
    if (batch.length === 0) return 0;
    const firstId = await this.keys.allocateIds(batch.length);
    const ids = new Map(batch.map((m, i) => [m.key, firstId + i]));

    // 1. The keys: whoever creates a key first owns it (a 409 for everyone else, on any instance).
    const won = new Set<string>();
    const keyEntity = (m: OutboundMessage) => ({ partitionKey: keyPartition(m.key), rowKey: safeKey(m.key), campaignId: m.campaignId, id: String(ids.get(m.key)) });
    const created = await inTransactions(
      this.keys.table,
      batch.map((m) => ({ action: ['create', keyEntity(m)] as TransactionAction, size: 200 + m.key.length * 2 })),
      async ([, entity]) => {
        const m = first.get(decodeURIComponent(String(entity.rowKey)))!;
        if (await this.keys.claimKey(keyEntity(m), orphanAfterMs)) won.add(m.key);
      },
    );
    for (const [, entity] of created) won.add(decodeURIComponent(String(entity.rowKey)));
    const fresh = batch.filter((m) => won.has(m.key));

    // 2. Due entries before the messages, so a Queued message always has one; 3. the messages.
    const json = new Map<Record<string, unknown>, string>();
    const jsonOf = (activity: Record<string, unknown>) => json.get(activity) ?? json.set(activity, JSON.stringify(activity)).get(activity)!;
    const queued = fresh.filter((m) => m.state.status === 'Queued');
    const rows = new Map(queued.map((m) => [m.key, dueRow(m.state.nextAttemptAt, ids.get(m.key)!)]));
    const create = async ([, entity]: TransactionAction) => ignoring([409], () => (entity.partitionKey === DUE ? this.index : this.messages).createEntity(entity));
    await inTransactions(this.index, queued.map((m) => ({ action: ['create', { partitionKey: DUE, rowKey: rows.get(m.key)!, campaignId: m.campaignId }] as TransactionAction, size: 200 })), create);
    // Only restored messages can wait for a chat or have ended undelivered: a new one is just queued.
    const hinted = fresh.filter((m) => m.state.awaitingChat || (m.state.status !== 'Queued' && m.state.status !== 'Sent'));
    await inParallel(hinted, (m) => this.index.upsertEntity({ partitionKey: personPartition(m.personId), rowKey: pad(ids.get(m.key)!), campaignId: m.campaignId }, 'Replace').then(() => undefined));
    await inTransactions(
      this.messages,
      fresh.map((m) => {
        const activity = activityProperties(jsonOf(m.activity));
        const state: MessageState = withoutUndefined({ ...m.state, indexRow: rows.get(m.key) });
        const entity = { partitionKey: campaignPartition(m.campaignId), rowKey: pad(ids.get(m.key)!), key: m.key, campaignId: m.campaignId, personId: m.personId.toLowerCase(), enqueuedAt: m.enqueuedAt, ...activity, ...state };
        return { action: ['create', entity] as TransactionAction, size: 1000 + jsonOf(m.activity).length * 2 };
      }),
      create,
    );
    return fresh.length;
  }

  async claimNext(now: string): Promise<OutboxMessage | undefined> {
    // '|' < '}': an entry due at `now` exactly is included, as with SQLite's next_attempt_at <= now.
    const filter = odata`PartitionKey eq ${DUE} and RowKey lt ${`${now}}`}`;
    for await (const page of this.index.listEntities<Record<string, unknown>>({ queryOptions: { filter } }).byPage({ maxPageSize: 16 })) {
      for (const entry of page) {
        // Claims made at once here take different entries, in order, instead of racing for the first.
        if (this.taking.has(entry.rowKey!)) continue;
        this.taking.add(entry.rowKey!);
        try {
          const current = await this.read(String(entry.campaignId), idOfIndexRow(DUE, entry.rowKey!));
          if (!current || current.state.indexRow !== entry.rowKey) {
            await this.dropIfOrphan(entry, current);
            continue;
          }
          // One try with the ETag read: on a 412 another claimer took it, and the next candidate is tried.
          const claimed = await this.change(current, (s) => (s.status === 'Queued' && s.indexRow === entry.rowKey ? { status: 'Sending', attempts: s.attempts + 1, handedOverAt: undefined } : undefined), true);
          if (claimed) {
            this.sending.set(claimed.id, claimed);
            return toMessage(claimed);
          }
        } finally {
          // Kept until the claim has deleted the due entry, so a listing meanwhile does not try it again.
          this.taking.delete(entry.rowKey!);
        }
      }
    }
    return undefined;
  }

  async finish(id: number, status: FinalStatus, details: { at: string; activityId?: string; error?: string }): Promise<void> {
    await this.changeSending(id, () => ({ status, sentAt: status === 'Sent' ? details.at : undefined, activityId: details.activityId, lastError: details.error, handedOverAt: undefined, hintPerson: status !== 'Sent' }));
  }

  async postpone(id: number, nextAttemptAt: string, note: string): Promise<void> {
    await this.changeSending(id, (s) => ({ status: 'Queued', nextAttemptAt, lastError: note, attempts: Math.max(0, s.attempts - 1), handedOverAt: undefined }));
  }

  async retryLater(id: number, nextAttemptAt: string, error: string, awaitingChat = false): Promise<void> {
    await this.changeSending(id, () => ({ status: 'Queued', nextAttemptAt, lastError: error, awaitingChat, handedOverAt: undefined, hintPerson: awaitingChat }));
  }

  async handOver(id: number, at: string): Promise<boolean> {
    // Only this process's own claim (its sending entry, with the claim's nonce): a message another
    // leader recovered and claimed again meanwhile is theirs to send, and this one must not.
    const mine = this.sending.get(id);
    if (!mine || mine.state.handedOverAt) return false;
    const claim = mine.state.indexRow;
    const changed = await this.change(mine, (s) => (s.status === 'Sending' && s.indexRow === claim && !s.handedOverAt ? { handedOverAt: at } : undefined));
    // Not ours any more: forgotten here, so nothing this process records for it changes the new claim.
    if (changed) this.sending.set(id, changed);
    else this.sending.delete(id);
    return changed !== undefined;
  }

  async recoverInterrupted(sendAgain: (message: { key: string; campaignId: string }) => boolean = () => true): Promise<{ requeued: number; settled: number }> {
    // Sends whose answer was never recorded (the process stopped mid-send): see delivery-service.ts.
    const counts = { requeued: 0, settled: 0 };
    await inParallel(await listAll(this.index, odata`PartitionKey eq ${SENDING}`), async (entry) => {
      const current = await this.read(String(entry.campaignId), idOfIndexRow(SENDING, entry.rowKey!));
      if (!current || current.state.indexRow !== entry.rowKey) return this.dropIfOrphan(entry, current);
      // Decided on each read: a former leader may record its hand-over between a read and the write.
      const changed = await this.change(current, (s) =>
        s.status !== 'Sending' || s.indexRow !== entry.rowKey
          ? undefined
          : s.handedOverAt && !sendAgain(current)
            ? { status: 'Sent', sentAt: s.handedOverAt, lastError: IN_DOUBT_NOTE }
            : { status: 'Queued', handedOverAt: undefined, lastError: s.lastError ?? 'avbruten sändning: skickas igen' },
      );
      if (changed) counts[changed.state.status === 'Sent' ? 'settled' : 'requeued']++;
    });
    return counts;
  }

  async nextDueAt(): Promise<string | undefined> {
    for await (const page of this.index.listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`PartitionKey eq ${DUE}` } }).byPage({ maxPageSize: 16 })) {
      for (const entry of page) {
        const current = await this.read(String(entry.campaignId), idOfIndexRow(DUE, entry.rowKey!));
        if (current && current.state.indexRow === entry.rowKey && current.state.status === 'Queued') return current.state.nextAttemptAt;
        await this.dropIfOrphan(entry, current);
      }
    }
    return undefined;
  }

  async get(key: string): Promise<OutboxMessage | undefined> {
    const pointer = await this.keys.pointer(key);
    const stored = pointer && (await this.read(pointer.campaignId, pointer.id));
    return stored && stored.key === key ? toMessage(stored) : undefined;
  }

  async campaignSummary(campaignId: string): Promise<CampaignSummary> {
    return campaignSummary(this.messages, campaignId);
  }

  async unreachedReasons(campaignId: string): Promise<Record<string, number>> {
    return unreachedReasons(this.messages, this.installations, campaignId);
  }

  async campaignPeople(campaignId: string): Promise<CampaignPeopleRow[]> {
    return campaignPeople(this.messages, this.installations, campaignId);
  }

  async messagesOf(campaignId: string): Promise<OutboxMessage[]> {
    return (await listAll(this.messages, odata`PartitionKey eq ${campaignPartition(campaignId)}`)).map((raw) => toMessage(storedOf(raw)));
  }

  async bringForward(personId: string, now: string): Promise<number> {
    let brought = 0;
    await this.eachHinted(personId, async (current) => {
      const changed = await this.change(current, (s) => (s.status === 'Queued' && s.awaitingChat && s.nextAttemptAt > now ? { nextAttemptAt: now, awaitingChat: false } : undefined));
      if (changed) brought++;
    });
    return brought;
  }

  async pendingCount(): Promise<number> {
    // Distinct ids: a message being moved from one entry to the next has both for a moment.
    const entries = await listAll(this.index, odata`PartitionKey eq ${DUE} or PartitionKey eq ${SENDING}`, ['PartitionKey', 'RowKey']);
    return new Set(entries.map((e) => idOfIndexRow(e.partitionKey!, e.rowKey!))).size;
  }

  async requeue(selection: RequeueSelection, now: string): Promise<number> {
    if (selection.statuses.length === 0) return 0;
    let requeued = 0;
    await this.eachHinted(selection.personId, async (current) => {
      // The check and the change are one update with the ETag: a second caller finds it Queued and leaves it.
      // 'Sent' is refused here as well as by the type: a delivered message must never go out again.
      const changed = await this.change(current, (s) =>
        (selection.statuses as readonly string[]).includes(s.status) && s.status !== 'Sent' && current.campaignId.startsWith(selection.campaignPrefix) && current.enqueuedAt >= selection.enqueuedSince
          ? { status: 'Queued', attempts: 0, nextAttemptAt: now, lastError: `skickas igen: mottagaren kan nås nu (var ${s.status})` }
          : undefined,
      );
      if (changed) requeued++;
    });
    return requeued;
  }

  async cancelQueued(campaignId: string): Promise<number> {
    const queued = await listAll(this.messages, odata`PartitionKey eq ${campaignPartition(campaignId)} and status eq 'Queued'`, ['RowKey']);
    return this.removeAll(campaignId, queued, (s) => s.state.status === 'Queued');
  }

  async deleteFinished(campaignPrefix: string, before: string): Promise<number> {
    // The campaigns whose id starts with the prefix are the partitions from campaignPartition(prefix) up to the next prefix.
    const low = campaignPartition(campaignPrefix);
    const high = `${low.slice(0, -1)}${String.fromCharCode(low.charCodeAt(low.length - 1) + 1)}`;
    const finished = (await listAll(this.messages, odata`PartitionKey ge ${low} and PartitionKey lt ${high} and status ne 'Queued' and status ne 'Sending' and enqueuedAt lt ${before}`, ['PartitionKey', 'RowKey', 'campaignId']));
    let deleted = 0;
    const byCampaign = new Map<string, Raw[]>();
    for (const raw of finished) byCampaign.set(String(raw.campaignId), [...(byCampaign.get(String(raw.campaignId)) ?? []), raw]);
    for (const [campaignId, rows] of byCampaign) {
      deleted += await this.removeAll(campaignId, rows, (s) => s.state.status !== 'Queued' && s.state.status !== 'Sending' && s.enqueuedAt < before);
    }
    return deleted;
  }

  private async read(campaignId: string, id: number): Promise<Stored | undefined> {
    try {
      return storedOf(await this.messages.getEntity<Record<string, unknown>>(campaignPartition(campaignId), pad(id)));
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  /**
   * Changes a message as `decide` says, with its ETag: on a 412 it is read again and decided anew
   * (`once`: given up, for a claim). Its new index entry is written before it, the old one deleted after.
   */
  private async change(given: Stored, decide: (s: MessageState) => Change | undefined, once = false): Promise<Stored | undefined> {
    for (let current: Stored | undefined = given; current; current = once ? undefined : await this.read(current.campaignId, current.id)) {
      const decided = decide(current.state);
      if (!decided) return undefined;
      const { hintPerson, ...patch } = decided;
      const next: MessageState = { ...current.state, ...patch };
      const kept = next.status === current.state.status && (next.status !== 'Queued' || next.nextAttemptAt === current.state.nextAttemptAt);
      next.indexRow = next.status === 'Queued' ? (kept ? current.state.indexRow : dueRow(next.nextAttemptAt, current.id)) : next.status === 'Sending' ? (kept ? current.state.indexRow : sendingRow(current.id)) : undefined;
      const partition = next.status === 'Queued' ? DUE : SENDING;
      const created = next.indexRow !== current.state.indexRow ? next.indexRow : undefined;
      if (created) await this.index.createEntity({ partitionKey: partition, rowKey: created, campaignId: current.campaignId });
      if (hintPerson) await this.index.upsertEntity({ partitionKey: personPartition(current.personId), rowKey: pad(current.id), campaignId: current.campaignId }, 'Replace');
      try {
        const written = await this.messages.updateEntity(withoutUndefined(entityWith(current, next)), 'Replace', { etag: current.etag });
        if (current.state.indexRow && current.state.indexRow !== next.indexRow) await this.dropIndexEntry(current.state.indexRow);
        const raw = { ...entityWith(current, next), etag: written.etag!, timestamp: new Date().toISOString() } as Raw;
        return { ...current, state: next, raw, etag: written.etag! };
      } catch (err) {
        if (created) await ignoring([404], () => this.index.deleteEntity(partition, created));
        if (statusOf(err) === 404) return undefined;
        if (statusOf(err) !== 412) throw err;
      }
    }
    return undefined;
  }

  /** Deletes the index entry a message no longer points to (its row is its alone, so no ETag is needed). */
  private dropIndexEntry(row: string): Promise<void> {
    return ignoring([404], () => this.index.deleteEntity(partitionOfIndexRow(row), row));
  }

  /** A message being sent, found by id through its sending entry; a message not being sent is not changed. */
  private async changeSending(id: number, decide: (s: MessageState) => Change): Promise<void> {
    // Only this process's own claims, all of which it keeps here from claimNext on, by their sending
    // entry: a message recovered and claimed again by another leader carries another entry, and is
    // theirs to finish; one this process has let go of is not in the map at all.
    const current = this.sending.get(id);
    if (!current) return;
    const claim = current.state.indexRow;
    const changed = await this.change(current, (s) => (s.status === 'Sending' && s.indexRow === claim ? decide(s) : undefined));
    if (changed?.state.status === 'Sending') this.sending.set(id, changed);
    else this.sending.delete(id);
  }

  /**
   * Deletes an index entry the message does not point to, when no write for it can still be under
   * way: the message was written after the entry (a write that made the entry and then lost its
   * ETag race), or the entry is old (its writer stopped between the two writes).
   */
  private async dropIfOrphan(entry: Raw, message: Stored | undefined): Promise<void> {
    const made = entry.timestamp ? Date.parse(entry.timestamp) : 0;
    if ((message && message.timestamp > made) || Date.now() - made > ORPHAN_AFTER_MS) {
      await ignoring([404, 412], () => this.index.deleteEntity(entry.partitionKey!, entry.rowKey!, { etag: entry.etag }));
    }
  }

  /** The person's hinted messages; a hint whose message is gone or sent (it never changes again) is dropped. */
  private async eachHinted(personId: string, work: (current: Stored) => Promise<void>): Promise<void> {
    await inParallel(await listAll(this.index, odata`PartitionKey eq ${personPartition(personId)}`), async (hint) => {
      const current = await this.read(String(hint.campaignId), Number(hint.rowKey));
      if (!current || current.state.status === 'Sent') {
        // With the ETag read: a hint written again meanwhile (the message finished again) stays.
        await ignoring([404, 412], () => this.index.deleteEntity(hint.partitionKey!, hint.rowKey!, { etag: hint.etag }));
        return;
      }
      await work(current);
    });
  }

  /** Removes the listed messages that still `match` when deleted (with their ETags), and their index entries and keys. */
  private async removeAll(campaignId: string, rows: Raw[], match: (s: Stored) => boolean): Promise<number> {
    let removed = 0;
    await inParallel(rows, async (row) => {
      for (let current = await this.read(campaignId, Number(row.rowKey)); current && match(current); current = await this.read(campaignId, current.id)) {
        try {
          await this.messages.deleteEntity(current.raw.partitionKey!, current.raw.rowKey!, { etag: current.etag });
        } catch (err) {
          if (statusOf(err) === 404) return;
          if (statusOf(err) === 412) continue;
          throw err;
        }
        removed++;
        if (current.state.indexRow) await this.dropIndexEntry(current.state.indexRow);
        // The key is free again, as with a deleted SQLite row.
        await this.keys.release(current.key, current.id);
        return;
      }
    });
    return removed;
  }
}

/**
 * The outbox on Azure Table Storage. The installation outcomes that explain unreached people are
 * read through the installations part (no join on Table Storage).
 */
export function azureOutbox(tables: AzureTables): Outbox {
  return new AzureOutbox(tables, azureInstallations(tables));
}
