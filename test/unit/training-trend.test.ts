import { fixedClock } from '../../src/clock/clock';
import { countPass } from '../../src/learning/training-tally';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { personFrom, type RoleAssignment } from '../../src/organisation/organisation';
import { loadOverviewStatusData } from '../../src/status/status-data';
import { recountTallies } from '../../src/status/status-tallies';
import { trendMonths } from '../../src/status/training-trend';
import { overviewView } from '../../src/status/status-views';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';

describe('training over the year, month by month', () => {
  it('lists the months up to now, and counts each pass from the month it was first made, retakes not again', () => {
    expect(trendMonths(2026, '2026-05')).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
    expect(trendMonths(2025, '2026-05')).toHaveLength(12);
    expect(trendMonths(2027, '2026-05')).toEqual([]);
  });

  it('shows each committee and the whole as the passes came, from the records and from each new pass', async () => {
    const store = SqliteStore.inMemory(fixedClock('2026-05-15T09:00:00Z'));
    const ops = SqliteOperationalStore.inMemory();
    await store.committees.createMany(['SN', 'KS'].map((code) => ({ key: code, value: { code, name: code === 'SN' ? 'Socialnämnden' : 'Kommunstyrelsen', administration: '-' } })));
    const role = (personId: string, committeeCode: string): RoleAssignment => ({ personId, displayName: personId, email: '', role: 'medarbetare', committeeCode });
    const roles = [role('a', 'SN'), role('b', 'SN'), role('c', 'SN'), role('d', 'SN'), role('e', 'KS'), role('f', 'KS')];
    await store.roles.createMany(roles.map((r) => ({ key: r.personId, value: r })));
    await store.campaigns.create('c', {
      campaignId: 'natfiske-2026',
      moduleId: 'natfiske',
      audience: 'alla',
      committeeCodes: [],
      startDate: '2026-01-12',
      dueDate: '2026-06-30',
      reminderEveryDays: 7,
      maxReminders: 2,
      createdBy: 'x',
      createdAt: '2026-01-10T08:00:00.000Z',
    });
    const pass = (personId: string, completedAt: string) => ({ personId, moduleId: 'natfiske', moduleVersion: 1, committeeCode: 'SN', completedAt, score: 1 });
    // a in February (and again in April: a retake), b in March; e (KS) in February. 23:30 UTC on 31 March is April in Stockholm.
    await store.completions.createMany([pass('a', '2026-02-10T09:00:00.000Z'), pass('a', '2026-04-10T09:00:00.000Z'), pass('b', '2026-03-31T23:30:00.000Z'), pass('e', '2026-02-20T09:00:00.000Z')].map((value, i) => ({ key: `k${i}`, value })));
    await recountTallies(store, ops);
    const view = () => loadOverviewStatusData(store, ops, 2026).then((data) => overviewView(data, { year: 2026, target: 0.8, committees: ['SN', 'KS'], now: new Date('2026-05-15T09:00:00Z') }));
    let trend = (await view()).trainingTrend;
    expect(trend.months).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
    expect(trend.baseline).toBe(0.48);
    const sn = () => trend.committees.find((c) => c.code === 'SN')!.rates;
    expect(sn()).toEqual([0, 0.25, 0.25, 0.5, 0.5]);
    expect(trend.committees.find((c) => c.code === 'KS')!.rates).toEqual([0, 0.5, 0.5, 0.5, 0.5]);
    expect(trend.overall).toEqual([0, 2 / 6, 2 / 6, 3 / 6, 3 / 6]);
    // c passes in May, noted as the quiz card's last answer does.
    await countPass(ops.tallies, pass('c', '2026-05-14T09:00:00.000Z'), personFrom([roles[2]!]));
    trend = (await view()).trainingTrend;
    expect(sn()).toEqual([0, 0.25, 0.25, 0.5, 0.75]);
    await store.close();
    await ops.close();
  });
});
