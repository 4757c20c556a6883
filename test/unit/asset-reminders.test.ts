import { dueAssetItems, sendAssetReminders, type AssetNotifier, type AssetReminderItem } from '../../src/assets/asset-reminders';
import { fixedClock } from '../../src/clock/clock';
import { quarterStatusKey } from '../../src/actionplan/quarter-status';
import { demoPersonByPersona } from '../../src/demo/demo-organisation';
import { seedDemoData } from '../../src/demo/seed-demo-data';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { assetNotifier } from '../../bot/notifiers/asset-notifier';

const ERIK = demoPersonByPersona('chef')!.id;
const JOHAN = demoPersonByPersona('sakerhetsansvarig')!.id;

function recordingNotifier() {
  const messages: { key: string; personId: string; items: AssetReminderItem[] }[] = [];
  const notifier: AssetNotifier = {
    async reminders(recipients) {
      messages.push(...recipients);
    },
  };
  return { messages, notifier };
}

/** The demo register seeded on Tuesday 24 November 2026; the reminder runs on the clock the test moves. */
async function setUp() {
  const clock = fixedClock('2026-11-24T07:00:00Z');
  const store = SqliteStore.inMemory(clock);
  await seedDemoData(store, clock.now());
  const ops = SqliteOperationalStore.inMemory();
  const { messages, notifier } = recordingNotifier();
  return { store, ops, clock, messages, deps: { store, ops, clock, notifier, reviewMonths: 12 } };
}

const summary = (items: AssetReminderItem[]) => items.map((i) => `${i.assetId} ${i.kind} ${i.due || 'saknas'}`).sort();

