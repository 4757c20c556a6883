import { passedFromTallies } from '../../src/status/status-tallies';
import { fixedClock } from '../../src/clock/clock';
import { retentionJob } from '../../src/jobs/retention-job';
import { runJob } from '../../src/jobs/run-job';
import { libraryOf } from '../../src/learning/module-library';
import { createLogger } from '../../src/logging/logger';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { incident } from '../contract/store-contract';

/** Gallring over a year and more, with the clock moved month by month. */
describe('the retention job', () => {
  it('removes closed incidents 36 months after their last change, with their history, keeps open ones, and logs each removal', async () => {
    const clock = fixedClock('2025-01-10T09:00:00Z');
    const store = SqliteStore.inMemory(clock);
    const ops = SqliteOperationalStore.inMemory();
    const context = {
      store,
      ops,
      clock,
      logger: createLogger('silent'),
      incidents: {} as never,
      actionPlan: {} as never,
      assets: {} as never,
      learning: { campaigns: { store, ops, clock, library: libraryOf([]), notifier: { moduleCards: async () => undefined }, passed: passedFromTallies(store, ops) } },
      retention: { closedIncidentMonths: 36, learningDeliveryDays: 365 },
      peopleSync: undefined,
    };
    // Three reports in January 2025: A closed in February 2025, B closed in December 2025, C never closed.
    for (const ref of ['INC-2025-0001', 'INC-2025-0002', 'INC-2025-0003']) {
      await store.incidents.create(ref, incident(ref, { description: 'Personnummer 19121212-1212 i ett mejl', reportedAt: '2025-01-10T09:00:00.000Z' }));
      await store.incidentEvents.create(`${ref}:e1`, { reference: ref, at: '2025-01-10T09:00:00.000Z', actorId: 'p1', action: 'rapporterad', detail: '' });
      await store.audit.create(`${ref}:a1`, { at: '2025-01-10T09:00:00.000Z', actorId: 'p1', recordKind: 'incident', recordKey: ref, action: 'skapad', before: '', after: '{"description":"Personnummer 19121212-1212"}' });
    }
    const close = async (ref: string, at: string) => {
      clock.set(at);
      const item = (await store.incidents.getByKey(ref))!;
      await store.incidents.update(item.id, item.etag, { status: 'Stängd', closingNote: 'Åtgärdat' });
    };
    await close('INC-2025-0001', '2025-02-15T10:00:00Z');
    await close('INC-2025-0002', '2025-12-01T10:00:00Z');
    // Learning deliveries: one sent card from January 2025, one still queued, and their ledger entries.
    await ops.outbox.enqueue([{ key: 'learning:c1:0:p1', campaignId: 'learning:c1', personId: 'p1', activity: { type: 'message', text: 'kort' } }], '2025-01-13T08:00:00.000Z');
    await ops.outbox.enqueue([{ key: 'learning:c1:0:p2', campaignId: 'learning:c1', personId: 'p2', activity: { type: 'message', text: 'kort' } }], '2025-01-13T08:00:00.000Z');
    const sent = (await ops.outbox.claimNext('2025-01-13T08:00:00.000Z'))!;
    await ops.outbox.finish(sent.id, 'Sent', { at: '2025-01-13T08:00:01.000Z' });
    await ops.ledger.claim({ year: 2025, quarter: 0, kind: 'learning:c1:0', committee: '', person: 'p1' }, '2025-01-13T08:00:00.000Z');
    await ops.ledger.claim({ year: 2025, quarter: 1, kind: 'quarterStart', committee: 'SN', person: 'p1' }, '2025-01-13T08:00:00.000Z');

    const remaining = async () => (await store.incidents.query()).map((i) => i.value.reference).sort();
    const summaries: string[] = [];
    // Run on the 1st of every month from February 2025 to June 2029.
    for (let m = 1; m <= 53; m++) {
      clock.set(new Date(Date.UTC(2025, m, 1, 1, 30)));
      summaries.push(await runJob(retentionJob, context));
      const month = clock.now().toISOString().slice(0, 7);
      if (month === '2026-02') {
        // A year after: the learning card's bookkeeping is gone, the queued one and the action-plan ledger kept.
        expect((await ops.outbox.messagesOf('learning:c1')).map((msg) => msg.key)).toEqual(['learning:c1:0:p2']);
        expect(await ops.ledger.count()).toBe(1);
      }
      if (month === '2028-02') expect(await remaining()).toEqual(['INC-2025-0001', 'INC-2025-0002', 'INC-2025-0003']);
      if (month === '2028-03') expect(await remaining()).toEqual(['INC-2025-0002', 'INC-2025-0003']);
      if (month === '2028-12') expect(await remaining()).toEqual(['INC-2025-0002', 'INC-2025-0003']);
    }
    expect(await remaining()).toEqual(['INC-2025-0003']);
    // The history went with them; the open incident keeps its own.
    expect((await store.incidentEvents.query()).map((e) => e.value.reference)).toEqual(['INC-2025-0003']);
    const audit = (await store.audit.query()).map((a) => a.value);
    expect(audit.filter((a) => a.action === 'skapad').map((a) => a.recordKey)).toEqual(['INC-2025-0003']);
    expect(audit.filter((a) => a.action === 'gallrad').map((a) => [a.recordKey, a.at.slice(0, 10), a.actorId])).toEqual([
      ['learning-before-2025-02-01', '2026-02-01', 'system'],
      ['INC-2025-0001', '2028-03-01', 'system'],
      ['INC-2025-0002', '2029-01-01', 'system'],
    ]);
    expect(JSON.stringify(audit.filter((a) => a.action === 'gallrad'))).not.toContain('19121212');
    expect(summaries.filter((s) => !s.startsWith('Gallrat: 0 incidenter (0 händelser, 0 loggposter), 0 utskick, 0 påminnelseposter'))).toEqual([
      'Gallrat: 0 incidenter (0 händelser, 0 loggposter), 1 utskick, 1 påminnelseposter',
      'Gallrat: 1 incidenter (1 händelser, 1 loggposter), 0 utskick, 0 påminnelseposter',
      'Gallrat: 1 incidenter (1 händelser, 1 loggposter), 0 utskick, 0 påminnelseposter',
    ]);
    await store.close();
    await ops.close();
  });
});
