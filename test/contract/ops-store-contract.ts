import type { InstallRecord, LedgerEntry, OperationalStore, Outbox } from '../../src/ops/operational-store';
import { IN_DOUBT_NOTE, type FinalStatus, type OutboundMessage, type OutboxMessage, type RestoredMessage } from '../../src/ops/outbox-types';
import type { ConversationRecord } from '../../src/ops/conversation-record';
import type { StaffMember, StaffSyncState } from '../../src/organisation/staff';
import type { IncidentSummary } from '../../src/status/incident-tally';

/**
 * The OperationalStore contract: what every implementation (SQLite today, Azure Table Storage next)
 * promises the app. Only the interface is used here, never SQL, so the same suite runs against each.
 * Times are given explicitly (ISO 8601); nothing waits on a clock.
 */
export interface OperationalStoreUnderTest {
  ops: OperationalStore;
  close: () => Promise<void>;
}

/** An instant `minutes` after 08:00 UTC on 2 March 2026. */
const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 8, minutes)).toISOString();
const T0 = at(0);

const card = (text: string): Record<string, unknown> => ({ type: 'message', text, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { body: [{ type: 'TextBlock', text }] } }] });

const message = (key: string, campaignId: string, personId: string, activity: Record<string, unknown> = card(key)): OutboundMessage => ({ key, campaignId, personId, activity });

/** Claims every message due at `now`, keyed by message key. */
async function claimAll(outbox: Outbox, now: string): Promise<Map<string, OutboxMessage>> {
  const claimed = new Map<string, OutboxMessage>();
  for (let m = await outbox.claimNext(now); m; m = await outbox.claimNext(now)) claimed.set(m.key, m);
  return claimed;
}

/** Enqueues messages and ends each as given: a final status, still Sending, or back in the queue until later. */
async function deliver(outbox: Outbox, now: string, outcomes: [OutboundMessage, FinalStatus | 'Sending' | 'Queued'][]): Promise<Map<string, OutboxMessage>> {
  await outbox.enqueue(
    outcomes.map(([m]) => m),
    now,
  );
  const claimed = await claimAll(outbox, now);
  for (const [m, outcome] of outcomes) {
    const id = claimed.get(m.key)!.id;
    if (outcome === 'Queued') await outbox.retryLater(id, at(24 * 60), 'försöker igen');
    else if (outcome !== 'Sending') await outbox.finish(id, outcome, { at: now, ...(outcome === 'Sent' ? { activityId: `act-${m.key}` } : { error: outcome }) });
  }
  return claimed;
}

const entry = (overrides: Partial<LedgerEntry> = {}): LedgerEntry => ({ year: 2026, quarter: 1, kind: 'learning:natfiske', committee: 'SN', person: 'p1', ...overrides });

const conversation = (conversationId: string, overrides: Partial<Omit<ConversationRecord, 'welcomedAt'>> = {}): Omit<ConversationRecord, 'welcomedAt'> => ({
  conversationId,
  personId: 'anna',
  tenantId: 'tenant-1',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  conversationType: 'personal',
  reference: { bot: { id: '28:bot' }, conversation: { id: conversationId }, channelId: 'msteams' },
  updatedAt: T0,
  ...overrides,
});

const member = (personId: string, overrides: Partial<StaffMember> = {}): StaffMember => ({
  personId,
  displayName: `Person ${personId}`,
  email: `${personId.toLowerCase()}@kommun.se`,
  accountEnabled: true,
  attributeValue: 'Socialförvaltningen',
  groupIds: ['g1'],
  assignments: [{ role: 'medarbetare', committeeCode: 'SN' }],
  ...overrides,
});

const syncState = (deltaLink: string): StaffSyncState => ({ deltaLink, syncedAt: T0, fullReadAt: T0, attribute: 'department' });

const incidentSummary = (overrides: Partial<IncidentSummary> = {}): IncidentSummary => ({ year: 2026, quarter: 1, committeeCode: 'SN', category: 'natfiske', kind: 'incident', open: true, ...overrides });

