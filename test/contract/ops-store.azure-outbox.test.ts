import { AzureOperationalStore } from '../../src/ops/azure/azure-operational-store';
import { keyPartition } from '../../src/ops/azure/azure-outbox-entities';
import { safeKey } from '../../src/ops/azure/azure-tables';
import type { OutboxMessage } from '../../src/ops/outbox-types';
import { azuriteTablesForSuite } from '../support/azurite';

/**
 * The outbox on Azure Table Storage shared by two instances of the app, against Azurite started by
 * the test (the contract itself runs in ops-store.azure.test.ts).
 */
const { freshPrefix, tablesAt } = azuriteTablesForSuite();
const freshTables = () => tablesAt(freshPrefix());

describe('the outbox shared by two instances of the app', () => {
  it('gives each of 20 due messages to exactly one claimer, however the two instances race', async () => {
    const prefix = freshPrefix();
    const first = await AzureOperationalStore.open(tablesAt(prefix));
    // A second instance: its own clients, the same tables.
    const second = await AzureOperationalStore.open(tablesAt(prefix));
    const at = new Date(Date.UTC(2026, 2, 2, 8, 0)).toISOString();
    const card = { type: 'message', text: 'delat kort' };
    await first.outbox.enqueue(Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, campaignId: 'c1', personId: `p${i}`, activity: card })), at);
    // And the same keys again from the other instance at the same moment: stored once.
    expect(await second.outbox.enqueue(Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, campaignId: 'c1', personId: `p${i}`, activity: card })), at)).toEqual({ queued: 0, alreadyKnown: 20 });

    const claimUntilEmpty = async (ops: AzureOperationalStore) => {
      const taken: OutboxMessage[] = [];
      for (let m = await ops.outbox.claimNext(at); m; m = await ops.outbox.claimNext(at)) taken.push(m);
      return taken;
    };
    const claims = (await Promise.all([first, second, first, second, first, second, first, second].map(claimUntilEmpty))).flat();
    expect(claims).toHaveLength(20);
    expect(new Set(claims.map((m) => m.key)).size).toBe(20);
    expect(new Set(claims.map((m) => m.id)).size).toBe(20);
    expect((await first.outbox.campaignSummary('c1')).Sending).toBe(20);
    expect(await second.outbox.claimNext(at)).toBeUndefined();
  }, 60_000);

  it('stores a key enqueued by both instances at the same moment once', async () => {
    const prefix = freshPrefix();
    const [first, second] = [await AzureOperationalStore.open(tablesAt(prefix)), await AzureOperationalStore.open(tablesAt(prefix))];
    const at = new Date(Date.UTC(2026, 2, 2, 8, 0)).toISOString();
    const batch = (text: string) => Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, campaignId: 'c1', personId: `p${i}`, activity: { type: 'message', text } }));
    const [a, b] = await Promise.all([first.outbox.enqueue(batch('a'), at), second.outbox.enqueue(batch('b'), at)]);
    expect(a.queued + b.queued).toBe(30);
    expect(a.alreadyKnown + b.alreadyKnown).toBe(30);
    expect(await first.outbox.messagesOf('c1')).toHaveLength(30);
    expect(await second.outbox.pendingCount()).toBe(30);
  }, 60_000);

  it('lets a former leader neither send nor finish a message the new leader recovered and claimed again', async () => {
    const prefix = freshPrefix();
    const [old, next] = [await AzureOperationalStore.open(tablesAt(prefix)), await AzureOperationalStore.open(tablesAt(prefix))];
    const at = new Date(Date.UTC(2026, 2, 2, 8, 0)).toISOString();
    await old.outbox.enqueue([{ key: 'k1', campaignId: 'learning:c1', personId: 'p1', activity: { type: 'message', text: 'kort' } }], at);
    const claimed = (await old.outbox.claimNext(at))!;
    // The old leader lost its lease while the message waited for its turn; the new one recovers and claims it.
    expect(await next.outbox.recoverInterrupted(() => false)).toEqual({ requeued: 1, settled: 0 });
    const reclaimed = (await next.outbox.claimNext(at))!;
    expect(reclaimed.id).toBe(claimed.id);
    expect(await old.outbox.handOver(claimed.id, at)).toBe(false);
    await old.outbox.finish(claimed.id, 'Failed', { at, error: 'gammal ledare' });
    expect(await next.outbox.get('k1')).toMatchObject({ status: 'Sending', attempts: 2 });
    // The new leader's own claim goes on as usual.
    expect(await next.outbox.handOver(reclaimed.id, at)).toBe(true);
    await next.outbox.finish(reclaimed.id, 'Sent', { at });
    expect(await next.outbox.get('k1')).toMatchObject({ status: 'Sent' });
    expect(await next.outbox.get('k1')).not.toHaveProperty('handedOverAt');
  }, 60_000);

  it('takes in, on a copy run again, the messages a copy cut short had only reserved the keys of', async () => {
    const tables = freshTables();
    const ops = await AzureOperationalStore.open(tables);
    const moved = { key: 'learning:c1:0:p1', campaignId: 'learning:c1', personId: 'p1', activity: { type: 'message', text: 'kort' }, status: 'Queued' as const, attempts: 0, nextAttemptAt: new Date(0).toISOString(), enqueuedAt: new Date(0).toISOString() };
    // The copy stopped after writing the key, before the message.
    await tables.table('OutboxKeys').createEntity({ partitionKey: keyPartition(moved.key), rowKey: safeKey(moved.key), campaignId: moved.campaignId, id: '999' });
    expect(await ops.outbox.get(moved.key)).toBeUndefined();
    expect(await ops.outbox.restore([moved])).toBe(1);
    expect(await ops.outbox.get(moved.key)).toMatchObject({ status: 'Queued', personId: 'p1' });
    // An enqueue, by contrast, leaves a fresh key alone for a while (its writer may be under way).
    await tables.table('OutboxKeys').createEntity({ partitionKey: keyPartition('fresh'), rowKey: safeKey('fresh'), campaignId: 'c2', id: '998' });
    expect(await ops.outbox.enqueue([{ key: 'fresh', campaignId: 'c2', personId: 'p2', activity: { type: 'message' } }], new Date(0).toISOString())).toEqual({ queued: 0, alreadyKnown: 1 });
  }, 60_000);

  it('keeps a card longer than a string property may be whole', async () => {
    const ops = await AzureOperationalStore.open(freshTables());
    const long = { type: 'message', text: 'å'.repeat(100_000) };
    await ops.outbox.enqueue([{ key: 'long', campaignId: 'c1', personId: 'p1', activity: long }], new Date(0).toISOString());
    expect((await ops.outbox.get('long'))!.activity).toEqual(long);
    expect((await ops.outbox.claimNext(new Date(0).toISOString()))!.activity).toEqual(long);
  }, 60_000);
});
