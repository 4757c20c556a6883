import { AzureOperationalStore } from '../../src/ops/azure/azure-operational-store';
import { azuriteTablesForSuite } from '../support/azurite';

/**
 * The operational store on Azure Table Storage shared by two instances of the app, and values past
 * Table Storage's limits, against Azurite started by the test (the contract runs in ops-store.azure.test.ts).
 */
const { freshPrefix, tablesAt } = azuriteTablesForSuite();

describe('the operational store on Azure Table Storage, shared by two instances of the app', () => {
  it('gives 30 concurrent callers split over two instances 30 distinct consecutive numbers', async () => {
    // Two app instances: their own clients, the same tables (the same prefix).
    const prefix = freshPrefix();
    const one = await AzureOperationalStore.open(tablesAt(prefix));
    const two = await AzureOperationalStore.open(tablesAt(prefix));
    try {
      const floor = async () => 100;
      const numbers = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? one : two).counters.next('incident-2026', floor)));
      expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => 101 + i));
      expect(await one.counters.next('incident-2026', floor)).toBe(131);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  }, 60_000);

  it('serves 250 forms at once over two instances, more than one transaction holds: one number each, a form sent twice keeps its number', async () => {
    const prefix = freshPrefix();
    const one = await AzureOperationalStore.open(tablesAt(prefix));
    const two = await AzureOperationalStore.open(tablesAt(prefix));
    try {
      const floor = async () => 0;
      // 200 forms, 50 of them sent a second time (to the other instance, at the same moment).
      const calls = [...Array.from({ length: 200 }, (_, i) => ({ ops: i < 150 ? one : two, form: `form-${i}` })), ...Array.from({ length: 50 }, (_, i) => ({ ops: two, form: `form-${i}` }))];
      const numbers = await Promise.all(calls.map(({ ops, form }) => ops.counters.next('INC-2026', floor, form)));
      expect(new Set(numbers.slice(0, 200)).size).toBe(200);
      expect([...numbers.slice(0, 200)].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      expect(numbers.slice(200)).toEqual(numbers.slice(0, 50));
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  }, 60_000);
});

describe('the operational store on Azure Table Storage, beyond what one request or property holds', () => {
  it('keeps a task payload and a conversation reference longer than one property holds', async () => {
    const ops = await AzureOperationalStore.open(tablesAt(freshPrefix()));
    // 150,000 characters (five properties), with characters outside the BMP across the parts' edges.
    const text = '😀å'.repeat(50_000);
    await ops.tasks.add({ key: 'big', kind: 'k', payload: { text } }, '2026-03-02T08:00:00.000Z');
    expect(await ops.tasks.get('big')).toMatchObject({ payload: { text } });
    await ops.tasks.replace('big', 'k2', { text: 'kort' }, '2026-03-02T08:01:00.000Z');
    expect((await ops.tasks.due('2026-03-02T09:00:00.000Z', 10)).map((t) => t.payload)).toEqual([{ text: 'kort' }]);
    const record = { conversationId: 'c1', personId: 'Anna', tenantId: 't', serviceUrl: 'https://s/', conversationType: 'personal' as const, reference: { text }, updatedAt: '2026-03-02T08:00:00.000Z' };
    await ops.conversations.remember(record);
    expect((await ops.conversations.get('c1'))!.reference).toEqual({ text });
    await ops.conversations.remember({ ...record, reference: { short: true } });
    expect((await ops.conversations.get('c1'))!.reference).toEqual({ short: true });
    await ops.close();
  }, 60_000);

  it('claims batches of more than one transaction holds, overlapping in parallel, each entry once', async () => {
    const ops = await AzureOperationalStore.open(tablesAt(freshPrefix()));
    const entries = Array.from({ length: 250 }, (_, i) => ({ year: 2026, quarter: 1, kind: 'learning:c1:0', committee: i % 2 ? 'SN' : 'KS', person: `p${i}` }));
    await ops.ledger.claimMany(entries.slice(120, 130), '2026-03-02T08:00:00.000Z');
    const batches = await Promise.all([0, 1, 2].map(() => ops.ledger.claimMany(entries, '2026-03-02T08:01:00.000Z')));
    for (let e = 0; e < entries.length; e++) expect(batches.filter((answers) => answers[e]).length).toBe(e >= 120 && e < 130 ? 0 : 1);
    expect(await ops.ledger.count()).toBe(250);
    expect(await ops.ledger.deleteBefore('learning:c1', '2026-03-02T08:01:00.000Z')).toBe(10);
    expect(await ops.ledger.deleteBefore('learning:', '2026-03-02T09:00:00.000Z')).toBe(240);
    expect(await ops.ledger.count()).toBe(0);
    await ops.close();
  }, 60_000);
});