/** Order-free comparison of rows. */
const sortedRows = <T>(rows: readonly T[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

export function operationalStoreContract(name: string, open: () => Promise<OperationalStoreUnderTest>): void {
  describe(`the operational store (${name})`, () => {
    let subject: OperationalStoreUnderTest;
    let ops: OperationalStore;
    beforeEach(async () => {
      subject = await open();
      ops = subject.ops;
    });
    afterEach(() => subject.close());

    describe('outbox', () => {
      it('stores a message once per key: a repeated key, in a later batch or the same one, keeps the first message', async () => {
        const first = await ops.outbox.enqueue([message('k1', 'c1', 'p1', card('först')), message('k2', 'c1', 'p2')], T0);
        expect(first).toEqual({ queued: 2, alreadyKnown: 0 });
        const again = await ops.outbox.enqueue([message('k1', 'c1', 'p1', card('igen')), message('k3', 'c1', 'p3'), message('k3', 'c1', 'p3')], at(5));
        expect(again).toEqual({ queued: 1, alreadyKnown: 2 });
        expect((await ops.outbox.get('k1'))!.activity).toEqual(card('först'));
        expect((await ops.outbox.get('k1'))!.enqueuedAt).toBe(T0);
        expect((await ops.outbox.messagesOf('c1')).map((m) => m.key).sort()).toEqual(['k1', 'k2', 'k3']);
        expect(await ops.outbox.pendingCount()).toBe(3);
      });

      it('reads an enqueued message back as queued, due now, untried', async () => {
        await ops.outbox.enqueue([message('k1', 'c1', 'p1', card('hej åäö "citat"'))], T0);
        const stored = await ops.outbox.get('k1');
        expect(stored).toMatchObject({ key: 'k1', campaignId: 'c1', personId: 'p1', activity: card('hej åäö "citat"'), status: 'Queued', attempts: 0, nextAttemptAt: T0, enqueuedAt: T0 });
        expect(stored).not.toHaveProperty('sentAt');
        expect(stored).not.toHaveProperty('lastError');
        expect(typeof stored!.id).toBe('number');
        expect(await ops.outbox.get('finns-inte')).toBeUndefined();
      });

      it('gives each message of a shared card the card as its own object', async () => {
        const shared = card('samma kort till alla');
        await ops.outbox.enqueue(['p1', 'p2', 'p3'].map((p) => message(`k-${p}`, 'c1', p, shared)), T0);
        const messages = await ops.outbox.messagesOf('c1');
        expect(messages).toHaveLength(3);
        for (const m of messages) expect(m.activity).toEqual(shared);
        (messages[0]!.activity as { text: string }).text = 'ändrad';
        expect(messages[1]!.activity).toEqual(shared);
        const claimed = await claimAll(ops.outbox, T0);
        expect([...claimed.values()].map((m) => m.activity)).toEqual([shared, shared, shared]);
      });

      it('claims only due messages, the earliest due first, and marks each Sending with the attempt counted', async () => {
        await ops.outbox.enqueue([message('later', 'c1', 'p1')], at(10));
        await ops.outbox.enqueue([message('early', 'c1', 'p2')], at(1));
        expect(await ops.outbox.claimNext(T0)).toBeUndefined();
        const first = await ops.outbox.claimNext(at(30));
        expect(first).toMatchObject({ key: 'early', status: 'Sending', attempts: 1 });
        expect(await ops.outbox.get('early')).toMatchObject({ status: 'Sending', attempts: 1 });
        expect((await ops.outbox.claimNext(at(30)))!.key).toBe('later');
        expect(await ops.outbox.claimNext(at(30))).toBeUndefined();
      });

      it('never gives one message to two claimers at once', async () => {
        await ops.outbox.enqueue(
          Array.from({ length: 20 }, (_, i) => message(`k${i}`, 'c1', `p${i}`, card('delat'))),
          T0,
        );
        const claims = await Promise.all(Array.from({ length: 30 }, () => ops.outbox.claimNext(at(1))));
        const taken = claims.filter((m): m is OutboxMessage => m !== undefined);
        expect(taken).toHaveLength(20);
        expect(new Set(taken.map((m) => m.id)).size).toBe(20);
        expect(new Set(taken.map((m) => m.key)).size).toBe(20);
        expect((await ops.outbox.campaignSummary('c1')).Sending).toBe(20);
      });

      it('records a sent message with its time and activity id, and never hands it out again', async () => {
        await ops.outbox.enqueue([message('k1', 'c1', 'p1')], T0);
        const m = (await ops.outbox.claimNext(T0))!;
        await ops.outbox.finish(m.id, 'Sent', { at: at(1), activityId: 'activity-1' });
        expect(await ops.outbox.get('k1')).toMatchObject({ status: 'Sent', sentAt: at(1), activityId: 'activity-1', attempts: 1 });
        expect(await ops.outbox.claimNext(at(60))).toBeUndefined();
        expect(await ops.outbox.pendingCount()).toBe(0);
        expect(await ops.outbox.nextDueAt()).toBeUndefined();
      });

      it('records a failure with its error and no sent time', async () => {
        await ops.outbox.enqueue([message('k1', 'c1', 'p1')], T0);
        const m = (await ops.outbox.claimNext(T0))!;
        await ops.outbox.finish(m.id, 'Failed', { at: at(1), error: '403 Forbidden' });
        const stored = await ops.outbox.get('k1');
        expect(stored).toMatchObject({ status: 'Failed', lastError: '403 Forbidden' });
        expect(stored).not.toHaveProperty('sentAt');
        expect(await ops.outbox.claimNext(at(60))).toBeUndefined();
      });

      // Not written in the interface, but what a sender that lost its claim (recoverInterrupted in another process) relies on.
      it('keeps a finished message as it ended: a late finish, retry or postpone of it changes nothing', async () => {
        await ops.outbox.enqueue([message('k1', 'c1', 'p1')], T0);
        const m = (await ops.outbox.claimNext(T0))!;
        await ops.outbox.finish(m.id, 'Sent', { at: at(1), activityId: 'a1' });
        await ops.outbox.finish(m.id, 'Failed', { at: at(2), error: 'sent ett svar' });
        await ops.outbox.retryLater(m.id, at(3), 'sent ett svar');
        await ops.outbox.postpone(m.id, at(3), 'sent ett svar');
        expect(await ops.outbox.get('k1')).toMatchObject({ status: 'Sent', sentAt: at(1), activityId: 'a1' });
        expect(await ops.outbox.claimNext(at(60))).toBeUndefined();
      });

      it('puts a message tried in vain back in the queue until its retry time, the attempt counted', async () => {
        await ops.outbox.enqueue([message('k1', 'c1', 'p1')], T0);
        const m = (await ops.outbox.claimNext(T0))!;
        await ops.outbox.retryLater(m.id, at(10), '429 Too Many Requests');
        expect(await ops.outbox.get('k1')).toMatchObject({ status: 'Queued', attempts: 1, nextAttemptAt: at(10), lastError: '429 Too Many Requests' });
        expect(await ops.outbox.nextDueAt()).toBe(at(10));
        expect(await ops.outbox.claimNext(at(9))).toBeUndefined();
        expect(await ops.outbox.claimNext(at(10))).toMatchObject({ key: 'k1', attempts: 2, status: 'Sending' });
      });

      it('puts a postponed message back in the queue without counting the claim as an attempt', async () => {
        await ops.outbox.enqueue([message('k1', 'c1', 'p1')], T0);
        const m = (await ops.outbox.claimNext(T0))!;
        await ops.outbox.postpone(m.id, at(10), 'väntar på installationens tur');
        expect(await ops.outbox.get('k1')).toMatchObject({ status: 'Queued', attempts: 0, nextAttemptAt: at(10), lastError: 'väntar på installationens tur' });
        expect(await ops.outbox.claimNext(at(9))).toBeUndefined();
        expect(await ops.outbox.claimNext(at(10))).toMatchObject({ key: 'k1', attempts: 1 });
      });

      it('brings forward only the person’s messages waiting for a chat, whatever the case of their id, and only once', async () => {
        await ops.outbox.enqueue(
          [message('waiting', 'c1', 'anna-1'), message('retrying', 'c1', 'anna-1'), message('other-person', 'c1', 'bertil-1')],
          T0,
        );
        const claimed = await claimAll(ops.outbox, T0);
        await ops.outbox.retryLater(claimed.get('waiting')!.id, at(24 * 60), 'ingen chatt ännu', true);
        await ops.outbox.retryLater(claimed.get('retrying')!.id, at(24 * 60), '502 Bad Gateway');
        await ops.outbox.retryLater(claimed.get('other-person')!.id, at(24 * 60), 'ingen chatt ännu', true);
        expect(await ops.outbox.claimNext(at(5))).toBeUndefined();

        expect(await ops.outbox.bringForward('ANNA-1', at(5))).toBe(1);
        expect(await ops.outbox.get('waiting')).toMatchObject({ status: 'Queued', nextAttemptAt: at(5) });
        expect((await ops.outbox.get('retrying'))!.nextAttemptAt).toBe(at(24 * 60));
        expect((await ops.outbox.get('other-person'))!.nextAttemptAt).toBe(at(24 * 60));
        expect((await ops.outbox.claimNext(at(5)))!.key).toBe('waiting');
        expect(await ops.outbox.claimNext(at(5))).toBeUndefined();
        // Waiting no more: a second chat event brings nothing forward.
        await ops.outbox.retryLater(claimed.get('waiting')!.id, at(24 * 60), '502 Bad Gateway');
        expect(await ops.outbox.bringForward('anna-1', at(6))).toBe(0);
      });

      it('sends messages left Sending by a stopped process again, and only those', async () => {
        await deliver(ops.outbox, T0, [
          [message('sending-1', 'c1', 'p1'), 'Sending'],
          [message('sending-2', 'c1', 'p2'), 'Sending'],
          [message('sent', 'c1', 'p3'), 'Sent'],
        ]);
        await ops.outbox.enqueue([message('queued', 'c1', 'p4')], at(1));
        expect(await ops.outbox.recoverInterrupted()).toEqual({ requeued: 2, settled: 0 });
        expect((await ops.outbox.get('sending-1'))!.status).toBe('Queued');
        expect((await ops.outbox.get('sent'))!.status).toBe('Sent');
        expect([...(await claimAll(ops.outbox, at(2))).keys()].sort()).toEqual(['queued', 'sending-1', 'sending-2']);
        expect(await ops.outbox.recoverInterrupted()).toEqual({ requeued: 3, settled: 0 });
        await claimAll(ops.outbox, at(2));
        for (const key of ['queued', 'sending-1', 'sending-2']) await ops.outbox.finish((await ops.outbox.get(key))!.id, 'Sent', { at: at(3) });
        expect(await ops.outbox.recoverInterrupted()).toEqual({ requeued: 0, settled: 0 });
      });

      it('tells, after a stop, a message handed to the Bot Connector from one that never left, and lets the caller decide on the first', async () => {
        const claimed = await deliver(ops.outbox, T0, [
          [message('waiting-for-turn', 'learning:c1', 'p1'), 'Sending'],
          [message('handed-card', 'learning:c1', 'p2'), 'Sending'],
          [message('handed-incident', 'incident:INC-2026-0001', 'p3'), 'Sending'],
        ]);
        await ops.outbox.handOver(claimed.get('handed-card')!.id, at(1));
        await ops.outbox.handOver(claimed.get('handed-incident')!.id, at(1));
        expect((await ops.outbox.get('handed-card'))!.handedOverAt).toBe(at(1));
        expect(await ops.outbox.get('waiting-for-turn')).not.toHaveProperty('handedOverAt');
        const asked: string[] = [];
        const counts = await ops.outbox.recoverInterrupted((m) => (asked.push(m.key), m.campaignId.startsWith('incident:')));
        // Only the ones handed over are in doubt; the one that never left simply goes again.
        expect(asked.sort()).toEqual(['handed-card', 'handed-incident']);
        expect(counts).toEqual({ requeued: 2, settled: 1 });
        expect(await ops.outbox.get('handed-card')).toMatchObject({ status: 'Sent', sentAt: at(1), lastError: IN_DOUBT_NOTE });
        expect(await ops.outbox.get('handed-incident')).toMatchObject({ status: 'Queued' });
        expect(await ops.outbox.get('handed-incident')).not.toHaveProperty('handedOverAt');
        expect(await ops.outbox.campaignSummary('learning:c1')).toMatchObject({ Sent: 1, Queued: 1, Sending: 0 });
        // Claimed again, a message starts with no hand-over recorded; a finished one cannot be marked.
        const again = await claimAll(ops.outbox, at(2));
        expect([...again.keys()].sort()).toEqual(['handed-incident', 'waiting-for-turn']);
        for (const m of again.values()) expect(m).not.toHaveProperty('handedOverAt');
        await ops.outbox.handOver(claimed.get('handed-card')!.id, at(3));
        expect(await ops.outbox.get('handed-card')).toMatchObject({ status: 'Sent', sentAt: at(1) });
      });

      it('tells when the next queued message is due, ignoring those being sent or finished', async () => {
        expect(await ops.outbox.nextDueAt()).toBeUndefined();
        await ops.outbox.enqueue([message('k1', 'c1', 'p1')], T0);
        await ops.outbox.enqueue([message('k2', 'c1', 'p2')], at(20));
        await ops.outbox.enqueue([message('k3', 'c1', 'p3')], at(10));
        expect(await ops.outbox.nextDueAt()).toBe(T0);
        const first = (await ops.outbox.claimNext(T0))!;
        expect(await ops.outbox.nextDueAt()).toBe(at(10));
        await ops.outbox.finish(first.id, 'Sent', { at: at(1) });
        expect(await ops.outbox.nextDueAt()).toBe(at(10));
      });

      it('counts the messages queued or being sent, in every campaign', async () => {
        await deliver(ops.outbox, T0, [
          [message('a', 'c1', 'p1'), 'Sending'],
          [message('b', 'c1', 'p2'), 'Queued'],
          [message('c', 'c2', 'p3'), 'Sent'],
          [message('d', 'c2', 'p4'), 'Failed'],
        ]);
        await ops.outbox.enqueue([message('e', 'c3', 'p5')], at(1));
        expect(await ops.outbox.pendingCount()).toBe(3);
      });

      it('summarises a campaign by status, and only that campaign', async () => {
        await deliver(ops.outbox, T0, [
          [message('a', 'c1', 'p1'), 'Sent'],
          [message('b', 'c1', 'p2'), 'Sent'],
          [message('c', 'c1', 'p3'), 'Blocked'],
          [message('d', 'c1', 'p4'), 'Sending'],
          [message('e', 'c1', 'p5'), 'AppNotInstalled'],
          [message('f', 'c2', 'p1'), 'Failed'],
        ]);
        await ops.outbox.enqueue([message('g', 'c1', 'p6')], at(1));
        expect(await ops.outbox.campaignSummary('c1')).toEqual({ campaignId: 'c1', total: 6, Queued: 1, Sending: 1, Sent: 2, AppNotInstalled: 1, Blocked: 1, RecipientNotFound: 0, Failed: 0 });
        expect(await ops.outbox.campaignSummary('okänd')).toEqual({ campaignId: 'okänd', total: 0, Queued: 0, Sending: 0, Sent: 0, AppNotInstalled: 0, Blocked: 0, RecipientNotFound: 0, Failed: 0 });
        expect((await ops.outbox.messagesOf('c2')).map((m) => m.key)).toEqual(['f']);
        expect(await ops.outbox.messagesOf('okänd')).toEqual([]);
      });

      it('explains a campaign’s unreached people by their installation outcome, or notTried without one', async () => {
        await ops.installations.record({ personId: 'P-Blocked', outcome: 'blocked', detail: 'policy', at: T0 });
        await ops.installations.record({ personId: 'p-installed', outcome: 'installed', at: T0 });
        await ops.installations.record({ personId: 'p-sent', outcome: 'installed', at: T0 });
        await deliver(ops.outbox, T0, [
          [message('a', 'c1', 'p-blocked'), 'AppNotInstalled'],
          [message('b', 'c1', 'p-installed'), 'AppNotInstalled'],
          [message('c', 'c1', 'p-never'), 'AppNotInstalled'],
          [message('d', 'c1', 'p-never-2'), 'AppNotInstalled'],
          [message('e', 'c1', 'p-sent'), 'Sent'],
          [message('f', 'c1', 'p-failed'), 'Failed'],
          [message('g', 'c2', 'p-other'), 'AppNotInstalled'],
        ]);
        expect(await ops.outbox.unreachedReasons('c1')).toEqual({ blocked: 1, installed: 1, notTried: 2 });
        expect(await ops.outbox.unreachedReasons('okänd')).toEqual({});
      });

      it('counts a campaign’s people by how they ended: reached if any message went, pending if one waits, else by the last message', async () => {
        await ops.installations.record({ personId: 'p-policy', outcome: 'blocked', at: T0 });
        await ops.installations.record({ personId: 'p-reached', outcome: 'installed', at: T0 });
        // The first card …
        await deliver(ops.outbox, T0, [
          [message('first-reached', 'c1', 'p-reached'), 'Sent'],
          [message('first-pending', 'c1', 'p-pending'), 'Failed'],
          [message('first-moved-on', 'c1', 'p-moved-on'), 'Blocked'],
          [message('first-policy', 'c1', 'p-policy'), 'AppNotInstalled'],
          [message('first-none', 'c1', 'p-none'), 'AppNotInstalled'],
          [message('first-none-2', 'c1', 'p-none-2'), 'AppNotInstalled'],
        ]);
        // … and a reminder, later.
        await deliver(ops.outbox, at(60), [
          [message('reminder-reached', 'c1', 'p-reached'), 'Failed'],
          [message('reminder-pending', 'c1', 'p-pending'), 'Queued'],
          [message('reminder-moved-on', 'c1', 'p-moved-on'), 'Failed'],
        ]);
        await deliver(ops.outbox, at(60), [[message('other-campaign', 'c2', 'p-none'), 'Sent']]);
        expect(sortedRows(await ops.outbox.campaignPeople('c1'))).toEqual(
          sortedRows([
            { state: 'sent', people: 1 },
            { state: 'pending', people: 1 },
            { state: 'Failed', people: 1 },
            { state: 'AppNotInstalled', install: 'blocked', people: 1 },
            { state: 'AppNotInstalled', people: 2 },
          ]),
        );
        expect(await ops.outbox.campaignPeople('okänd')).toEqual([]);
      });

      it('requeues a person’s selected undelivered messages once, due now with attempts reset, never a sent one', async () => {
        await deliver(ops.outbox, at(10), [
          [message('not-installed', 'learning:c1', 'anna'), 'AppNotInstalled'],
          [message('not-found', 'learning:c2', 'anna'), 'RecipientNotFound'],
          [message('sent', 'learning:c1', 'anna-sent'), 'Sent'],
          [message('failed', 'learning:c1', 'anna'), 'Failed'],
          [message('other-prefix', 'incident:c1', 'anna'), 'AppNotInstalled'],
          [message('other-person', 'learning:c1', 'bertil'), 'AppNotInstalled'],
        ]);
        await deliver(ops.outbox, T0, [[message('too-old', 'learning:c0', 'anna'), 'AppNotInstalled']]);
        // enqueuedSince is inclusive: the messages enqueued at that very instant are requeued.
        const selection = { personId: 'ANNA', statuses: ['AppNotInstalled', 'RecipientNotFound'] as const, campaignPrefix: 'learning:', enqueuedSince: at(10) };
        // Two callers at once (two activities from the person): each message goes back once.
        const counts = await Promise.all([ops.outbox.requeue(selection, at(20)), ops.outbox.requeue(selection, at(20))]);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(2);
        expect(await ops.outbox.get('not-installed')).toMatchObject({ status: 'Queued', attempts: 0, nextAttemptAt: at(20) });
        expect(await ops.outbox.get('not-found')).toMatchObject({ status: 'Queued', attempts: 0, nextAttemptAt: at(20) });
        for (const [key, status] of [
          ['failed', 'Failed'],
          ['other-prefix', 'AppNotInstalled'],
          ['other-person', 'AppNotInstalled'],
          ['too-old', 'AppNotInstalled'],
        ] as const) {
          expect((await ops.outbox.get(key))!.status).toBe(status);
        }
        expect(await ops.outbox.requeue({ ...selection, personId: 'anna-sent', statuses: ['AppNotInstalled', 'RecipientNotFound', 'Blocked', 'Failed'] }, at(20))).toBe(0);
        expect((await ops.outbox.get('sent'))!.status).toBe('Sent');
        expect(await ops.outbox.requeue({ ...selection, statuses: [] }, at(20))).toBe(0);
        expect([...(await claimAll(ops.outbox, at(20))).keys()].sort()).toEqual(['not-found', 'not-installed']);
      });

      it('cancels a campaign’s queued messages, waiting ones included, and leaves sends under way and finished ones', async () => {
        const shared = card('gemensamt kort');
        await ops.outbox.enqueue([message('c2-a', 'c2', 'p1', shared), message('c2-b', 'c2', 'p2', shared)], T0);
        await ops.outbox.enqueue([message('c1-a', 'c1', 'p1', shared), message('c1-b', 'c1', 'p2', shared)], T0);
        const claimed = await claimAll(ops.outbox, T0);
        await ops.outbox.finish(claimed.get('c1-a')!.id, 'Sent', { at: T0 });
        await ops.outbox.retryLater(claimed.get('c1-b')!.id, at(60), 'ingen chatt ännu', true);
        await ops.outbox.recoverInterrupted();
        const sending = (await ops.outbox.claimNext(T0))!;
        await ops.outbox.enqueue([message('c1-c', 'c1', 'p3', shared), message('c1-d', 'c1', 'p4', shared)], at(1));

        expect(await ops.outbox.cancelQueued('c1')).toBe(3);
        expect((await ops.outbox.messagesOf('c1')).map((m) => m.key)).toEqual(['c1-a']);
        expect(await ops.outbox.get('c1-b')).toBeUndefined();
        // The other campaign's messages, with the same card, are untouched (the one being sent still finishes).
        const c2 = await ops.outbox.messagesOf('c2');
        expect(c2.map((m) => [m.key, m.status]).sort()).toEqual([
          ['c2-a', sending.key === 'c2-a' ? 'Sending' : 'Queued'],
          ['c2-b', sending.key === 'c2-b' ? 'Sending' : 'Queued'],
        ]);
        for (const m of c2) expect(m.activity).toEqual(shared);
        await ops.outbox.finish(sending.id, 'Sent', { at: at(2) });
        expect((await ops.outbox.get(sending.key))!.status).toBe('Sent');
        expect(await ops.outbox.cancelQueued('c1')).toBe(0);
      });

      it('cancels a campaign whose messages are being sent without removing those sends', async () => {
        await deliver(ops.outbox, T0, [[message('k1', 'c1', 'p1'), 'Sending']]);
        expect(await ops.outbox.cancelQueued('c1')).toBe(0);
        expect((await ops.outbox.get('k1'))!.status).toBe('Sending');
      });

      it('deletes finished messages of campaigns by prefix, enqueued before the cut-off, and keeps the cards others share', async () => {
        const shared = card('gemensamt kort');
        await deliver(ops.outbox, T0, [
          [message('old-sent', 'learning:c1', 'p1', shared), 'Sent'],
          [message('old-failed', 'learning:c1', 'p2', shared), 'Failed'],
          [message('old-sending', 'learning:c1', 'p3', shared), 'Sending'],
          [message('old-queued', 'learning:c1', 'p4', shared), 'Queued'],
          [message('old-incident', 'incident:c1', 'p5'), 'Sent'],
        ]);
        await deliver(ops.outbox, at(60), [[message('new-sent', 'learning:c2', 'p6', shared), 'Sent']]);
        expect(await ops.outbox.deleteFinished('learning:', at(30))).toBe(2);
        expect(await ops.outbox.get('old-sent')).toBeUndefined();
        expect(await ops.outbox.get('old-failed')).toBeUndefined();
        for (const key of ['old-sending', 'old-queued', 'new-sent']) expect((await ops.outbox.get(key))!.activity).toEqual(shared);
        expect((await ops.outbox.get('old-incident'))!.status).toBe('Sent');
        expect(await ops.outbox.deleteFinished('learning:', at(30))).toBe(0);
        // A later batch of the same card reads it back whole.
        await ops.outbox.enqueue([message('again-1', 'learning:c3', 'p7', shared), message('again-2', 'learning:c3', 'p8', shared)], at(61));
        expect((await ops.outbox.get('again-2'))!.activity).toEqual(shared);
      });

      it('takes in messages moved from another store as they were there, each key once, and goes on from them', async () => {
        const moved = (key: string, fields: Partial<RestoredMessage>): RestoredMessage => ({ ...message(key, 'learning:c1', `p-${key}`), attempts: 1, nextAttemptAt: T0, enqueuedAt: at(-60), status: 'Queued', ...fields });
        const messages = [
          moved('sent', { status: 'Sent', sentAt: at(-50), activityId: 'act-1' }),
          moved('blocked', { status: 'Blocked', lastError: 'Blocked' }),
          moved('later', { status: 'Queued', nextAttemptAt: at(60), lastError: 'försöker igen', attempts: 2 }),
          moved('waiting', { status: 'Queued', nextAttemptAt: at(24 * 60), awaitingChat: true, lastError: 'väntar på chatt' }),
          moved('due', { status: 'Queued', attempts: 0 }),
          moved('interrupted', { status: 'Sending', attempts: 3 }),
        ];
        expect(await ops.outbox.restore(messages)).toBe(6);
        expect(await ops.outbox.get('sent')).toMatchObject({ status: 'Sent', sentAt: at(-50), activityId: 'act-1', attempts: 1, enqueuedAt: at(-60), personId: 'p-sent' });
        expect(await ops.outbox.get('blocked')).toMatchObject({ status: 'Blocked', lastError: 'Blocked' });
        expect(await ops.outbox.get('later')).toMatchObject({ status: 'Queued', nextAttemptAt: at(60), attempts: 2, lastError: 'försöker igen' });
        // Left Sending there: its answer was never recorded, so it goes out again.
        expect(await ops.outbox.get('interrupted')).toMatchObject({ status: 'Queued', attempts: 3 });
        expect(await ops.outbox.campaignSummary('learning:c1')).toMatchObject({ total: 6, Sent: 1, Blocked: 1, Queued: 4 });
        expect(await ops.outbox.pendingCount()).toBe(4);
        // Copying again adds nothing; enqueueing a moved key is "already known", so nothing goes out twice.
        expect(await ops.outbox.restore(messages)).toBe(0);
        expect(await ops.outbox.enqueue([message('sent', 'learning:c1', 'p-sent')], T0)).toEqual({ queued: 0, alreadyKnown: 1 });
        // What was due is sent, the rest waits for its time; a Sent message never goes out again.
        expect([...(await claimAll(ops.outbox, T0)).keys()].sort()).toEqual(['due', 'interrupted']);
        expect(await ops.outbox.nextDueAt()).toBe(at(60));
        // The one waiting for a chat comes forward when the person writes; the blocked one can be sent again.
        expect(await ops.outbox.bringForward('p-waiting', at(1))).toBe(1);
        expect(await ops.outbox.requeue({ personId: 'p-blocked', statuses: ['Blocked'], campaignPrefix: 'learning:', enqueuedSince: at(-120) }, at(1))).toBe(1);
        expect([...(await claimAll(ops.outbox, at(1))).keys()].sort()).toEqual(['blocked', 'waiting']);
        // Retention sees the time it was first enqueued.
        expect(await ops.outbox.deleteFinished('learning:', at(-30))).toBe(1);
        expect(await ops.outbox.get('sent')).toBeUndefined();
      });
    });

    describe('reminder ledger', () => {
      it('gives an entry to its first claimer only, and knows it from then on', async () => {
        expect(await ops.ledger.has(entry())).toBe(false);
        expect(await ops.ledger.claim(entry(), T0)).toBe(true);
        expect(await ops.ledger.claim(entry(), at(1))).toBe(false);
        expect(await ops.ledger.claim(entry(), at(2))).toBe(false);
        expect(await ops.ledger.has(entry())).toBe(true);
        expect(await ops.ledger.count()).toBe(1);
      });

      it('tells entries apart by year, quarter, kind, committee and person', async () => {
        await ops.ledger.claim(entry(), T0);
        const others = [entry({ year: 2027 }), entry({ quarter: 2 }), entry({ kind: 'learning:losenord' }), entry({ committee: 'KS' }), entry({ person: 'p2' })];
        expect(await ops.ledger.hasMany(others)).toEqual([false, false, false, false, false]);
        for (const e of others) expect(await ops.ledger.claim(e, T0)).toBe(true);
        expect(await ops.ledger.count()).toBe(6);
      });

      it('gives an entry to one of many concurrent claimers', async () => {
        const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => ops.ledger.claim(entry(), at(i))));
        expect(answers.filter(Boolean)).toHaveLength(1);
        expect(await ops.ledger.count()).toBe(1);
      });

      it('claims a batch in order, each entry once, even when batches overlap in parallel', async () => {
        const entries = Array.from({ length: 50 }, (_, i) => entry({ person: `p${i}` }));
        await ops.ledger.claim(entries[3]!, T0);
        expect(await ops.ledger.claimMany([entries[0]!, entries[3]!, entries[1]!, entries[0]!], T0)).toEqual([true, false, true, false]);
        const batches = await Promise.all(Array.from({ length: 5 }, (_, i) => ops.ledger.claimMany(entries, at(i + 1))));
        for (let e = 0; e < entries.length; e++) {
          const winners = batches.filter((answers) => answers[e]).length;
          expect(winners).toBe([0, 1, 3].includes(e) ? 0 : 1);
        }
        expect(await ops.ledger.count()).toBe(50);
        expect(await ops.ledger.claimMany([], T0)).toEqual([]);
      });

      it('answers has for a batch in the entries’ order', async () => {
        await ops.ledger.claimMany([entry({ person: 'b' }), entry({ person: 'd' })], T0);
        expect(await ops.ledger.hasMany(['a', 'b', 'c', 'd', 'b'].map((person) => entry({ person })))).toEqual([false, true, false, true, true]);
        expect(await ops.ledger.hasMany([])).toEqual([]);
      });

      it('tells when each entry was first claimed, as given', async () => {
        await ops.ledger.claim(entry({ person: 'a' }), '2026-03-02T08:00:00.000Z');
        await ops.ledger.claimMany([entry({ person: 'c' }), entry({ person: 'a' })], '2026-03-05T12:30:00.000Z');
        expect(await ops.ledger.claimedAtMany(['a', 'b', 'c'].map((person) => entry({ person })))).toEqual(['2026-03-02T08:00:00.000Z', undefined, '2026-03-05T12:30:00.000Z']);
        expect(await ops.ledger.claimedAtMany([])).toEqual([]);
      });

      it('deletes entries of a kind prefix recorded before a time, which can then be claimed again', async () => {
        await ops.ledger.claimMany([entry({ person: 'old', kind: 'learning:natfiske' }), entry({ person: 'old', kind: 'learning:losenord' }), entry({ person: 'old', kind: 'plan:q1' })], T0);
        await ops.ledger.claim(entry({ person: 'new', kind: 'learning:natfiske' }), at(60));
        // The prefix is literal text, not a pattern.
        await ops.ledger.claim(entry({ person: 'old', kind: 'learnings' }), T0);
        await ops.ledger.claim(entry({ person: 'old', kind: 'plan_x' }), T0);
        await ops.ledger.claim(entry({ person: 'old', kind: 'planXx' }), T0);
        expect(await ops.ledger.deleteBefore('learning:', at(30))).toBe(2);
        expect(await ops.ledger.has(entry({ person: 'old', kind: 'learning:natfiske' }))).toBe(false);
        expect(await ops.ledger.hasMany([entry({ person: 'new', kind: 'learning:natfiske' }), entry({ person: 'old', kind: 'plan:q1' }), entry({ person: 'old', kind: 'learnings' })])).toEqual([true, true, true]);
        expect(await ops.ledger.deleteBefore('plan_', at(30))).toBe(1);
        expect(await ops.ledger.has(entry({ person: 'old', kind: 'planXx' }))).toBe(true);
        // Recorded exactly at the cut-off is not before it.
        expect(await ops.ledger.deleteBefore('learning:', at(60))).toBe(0);
        expect(await ops.ledger.claim(entry({ person: 'old', kind: 'learning:natfiske' }), at(61))).toBe(true);
        expect(await ops.ledger.count()).toBe(5);
      });
    });

    describe('counters', () => {
      it('starts after the highest number in use and counts on from there, asking for it only at first use', async () => {
        const floor = jest.fn(async () => 41);
        expect(await ops.counters.next('INC-2026', floor)).toBe(42);
        expect(await ops.counters.next('INC-2026', floor)).toBe(43);
        expect(await ops.counters.next('INC-2026', floor)).toBe(44);
        expect(floor).toHaveBeenCalledTimes(1);
      });

      it('keeps each name’s numbers apart', async () => {
        expect(await ops.counters.next('INC-2026', async () => 0)).toBe(1);
        expect(await ops.counters.next('INC-2027', async () => 0)).toBe(1);
        expect(await ops.counters.next('INC-2026', async () => 0)).toBe(2);
      });

      it('gives 50 concurrent callers 50 different numbers, on first use and after', async () => {
        const floor = async () => 7;
        const first = await Promise.all(Array.from({ length: 50 }, () => ops.counters.next('INC-2026', floor)));
        expect(new Set(first).size).toBe(50);
        expect(Math.min(...first)).toBeGreaterThan(7);
        const more = await Promise.all(Array.from({ length: 50 }, () => ops.counters.next('INC-2026', floor)));
        expect(new Set([...first, ...more]).size).toBe(100);
      });

      it('gives the same allocation the same number, using up one', async () => {
        const floor = async () => 0;
        const a = await ops.counters.next('INC-2026', floor, 'submission-a');
        expect(await ops.counters.next('INC-2026', floor, 'submission-a')).toBe(a);
        const b = await ops.counters.next('INC-2026', floor, 'submission-b');
        expect(b).toBe(a + 1);
        expect(await ops.counters.next('INC-2026', floor)).toBe(a + 2);
        expect(await ops.counters.next('INC-2027', floor, 'submission-a')).toBe(1);
      });

      it('gives concurrent callers with one allocation one number, on first use and after', async () => {
        const floor = async () => 0;
        const first = await Promise.all(Array.from({ length: 10 }, () => ops.counters.next('INC-2026', floor, 'submission-a')));
        expect(new Set(first).size).toBe(1);
        const later = await Promise.all(Array.from({ length: 10 }, () => ops.counters.next('INC-2026', floor, 'submission-b')));
        expect(new Set(later).size).toBe(1);
        expect(later[0]).not.toBe(first[0]);
      });

      // On a name's first use every concurrent caller waits for floor(); the one that records the allocation first wins, and no number is lost.
      it('uses up one number for a form sent twice at once, also on the name’s first use', async () => {
        const floor = async () => 0;
        const [a, b] = await Promise.all([ops.counters.next('INC-2026', floor, 'submission-a'), ops.counters.next('INC-2026', floor, 'submission-a')]);
        expect(b).toBe(a);
        expect(await ops.counters.next('INC-2026', floor)).toBe(a + 1);
      });
    });

    describe('learning answers', () => {
      it('keeps the first answer to a question, whatever is answered after', async () => {
        const answer = { personId: 'anna', attempt: 'natfiske:1', question: 2, choice: 1 };
        expect(await ops.learningAnswers.answerOnce(answer, T0)).toBe(1);
        expect(await ops.learningAnswers.answerOnce({ ...answer, choice: 3 }, at(1))).toBe(1);
      });

      it('keeps answers apart by person, attempt and question', async () => {
        const answer = { personId: 'anna', attempt: 'natfiske:1', question: 2, choice: 1 };
        await ops.learningAnswers.answerOnce(answer, T0);
        expect(await ops.learningAnswers.answerOnce({ ...answer, personId: 'bertil', choice: 2 }, T0)).toBe(2);
        expect(await ops.learningAnswers.answerOnce({ ...answer, attempt: 'natfiske:2', choice: 3 }, T0)).toBe(3);
        expect(await ops.learningAnswers.answerOnce({ ...answer, question: 3, choice: 0 }, T0)).toBe(0);
      });

      it('lets one of several concurrent answers stand, the same for all', async () => {
        const answers = await Promise.all([0, 1, 2, 3].map((choice) => ops.learningAnswers.answerOnce({ personId: 'anna', attempt: 'a', question: 1, choice }, T0)));
        expect(new Set(answers).size).toBe(1);
        expect([0, 1, 2, 3]).toContain(answers[0]);
      });
    });

    describe('durable tasks', () => {
      it('adds a task once per key, keeping the first, due at once and untried', async () => {
        const payload = { reportId: 'r1', people: ['a', 'b'], nested: { n: 1, ok: true } };
        expect(await ops.tasks.add({ key: 't1', kind: 'store-report', payload }, T0)).toBe(true);
        expect(await ops.tasks.add({ key: 't1', kind: 'other', payload: { other: true } }, at(1))).toBe(false);
        const task = await ops.tasks.get('t1');
        expect(task).toEqual({ key: 't1', kind: 'store-report', payload, attempts: 0, nextAttemptAt: T0 });
        expect(await ops.tasks.get('finns-inte')).toBeUndefined();
      });

      it('lists the tasks due, earliest first, up to the limit', async () => {
        await ops.tasks.add({ key: 'later', kind: 'k', payload: 1 }, at(20));
        await ops.tasks.add({ key: 'first', kind: 'k', payload: 2 }, at(5));
        await ops.tasks.add({ key: 'second', kind: 'k', payload: 3 }, at(10));
        expect(await ops.tasks.due(T0, 10)).toEqual([]);
        expect((await ops.tasks.due(at(15), 10)).map((t) => t.key)).toEqual(['first', 'second']);
        expect((await ops.tasks.due(at(30), 2)).map((t) => t.key)).toEqual(['first', 'second']);
        expect((await ops.tasks.due(at(30), 10)).map((t) => t.key)).toEqual(['first', 'second', 'later']);
      });

      it('postpones a failed task, counting the attempt and keeping the error, until its time', async () => {
        await ops.tasks.add({ key: 't1', kind: 'k', payload: {} }, T0);
        await ops.tasks.postpone('t1', at(10), 'SharePoint svarade 503');
        expect(await ops.tasks.get('t1')).toMatchObject({ attempts: 1, nextAttemptAt: at(10), lastError: 'SharePoint svarade 503' });
        expect(await ops.tasks.due(at(9), 10)).toEqual([]);
        await ops.tasks.postpone('t1', at(20), 'igen');
        expect(await ops.tasks.get('t1')).toMatchObject({ attempts: 2, nextAttemptAt: at(20), lastError: 'igen' });
        expect((await ops.tasks.due(at(20), 10)).map((t) => t.key)).toEqual(['t1']);
      });

      it('moves a task on to its next kind of work, due at once with attempts and error cleared', async () => {
        await ops.tasks.add({ key: 't1', kind: 'store-report', payload: { step: 1 } }, T0);
        await ops.tasks.postpone('t1', at(60), 'fel');
        await ops.tasks.replace('t1', 'notify', { step: 2 }, at(5));
        expect(await ops.tasks.get('t1')).toEqual({ key: 't1', kind: 'notify', payload: { step: 2 }, attempts: 0, nextAttemptAt: at(5) });
        expect((await ops.tasks.due(at(5), 10)).map((t) => t.kind)).toEqual(['notify']);
        expect(await ops.tasks.add({ key: 't1', kind: 'store-report', payload: {} }, at(6))).toBe(false);
      });

      it('forgets a done task, whose key can then be used again', async () => {
        await ops.tasks.add({ key: 't1', kind: 'k', payload: {} }, T0);
        await ops.tasks.done('t1');
        expect(await ops.tasks.get('t1')).toBeUndefined();
        expect(await ops.tasks.due(at(60), 10)).toEqual([]);
        await ops.tasks.done('t1');
        expect(await ops.tasks.add({ key: 't1', kind: 'k', payload: {} }, at(1))).toBe(true);
      });

      it('counts tasks, all or of one kind', async () => {
        expect(await ops.tasks.count()).toBe(0);
        await ops.tasks.add({ key: 'a', kind: 'store-report', payload: {} }, T0);
        await ops.tasks.add({ key: 'b', kind: 'store-report', payload: {} }, T0);
        await ops.tasks.add({ key: 'c', kind: 'notify', payload: {} }, T0);
        expect(await ops.tasks.count()).toBe(3);
        expect(await ops.tasks.count('store-report')).toBe(2);
        expect(await ops.tasks.count('notify')).toBe(1);
        expect(await ops.tasks.count('none')).toBe(0);
      });

      it('adds a task once when many add it at the same time', async () => {
        const added = await Promise.all(Array.from({ length: 10 }, (_, i) => ops.tasks.add({ key: 't1', kind: 'k', payload: { i } }, T0)));
        expect(added.filter(Boolean)).toHaveLength(1);
        expect(await ops.tasks.count()).toBe(1);
      });
    });

    describe('conversation references', () => {
      it('gives back a remembered conversation as it was saved', async () => {
        const record = conversation('conv-1', { conversationType: 'groupChat', personId: 'anna' });
        await ops.conversations.remember(record);
        expect(await ops.conversations.get('conv-1')).toEqual(record);
        expect(await ops.conversations.get('finns-inte')).toBeUndefined();
        const channel = conversation('conv-2', { conversationType: 'channel', personId: undefined });
        delete channel.personId;
        await ops.conversations.remember(channel);
        expect(await ops.conversations.get('conv-2')).toEqual(channel);
      });

      it('refreshes a conversation saved again, keeping its welcome mark', async () => {
        await ops.conversations.remember(conversation('conv-1'));
        expect(await ops.conversations.markWelcomed('conv-1', at(1))).toBe(true);
        const refreshed = conversation('conv-1', { serviceUrl: 'https://smba.trafficmanager.net/ny/', reference: { fresh: true }, updatedAt: at(5) });
        await ops.conversations.remember(refreshed);
        expect(await ops.conversations.get('conv-1')).toEqual({ ...refreshed, welcomedAt: at(1) });
      });

      it('welcomes a conversation once, even when asked at the same time', async () => {
        await ops.conversations.remember(conversation('conv-1'));
        const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => ops.conversations.markWelcomed('conv-1', at(i + 1))));
        expect(answers.filter(Boolean)).toHaveLength(1);
        expect(await ops.conversations.markWelcomed('conv-1', at(10))).toBe(false);
        expect([1, 2, 3, 4, 5].map(at)).toContain((await ops.conversations.get('conv-1'))!.welcomedAt);
      });

      it('finds a person’s personal chat, the latest one, whatever the case of their id', async () => {
        await ops.conversations.remember(conversation('group', { personId: 'anna-1', conversationType: 'groupChat', updatedAt: at(30) }));
        await ops.conversations.remember(conversation('old-chat', { personId: 'anna-1', updatedAt: at(1) }));
        await ops.conversations.remember(conversation('chat', { personId: 'ANNA-1', updatedAt: at(10) }));
        await ops.conversations.remember(conversation('bertil', { personId: 'bertil-1', updatedAt: at(20) }));
        expect((await ops.conversations.personalChatOf('Anna-1'))!.conversationId).toBe('chat');
        expect((await ops.conversations.personalChatOf('anna-1'))!.conversationId).toBe('chat');
        expect(await ops.conversations.personalChatOf('cecilia-1')).toBeUndefined();
      });

      it('tells the conversation heard from last, by its time, not by when it was saved', async () => {
        expect(await ops.conversations.latest()).toBeUndefined();
        await ops.conversations.remember(conversation('newest', { updatedAt: at(10) }));
        await ops.conversations.remember(conversation('older', { updatedAt: at(5) }));
        expect((await ops.conversations.latest())!.conversationId).toBe('newest');
        await ops.conversations.remember(conversation('older', { updatedAt: at(20) }));
        expect((await ops.conversations.latest())!.conversationId).toBe('older');
      });
    });

    describe('job runs', () => {
      it('tells the latest run of each job, none before the first', async () => {
        expect(await ops.jobRuns.latest('reminders')).toBeUndefined();
        const first = { job: 'reminders', startedAt: T0, finishedAt: at(1), summary: '12 påminnelser' };
        const second = { job: 'reminders', startedAt: at(60), finishedAt: at(61), summary: '3 påminnelser' };
        await ops.jobRuns.record(first);
        await ops.jobRuns.record({ job: 'retention', startedAt: at(90), finishedAt: at(91), summary: 'rensat' });
        expect(await ops.jobRuns.latest('reminders')).toEqual(first);
        await ops.jobRuns.record(second);
        expect(await ops.jobRuns.latest('reminders')).toEqual(second);
        expect((await ops.jobRuns.latest('retention'))!.summary).toBe('rensat');
      });
    });

    describe('status tallies', () => {
      const anna = { personId: 'anna', committeeCode: 'SN', electedOfficial: false };
      const pass = (person = anna, moduleId = 'natfiske', month = '2026-03', lastAt = `${month}-10T09:00:00.000Z`) => ({ ...person, moduleId, month, lastAt });

      it('has no figures before the first recount', async () => {
        expect(await ops.tallies.training()).toBeUndefined();
        expect(await ops.tallies.incidents(2026)).toBeUndefined();
        expect(await ops.tallies.passedByMonth()).toEqual([]);
      });

      it('holds what a recount counted: every learner in their group and every pass', async () => {
        const bertil = { personId: 'bertil', committeeCode: 'SN', electedOfficial: true };
        const cecilia = { personId: 'cecilia', committeeCode: 'KS', electedOfficial: false };
        await ops.tallies.recountTraining([anna, bertil, cecilia], [pass(anna), pass(bertil), pass(anna, 'losenord', '2026-04')], await ops.tallies.beginRecount());
        const tallies = (await ops.tallies.training())!;
        expect(sortedRows(tallies.learners)).toEqual(
          sortedRows([
            { committeeCode: 'SN', electedOfficial: false, learners: 1 },
            { committeeCode: 'SN', electedOfficial: true, learners: 1 },
            { committeeCode: 'KS', electedOfficial: false, learners: 1 },
          ]),
        );
        expect(sortedRows(tallies.passed)).toEqual(
          sortedRows([
            { committeeCode: 'SN', electedOfficial: false, moduleId: 'natfiske', passed: 1 },
            { committeeCode: 'SN', electedOfficial: true, moduleId: 'natfiske', passed: 1 },
            { committeeCode: 'SN', electedOfficial: false, moduleId: 'losenord', passed: 1 },
          ]),
        );
        expect(sortedRows(await ops.tallies.passedByMonth())).toEqual(
          sortedRows([
            { committeeCode: 'SN', electedOfficial: false, moduleId: 'natfiske', month: '2026-03', passed: 1 },
            { committeeCode: 'SN', electedOfficial: true, moduleId: 'natfiske', month: '2026-03', passed: 1 },
            { committeeCode: 'SN', electedOfficial: false, moduleId: 'losenord', month: '2026-04', passed: 1 },
          ]),
        );
      });

      it('counts a pass once per person and module, and says whether it was the first', async () => {
        await ops.tallies.recountTraining([anna], [], await ops.tallies.beginRecount());
        expect(await ops.tallies.recordPass(pass())).toBe(true);
        expect(await ops.tallies.recordPass(pass(anna, 'natfiske', '2026-05'))).toBe(false);
        expect(await ops.tallies.recordPass(pass(anna, 'losenord'))).toBe(true);
        expect(sortedRows((await ops.tallies.training())!.passed)).toEqual(
          sortedRows([
            { committeeCode: 'SN', electedOfficial: false, moduleId: 'natfiske', passed: 1 },
            { committeeCode: 'SN', electedOfficial: false, moduleId: 'losenord', passed: 1 },
          ]),
        );
        // The first pass's month stands.
        expect((await ops.tallies.passedByMonth()).find((r) => r.moduleId === 'natfiske')).toMatchObject({ month: '2026-03', passed: 1 });
      });

      it('says who passed since a date by their latest retake, from a note or a recount', async () => {
        const bertil = { personId: 'bertil', committeeCode: 'SN', electedOfficial: false };
        const cecilia = { personId: 'cecilia', committeeCode: 'SN', electedOfficial: false };
        await ops.tallies.recountTraining([anna, bertil, cecilia], [pass(anna, 'natfiske', '2025-01'), pass(bertil, 'natfiske', '2025-01', '2026-02-01T08:00:00.000Z')], await ops.tallies.beginRecount());
        const since = '2025-11-24T00:00:00.000Z';
        // Anna passed long ago, Bertil retook it lately (the recount found both), Cecilia never passed.
        expect(await ops.tallies.passedAmong('natfiske', ['anna', 'bertil', 'cecilia'], since)).toEqual([false, true, false]);
        expect(await ops.tallies.passedAmong('natfiske', ['anna', 'bertil', 'cecilia'])).toEqual([true, true, false]);
        // Anna retakes it: not counted again, but recent now; an older note does not move it back.
        expect(await ops.tallies.recordPass(pass(anna, 'natfiske', '2026-03'))).toBe(false);
        expect(await ops.tallies.recordPass(pass(anna, 'natfiske', '2024-06'))).toBe(false);
        expect(await ops.tallies.passedAmong('natfiske', ['anna'], since)).toEqual([true]);
        // Over a whole audience (read by module rather than person by person) the answer is the same.
        const many = ['anna', 'bertil', 'cecilia', ...Array.from({ length: 60 }, (_, i) => `p${i}`)];
        expect((await ops.tallies.passedAmong('natfiske', many, since)).slice(0, 3)).toEqual([true, true, false]);
        expect((await ops.tallies.training())!.passed).toEqual([{ committeeCode: 'SN', electedOfficial: false, moduleId: 'natfiske', passed: 2 }]);
      });

      it('keeps a retake made after a move, the pass moved with the person in the same write', async () => {
        await ops.tallies.recountTraining([anna], [pass(anna, 'natfiske', '2025-01')], await ops.tallies.beginRecount());
        // Anna moves to KS and retakes the module before the next recount.
        const moved = { ...anna, committeeCode: 'KS' };
        expect(await ops.tallies.recordPass(pass(moved, 'natfiske', '2026-03'))).toBe(false);
        expect(await ops.tallies.passedAmong('natfiske', ['anna'], '2026-01-01T00:00:00.000Z')).toEqual([true]);
        expect((await ops.tallies.training())!.passed).toEqual([{ committeeCode: 'KS', electedOfficial: false, moduleId: 'natfiske', passed: 1 }]);
      });

      it('keeps a retake noted while a recount that read the records before it runs', async () => {
        await ops.tallies.recountTraining([anna], [pass(anna, 'natfiske', '2025-01')], await ops.tallies.beginRecount());
        const since = await ops.tallies.beginRecount();
        // The recount read the completions (only the old pass); then Anna retakes it; then the recount writes.
        await ops.tallies.recordPass(pass(anna, 'natfiske', '2026-03'));
        await ops.tallies.recountTraining([anna], [pass(anna, 'natfiske', '2025-01')], since);
        expect(await ops.tallies.passedAmong('natfiske', ['anna'], '2026-01-01T00:00:00.000Z')).toEqual([true]);
      });

      it('counts one of several concurrent notes of the same pass', async () => {
        await ops.tallies.recountTraining([anna], [], await ops.tallies.beginRecount());
        const firsts = await Promise.all(Array.from({ length: 5 }, () => ops.tallies.recordPass(pass())));
        expect(firsts.filter(Boolean)).toHaveLength(1);
        expect((await ops.tallies.training())!.passed).toEqual([{ committeeCode: 'SN', electedOfficial: false, moduleId: 'natfiske', passed: 1 }]);
      });

      it('expects someone hired since the recount, and moves someone who changed group with their passes', async () => {
        await ops.tallies.recountTraining([anna], [pass()], await ops.tallies.beginRecount());
        const bertil = { personId: 'bertil', committeeCode: 'KS', electedOfficial: false };
        await ops.tallies.recordPass(pass(bertil));
        const moved = { ...anna, committeeCode: 'KFN' };
        await ops.tallies.recordPass(pass(moved, 'losenord'));
        const tallies = (await ops.tallies.training())!;
        expect(sortedRows(tallies.learners.filter((l) => l.learners > 0))).toEqual(
          sortedRows([
            { committeeCode: 'KS', electedOfficial: false, learners: 1 },
            { committeeCode: 'KFN', electedOfficial: false, learners: 1 },
          ]),
        );
        expect(sortedRows(tallies.passed.filter((p) => p.passed > 0))).toEqual(
          sortedRows([
            { committeeCode: 'KS', electedOfficial: false, moduleId: 'natfiske', passed: 1 },
            { committeeCode: 'KFN', electedOfficial: false, moduleId: 'natfiske', passed: 1 },
            { committeeCode: 'KFN', electedOfficial: false, moduleId: 'losenord', passed: 1 },
          ]),
        );
      });

      it('keeps someone who is no longer staff (group "-") out of every figure, but knows their pass', async () => {
        await ops.tallies.recountTraining([anna], [pass()], await ops.tallies.beginRecount());
        const gone = { ...anna, committeeCode: '-' };
        expect(await ops.tallies.recordPass(pass(gone, 'losenord'))).toBe(true);
        const tallies = (await ops.tallies.training())!;
        expect(tallies.learners.filter((l) => l.learners > 0)).toEqual([]);
        expect(tallies.passed.filter((p) => p.passed > 0 && p.committeeCode !== '-')).toEqual([]);
        expect(await ops.tallies.passedByMonth()).toEqual([]);
        expect(await ops.tallies.passedAmong('losenord', ['anna'])).toEqual([true]);
      });

      it('tells who among people has passed a module, in their order', async () => {
        await ops.tallies.recountTraining([], [pass(), pass({ ...anna, personId: 'cecilia' }, 'losenord')], await ops.tallies.beginRecount());
        await ops.tallies.recordPass(pass({ ...anna, personId: 'bertil' }));
        expect(await ops.tallies.passedAmong('natfiske', ['bertil', 'cecilia', 'anna', 'david'])).toEqual([true, false, true, false]);
        expect(await ops.tallies.passedAmong('natfiske', [])).toEqual([]);
      });

      it('keeps a pass noted while a recount was reading, and drops one noted before that the recount did not find', async () => {
        await ops.tallies.recountTraining([anna], [], await ops.tallies.beginRecount());
        await ops.tallies.recordPass(pass(anna, 'losenord'));
        const since = await ops.tallies.beginRecount();
        await ops.tallies.recordPass(pass());
        await ops.tallies.recountTraining([anna], [], since);
        expect((await ops.tallies.training())!.passed).toEqual([{ committeeCode: 'SN', electedOfficial: false, moduleId: 'natfiske', passed: 1 }]);
        expect(await ops.tallies.passedAmong('losenord', ['anna'])).toEqual([false]);
      });

      it('drops people a recount did not find, and numbers each recount after the one before', async () => {
        const first = await ops.tallies.beginRecount();
        await ops.tallies.recountTraining([anna, { ...anna, personId: 'bertil' }], [], first);
        const second = await ops.tallies.beginRecount();
        expect(second).toBeGreaterThan(first);
        await ops.tallies.recountTraining([anna], [], second);
        expect((await ops.tallies.training())!.learners).toEqual([{ committeeCode: 'SN', electedOfficial: false, learners: 1 }]);
      });

      it('stops an older recount once a newer one has begun, changing nothing', async () => {
        const older = await ops.tallies.beginRecount();
        const newer = await ops.tallies.beginRecount();
        await ops.tallies.recountTraining([anna], [pass()], newer);
        const before = await ops.tallies.training();
        // The error's type lives with the SQLite implementation; its name is what a caller can rely on.
        await expect(ops.tallies.recountTraining([{ ...anna, committeeCode: 'KS' }, { ...anna, personId: 'bertil' }], [], older)).rejects.toMatchObject({ name: 'RecountSupersededError' });
        await expect(ops.tallies.recountIncidents([{ itemId: '1', summary: incidentSummary() }], older)).rejects.toMatchObject({ name: 'RecountSupersededError' });
        expect(await ops.tallies.training()).toEqual(before);
        expect(await ops.tallies.incidents(2026)).toBeUndefined();
      });

      it('counts the learners the bot can write to (a personal chat) apart', async () => {
        const bertil = { personId: 'bertil', committeeCode: 'SN', electedOfficial: false };
        await ops.conversations.remember(conversation('chat-anna', { personId: 'anna' }));
        await ops.conversations.remember(conversation('group-bertil', { personId: 'bertil', conversationType: 'groupChat' }));
        await ops.tallies.recountTraining([anna, bertil], [pass(), pass(bertil)], await ops.tallies.beginRecount());
        const tallies = (await ops.tallies.training())!;
        expect(tallies.learners).toEqual([{ committeeCode: 'SN', electedOfficial: false, learners: 2 }]);
        expect(tallies.reachable).toEqual({
          learners: [{ committeeCode: 'SN', electedOfficial: false, learners: 1 }],
          passed: [{ committeeCode: 'SN', electedOfficial: false, moduleId: 'natfiske', passed: 1 }],
        });
      });

      it('counts a year’s incidents by summary, following each note, change and removal', async () => {
        await ops.tallies.recountIncidents([], await ops.tallies.beginRecount());
        expect(await ops.tallies.incidents(2026)).toEqual([]);
        await ops.tallies.noteIncident('1', incidentSummary());
        await ops.tallies.noteIncident('2', incidentSummary());
        await ops.tallies.noteIncident('3', incidentSummary({ quarter: 2, kind: 'weakness', open: false, category: 'obehorig-atkomst' }));
        await ops.tallies.noteIncident('4', incidentSummary({ year: 2025 }));
        expect(sortedRows((await ops.tallies.incidents(2026))!)).toEqual(
          sortedRows([
            { committeeCode: 'SN', quarter: 1, category: 'natfiske', kind: 'incident', open: true, count: 2 },
            { committeeCode: 'SN', quarter: 2, category: 'obehorig-atkomst', kind: 'weakness', open: false, count: 1 },
          ]),
        );
        // Closed, and one removed.
        await ops.tallies.noteIncident('1', incidentSummary({ open: false }));
        await ops.tallies.forgetIncident('3');
        await ops.tallies.forgetIncident('never-noted');
        expect(sortedRows((await ops.tallies.incidents(2026))!)).toEqual(
          sortedRows([
            { committeeCode: 'SN', quarter: 1, category: 'natfiske', kind: 'incident', open: true, count: 1 },
            { committeeCode: 'SN', quarter: 1, category: 'natfiske', kind: 'incident', open: false, count: 1 },
          ]),
        );
        expect(await ops.tallies.incidents(2025)).toEqual([{ committeeCode: 'SN', quarter: 1, category: 'natfiske', kind: 'incident', open: true, count: 1 }]);
        expect(await ops.tallies.incidents(2024)).toEqual([]);
      });

      it('keeps an incident removed that a recount read before its removal, and one noted during the recount', async () => {
        await ops.tallies.recountIncidents([{ itemId: '1', summary: incidentSummary() }], await ops.tallies.beginRecount());
        const since = await ops.tallies.beginRecount();
        // While the recount reads the records: incident 1 is removed, incident 2 reported.
        await ops.tallies.forgetIncident('1');
        await ops.tallies.noteIncident('2', incidentSummary({ committeeCode: 'KS' }));
        await ops.tallies.recountIncidents([{ itemId: '1', summary: incidentSummary() }], since);
        expect(await ops.tallies.incidents(2026)).toEqual([{ committeeCode: 'KS', quarter: 1, category: 'natfiske', kind: 'incident', open: true, count: 1 }]);
        // A late note of the removed incident does not bring it back.
        await ops.tallies.noteIncident('1', incidentSummary());
        expect((await ops.tallies.incidents(2026))!.map((r) => r.committeeCode)).toEqual(['KS']);
      });

      it('drops incidents a recount did not find', async () => {
        await ops.tallies.noteIncident('1', incidentSummary());
        await ops.tallies.noteIncident('2', incidentSummary());
        await ops.tallies.recountIncidents([{ itemId: '2', summary: incidentSummary({ committeeCode: 'KS' }) }], await ops.tallies.beginRecount());
        expect(await ops.tallies.incidents(2026)).toEqual([{ committeeCode: 'KS', quarter: 1, category: 'natfiske', kind: 'incident', open: true, count: 1 }]);
      });
    });

    describe('staff register', () => {
      it('is empty, with no sync state, before the first sync', async () => {
        expect(await ops.staff.state()).toBeUndefined();
        expect(await ops.staff.all()).toEqual([]);
        expect(await ops.staff.learners()).toEqual([]);
        expect(await ops.staff.unmapped()).toEqual([]);
        expect(await ops.staff.get('anna')).toBeUndefined();
      });

      it('gives back the people and the state a sync saved, finding a person by id in any case', async () => {
        const anna = member('AAAA-0001', { attributeValue: undefined, groupIds: [], assignments: [{ role: 'fortroendevald', committeeCode: 'KS' }, { role: 'medarbetare', committeeCode: 'SN' }] });
        delete anna.attributeValue;
        const bertil = member('bbbb-0002');
        await ops.staff.save({ upsert: [anna, bertil], remove: [], state: syncState('delta-1') });
        expect(await ops.staff.state()).toEqual(syncState('delta-1'));
        expect(await ops.staff.get('aaaa-0001')).toEqual(anna);
        expect(await ops.staff.get('BBBB-0002')).toEqual(bertil);
        expect(sortedRows(await ops.staff.all())).toEqual(sortedRows([anna, bertil]));
      });

      it('applies a later sync’s changes and removals, in any case, with its new state', async () => {
        await ops.staff.save({ upsert: [member('aaaa-0001'), member('bbbb-0002'), member('cccc-0003')], remove: [], state: syncState('delta-1') });
        const moved = member('aaaa-0001', { displayName: 'Anna Andersson', assignments: [{ role: 'medarbetare', committeeCode: 'KS' }] });
        await ops.staff.save({ upsert: [moved], remove: ['BBBB-0002', 'okänd'], state: syncState('delta-2') });
        expect(await ops.staff.state()).toEqual(syncState('delta-2'));
        expect(await ops.staff.get('aaaa-0001')).toEqual(moved);
        expect(await ops.staff.get('bbbb-0002')).toBeUndefined();
        expect((await ops.staff.all()).map((m) => m.personId).sort()).toEqual(['aaaa-0001', 'cccc-0003']);
      });

      it('lists the active people with a committee as learners, elected officials marked', async () => {
        await ops.staff.save({
          upsert: [
            member('staff-1'),
            member('elected-1', { assignments: [{ role: 'medarbetare', committeeCode: 'KS' }, { role: 'fortroendevald', committeeCode: 'SN' }] }),
            member('coordinator-1', { assignments: [{ role: 'samordnare', committeeCode: 'SN' }] }),
            member('unmapped-1', { assignments: [] }),
            member('disabled-1', { accountEnabled: false, assignments: [] }),
          ],
          remove: [],
          state: syncState('d'),
        });
        expect(sortedRows(await ops.staff.learners())).toEqual(
          sortedRows([
            { personId: 'staff-1', committeeCode: 'SN', electedOfficial: false },
            { personId: 'elected-1', committeeCode: 'KS', electedOfficial: true },
          ]),
        );
      });

      it('counts the active people placed nowhere by their unmapped value, most first', async () => {
        const nowhere = { assignments: [] };
        await ops.staff.save({
          upsert: [
            member('a', { ...nowhere, attributeValue: 'Okänd förvaltning' }),
            member('b', { ...nowhere, attributeValue: 'Konsulter' }),
            member('c', { ...nowhere, attributeValue: 'Konsulter' }),
            member('d', { ...nowhere, attributeValue: 'Konsulter' }),
            member('e', { ...nowhere, attributeValue: undefined }),
            member('f', { ...nowhere, attributeValue: undefined }),
            member('disabled', { ...nowhere, accountEnabled: false, attributeValue: 'Konsulter' }),
            member('placed', { attributeValue: 'Konsulter' }),
          ],
          remove: [],
          state: syncState('d'),
        });
        expect(await ops.staff.unmapped()).toEqual([
          { value: 'Konsulter', count: 3 },
          { value: undefined, count: 2 },
          { value: 'Okänd förvaltning', count: 1 },
        ]);
      });

      it('forgets every person and the state when cleared', async () => {
        await ops.staff.save({ upsert: [member('a'), member('b')], remove: [], state: syncState('d') });
        await ops.staff.clear();
        expect(await ops.staff.state()).toBeUndefined();
        expect(await ops.staff.all()).toEqual([]);
        expect(await ops.staff.learners()).toEqual([]);
        expect(await ops.staff.get('a')).toBeUndefined();
      });
    });

    describe('app installations', () => {
      it('keeps the latest attempt per person, found by id in any case', async () => {
        expect(await ops.installations.get('anna')).toBeUndefined();
        await ops.installations.record({ personId: 'AAAA-1', outcome: 'failed', detail: '500 från Graph', at: T0 });
        expect(await ops.installations.get('aaaa-1')).toMatchObject({ outcome: 'failed', detail: '500 från Graph', at: T0 });
        await ops.installations.record({ personId: 'aaaa-1', outcome: 'installed', at: at(5) });
        const latest = await ops.installations.get('AAAA-1');
        expect(latest).toMatchObject({ outcome: 'installed', at: at(5) });
        expect(latest).not.toHaveProperty('detail');
        expect(latest!.personId.toLowerCase()).toBe('aaaa-1');
      });

      it('counts people by their latest outcome', async () => {
        expect(await ops.installations.counts()).toEqual({});
        const records: InstallRecord[] = [
          { personId: 'a', outcome: 'installed', at: T0 },
          { personId: 'b', outcome: 'installed', at: T0 },
          { personId: 'c', outcome: 'blocked', detail: 'policy', at: T0 },
          { personId: 'd', outcome: 'failed', at: T0 },
          { personId: 'D', outcome: 'alreadyInstalled', at: at(1) },
        ];
        for (const r of records) await ops.installations.record(r);
        expect(await ops.installations.counts()).toEqual({ installed: 2, blocked: 1, alreadyInstalled: 1 });
      });
    });
  });
}
