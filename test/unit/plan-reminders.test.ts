import { sendPlanReminders, type PlanNotifier } from '../../src/actionplan/plan-reminders';
import { quarterStatusKey } from '../../src/actionplan/quarter-status';
import { fixedClock } from '../../src/clock/clock';
import { seedDemoData } from '../../src/demo/seed-demo-data';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';

const SARA = 'a1a1a1a1-0000-4000-8000-000000000002';
const JOHAN = 'a1a1a1a1-0000-4000-8000-000000000003';

function recordingNotifier() {
  const sent: string[] = [];
  const notifier: PlanNotifier = {
    async quarterCards(_year, _quarter, _kind, recipients) {
      sent.push(...recipients.map((r) => r.key));
    },
    async overdueSummaries(_year, _quarter, _overdue, recipients) {
      sent.push(...recipients.map((r) => r.key));
    },
  };
  return { sent, notifier };
}

async function setUp(iso: string) {
  const store = SqliteStore.inMemory();
  await seedDemoData(store);
  const ops = SqliteOperationalStore.inMemory();
  const clock = fixedClock(iso);
  const { sent, notifier } = recordingNotifier();
  return { store, ops, clock, sent, deps: { store, ops, clock, notifier, daysBeforeEnd: 21 } };
}

describe('quarterly reminders for the 2022 plan', () => {
  it('sends each coordinator one card per committee at quarter start, once however often the job fires', async () => {
    const { deps, sent } = await setUp('2022-04-01T07:30:00Z'); // Friday 1 April 2022, 09:30 in Stockholm
    const results = await Promise.all([sendPlanReminders(deps), sendPlanReminders(deps)]);
    await sendPlanReminders(deps);
    expect(results.reduce((a, b) => a + b, 0)).toBe(2 + 1); // Sara: SN and KFN; Johan: the overdue Q1 summary
    expect(new Set(sent)).toEqual(
      new Set([`actionplan:2022:Q2:quarterStart:SN:${SARA}`, `actionplan:2022:Q2:quarterStart:KFN:${SARA}`, `actionplan:2022:Q1:overdue:*:${JOHAN}`]),
    );
    expect(await deps.ops.ledger.count()).toBe(3);
  });

  it('before quarter end sends only where something is not Genomförd', async () => {
    const { deps, sent, store } = await setUp('2022-06-10T07:00:00Z');
    // In KFN every Q2 activity is finished in Q2 (its own status, or an earlier quarter's): no reminder for it.
    for (const { value: a } of await store.activities.query({ field: 'year', op: 'eq', value: 2022 })) {
      if (!a.quarters.includes(2)) continue;
      const value = { year: 2022, activityId: a.activityId, committeeCode: 'KFN', quarter: 2 as const, status: 'Genomförd' as const, comment: '', setBy: 'test', setAt: '2022-06-01T08:00:00.000Z' };
      // The demo has some of KFN's second-quarter statuses already (riskanalys Pågående): this one replaces it.
      const demo = await store.activityStatuses.getByKey(quarterStatusKey(a.activityId, 'KFN', 2));
      if (demo) await store.activityStatuses.update(demo.id, demo.etag, value);
      else await store.activityStatuses.create(`test:${a.activityId}:KFN:q2`, value);
    }
    await sendPlanReminders(deps);
    expect(sent.filter((k) => k.includes('beforeEnd'))).toEqual([`actionplan:2022:Q2:beforeEnd:SN:${SARA}`]);
  });

  it('catches up after a restart without repeating what was sent before it', async () => {
    const { deps, sent, clock } = await setUp('2022-04-01T06:30:00Z'); // 08:30: quarter start is due, the 09:00 overdue summary not yet
    await sendPlanReminders(deps);
    const before = sent.length;
    expect(before).toBe(2);
    clock.set('2022-06-20T12:00:00Z'); // the server was down from then until after the before-end date
    await sendPlanReminders(deps);
    expect(sent.slice(before)).toEqual([
      `actionplan:2022:Q2:beforeEnd:SN:${SARA}`,
      `actionplan:2022:Q2:beforeEnd:KFN:${SARA}`,
      `actionplan:2022:Q1:overdue:*:${JOHAN}`,
    ]);
  });

  it('sends nothing outside the calendar', async () => {
    const { deps, sent } = await setUp('2021-12-31T12:00:00Z');
    expect(await sendPlanReminders(deps)).toBe(0);
    expect(sent).toEqual([]);
  });
});