describe('reminders to the systemägare', () => {
  it('tells each systemägare once what is due, however often the job runs', async () => {
    const { deps, messages } = await setUp();
    const [first, second] = await Promise.all([sendAssetReminders(deps), sendAssetReminders(deps)]);
    expect(await sendAssetReminders(deps)).toBe(0);
    const erik = messages.filter((m) => m.personId === ERIK);
    // Two runs at once may both queue Erik's message, under the same key (the outbox keeps it once); the ledger counts each reminder once.
    expect(new Set(erik.map((m) => m.key)).size).toBe(1);
    expect(summary(erik[0]!.items)).toEqual([
      'sn-hemtjanst-planering analysis saknas',
      'sn-hemtjanst-planering classification saknas',
      'sn-ifo analysis saknas',
      'sn-trygghetslarm analysis saknas',
      // Classified 390 days ago with a review after 365.
      'sn-trygghetslarm classification 2026-10-30',
    ]);
    // The critical systems with no systemägare go to their nämnd's coordinator, or — KS, SBN and BUN have none in the demo — to the security officer.
    const johan = messages.find((m) => m.personId === JOHAN)!;
    expect(summary(johan.items)).toContain('sbn-va-styrning analysis saknas');
    expect(summary(johan.items)).toContain('ks-diarium classification 2026-10-20');
    // Nothing for systems that are neither samhällsviktiga nor verksamhetskritiska.
    expect(messages.flatMap((m) => m.items).some((i) => i.assetId.startsWith('kfn-'))).toBe(false);
    // Each reminder claimed by one of the two runs.
    expect(first + second).toBe(new Set(messages.flatMap((m) => m.items.map((i) => `${m.personId} ${i.assetId} ${i.kind}`))).size);
  });

  it('reminds again only for a new period: a review fallen due once more, a measure given a new date', async () => {
    const { deps, messages, store, clock } = await setUp();
    await sendAssetReminders(deps);
    messages.length = 0;
    // The trygghetslarm is classified again today and analysed; its measure is due on 1 December.
    const [larm] = await store.assets.query({ field: 'assetId', op: 'eq', value: 'sn-trygghetslarm' });
    await store.assets.update(larm!.id, larm!.etag, { classifiedOn: '2026-11-24', classificationReviewOn: null as never });
    await store.riskAnalyses.create('analysis:sn-trygghetslarm:2026-11-24', { analysisKey: 'sn-trygghetslarm:2026-11-24', assetId: 'sn-trygghetslarm', committeeCode: 'SN', analysedOn: '2026-11-24', summary: 'Reservlarm' });
    const { item: measure } = await store.assetMeasures.create('measure:larm-1', { measureId: 'larm-1', assetId: 'sn-trygghetslarm', committeeCode: 'SN', analysisKey: 'sn-trygghetslarm:2026-11-24', what: 'Testa reservlarmet', dueDate: '2026-12-01', status: 'Pågående' });
    expect(await sendAssetReminders(deps)).toBe(0);

    clock.set('2026-12-02T07:00:00Z');
    await sendAssetReminders(deps);
    expect(messages.map((m) => [m.personId, summary(m.items)])).toEqual([[ERIK, ['sn-trygghetslarm measure 2026-12-01']]]);
    expect(await sendAssetReminders(deps)).toBe(0);

    // Given a new date that also passes: reminded again. Done: never again.
    messages.length = 0;
    const moved = await store.assetMeasures.update(measure.id, measure.etag, { dueDate: '2026-12-15' });
    clock.set('2026-12-16T07:00:00Z');
    await sendAssetReminders(deps);
    expect(messages.map((m) => summary(m.items))).toEqual([['sn-trygghetslarm measure 2026-12-15']]);
    await store.assetMeasures.update(moved.id, moved.etag, { status: 'Genomförd' });

    // A year on, the classification and the analysis made today fall due again: a new period each.
    messages.length = 0;
    clock.set('2027-11-25T07:00:00Z');
    await sendAssetReminders(deps);
    const erik = messages.find((m) => m.personId === ERIK)!;
    expect(summary(erik.items).filter((s) => s.startsWith('sn-trygghetslarm'))).toEqual(['sn-trygghetslarm analysis 2027-11-24', 'sn-trygghetslarm classification 2027-11-24']);
  });

  it('queues the same message again after a stop between the outbox and the ledger, which the outbox keeps once', async () => {
    const { deps, messages } = await setUp();
    const failing: AssetNotifier = {
      async reminders(recipients) {
        messages.push(...recipients);
        throw new Error('the process stopped here');
      },
    };
    await expect(sendAssetReminders({ ...deps, notifier: failing })).rejects.toThrow('stopped');
    const before = messages.map((m) => m.key).sort();
    messages.length = 0;
    expect(await sendAssetReminders(deps)).toBeGreaterThan(0);
    expect(messages.map((m) => m.key).sort()).toEqual(before);
  });

  it('puts one message per person in the delivery service’s outbox, kept once after a stop half-way', async () => {
    const { deps, store, ops, clock } = await setUp();
    const committees = { list: async () => (await store.committees.query()).map((c) => c.value) } as never;
    let stopAfterQueueing = true;
    const notifier = assetNotifier({
      store,
      ops,
      clock,
      committees,
      locale: 'sv',
      enqueue: async (messages) => {
        await ops.outbox.enqueue(messages, clock.now().toISOString());
        if (stopAfterQueueing) throw new Error('the process stopped here');
      },
    });
    await expect(sendAssetReminders({ ...deps, notifier })).rejects.toThrow('stopped');
    const queued = await ops.outbox.pendingCount();
    // Erik (SN's systems) and Johan (the systems with no systemägare nor coordinator).
    expect(queued).toBe(2);
    stopAfterQueueing = false;
    expect(await sendAssetReminders({ ...deps, notifier })).toBeGreaterThan(0);
    expect(await ops.outbox.pendingCount()).toBe(queued);
    expect(await sendAssetReminders({ ...deps, notifier })).toBe(0);
  });

  it('tells a measure’s owner too, leaves a measure in the plan to the quarter card, and passes over a systemägare nobody knows', async () => {
    const { deps, messages, store, clock } = await setUp();
    await sendAssetReminders(deps);
    messages.length = 0;
    const SARA = demoPersonByPersona('samordnare')!.id;
    await store.assetMeasures.create('measure:a', { measureId: 'a', assetId: 'sn-ifo', committeeCode: 'SN', what: 'Logga uttag', ownerId: SARA, dueDate: '2026-12-01', status: 'Pågående' });
    await store.assetMeasures.create('measure:b', { measureId: 'b', assetId: 'sn-ifo', committeeCode: 'SN', what: 'I planen', dueDate: '2026-12-01', status: 'Pågående', activityId: '2027-riskatgard-b' });
    // BUN's pupil register given a systemägare the roles list does not know (an Entra id typed by hand).
    const [pupils] = await store.assets.query({ field: 'assetId', op: 'eq', value: 'bun-elevregister' });
    await store.assets.update(pupils!.id, pupils!.etag, { systemOwnerId: '0f0f0f0f-0000-4000-8000-00000000dead' });
    clock.set('2026-12-02T07:00:00Z');
    await sendAssetReminders(deps);
    const to = (person: string) => summary(messages.filter((m) => m.personId === person).flatMap((m) => m.items));
    expect(to(ERIK)).toEqual(['sn-ifo measure 2026-12-01']);
    expect(to(SARA)).toEqual(['sn-ifo measure 2026-12-01']);
    expect(messages.some((m) => m.personId === '0f0f0f0f-0000-4000-8000-00000000dead')).toBe(false);
    // BUN has no coordinator: its security officer (for the whole municipality) has the pupil register already from the first run.
    expect(messages.flatMap((m) => m.items).some((i) => i.what === 'I planen')).toBe(false);
  });

  it('closes, before it reminds, a measure whose plan activity was set Genomförd where the save’s own follow-up was cut off', async () => {
    const { deps, store, clock } = await setUp();
    await store.activities.create('activity:2026-riskatgard-m', { year: 2026, activityId: '2026-riskatgard-m', area: 'Åtgärder efter riskanalyser', title: 'T', description: '', quarters: [4], committees: ['SN'] });
    await store.activityStatuses.create(quarterStatusKey('2026-riskatgard-m', 'SN', 4), { year: 2026, activityId: '2026-riskatgard-m', committeeCode: 'SN', quarter: 4, status: 'Genomförd', comment: '', setBy: 'sara', setAt: clock.now().toISOString() });
    await store.assetMeasures.create('measure:m', { measureId: 'm', assetId: 'sn-ifo', committeeCode: 'SN', what: 'T', dueDate: '2026-10-01', status: 'Pågående', activityId: '2026-riskatgard-m' });
    await sendAssetReminders(deps);
    expect((await store.assetMeasures.getByKey('measure:m'))!.value.status).toBe('Genomförd');
  });

  it('finds what is due from the records alone', () => {
    const asset = { assetId: 'x', assetName: 'X', description: '', committeeCode: 'SN', criticality: 'verksamhetskritisk' as const, confidentiality: 1 as const, integrity: 1 as const, availability: 1 as const, classifiedOn: '2025-11-30' };
    // Without a review date of its own, the interval: due 30 November 2026.
    expect(dueAssetItems({ assets: [asset], analyses: [{ analysisKey: 'x:2026-01-01', assetId: 'x', committeeCode: 'SN', analysedOn: '2026-01-01', summary: 's' }], measures: [] }, '2026-11-30', 12)).toEqual([]);
    expect(dueAssetItems({ assets: [asset], analyses: [{ analysisKey: 'x:2026-01-01', assetId: 'x', committeeCode: 'SN', analysedOn: '2026-01-01', summary: 's' }], measures: [] }, '2026-12-01', 12)).toEqual([
      { item: { assetId: 'x', assetName: 'X', committeeCode: 'SN', kind: 'classification', due: '2026-11-30' }, period: '2026-11-30' },
    ]);
    // A shorter interval by configuration.
    expect(dueAssetItems({ assets: [asset], analyses: [], measures: [] }, '2026-06-01', 6).map((d) => d.period)).toEqual(['2026-05-30', 'saknas']);
  });
});
