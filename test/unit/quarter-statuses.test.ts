import Database from 'better-sqlite3';
import { exportPlan } from '../../src/actionplan/plan-store';
import { saveQuarterStatuses } from '../../src/actionplan/save-quarter-statuses';
import { latestStatus, previousStatus, quarterOf, statusesByQuarter } from '../../src/actionplan/quarter-status';
import type { ActivityStatus } from '../../src/actionplan/activity';
import { fixedClock } from '../../src/clock/clock';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { personFrom } from '../../src/organisation/organisation';
import { MIGRATIONS, migrate } from '../../src/store/sqlite/migrations';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';

/**
 * The action plan per quarter: each quarter keeps its own status, a later save never rewrites an
 * earlier quarter, a quarter starts from the previous one, and statuses stored before this were
 * given the quarter they were set in.
 */
const row = (over: Partial<ActivityStatus>): ActivityStatus => ({ year: 2026, activityId: 'a', committeeCode: 'SN', status: 'Pågående', comment: '', setBy: 'sara', setAt: '2026-05-10T08:00:00.000Z', ...over });

describe('the quarter of a status', () => {
  it('is its own, or for an older row the quarter it was set in (Stockholm), moved to one the activity runs in', () => {
    expect(quarterOf(row({ quarter: 3 }), { quarters: [2, 3] })).toBe(3);
    expect(quarterOf(row({ setAt: '2026-05-10T08:00:00.000Z' }), { quarters: [2, 3] })).toBe(2);
    // 31 March 23:30 UTC is 1 April in Stockholm: the second quarter
    expect(quarterOf(row({ setAt: '2026-03-31T23:30:00.000Z' }), { quarters: [1, 2, 3, 4] })).toBe(2);
    // Set in the fourth quarter, for an activity of the second and third: the third
    expect(quarterOf(row({ setAt: '2026-11-10T08:00:00.000Z' }), { quarters: [2, 3] })).toBe(3);
    // A year-end follow-up set the next year: the last quarter; set before the first quarter: the first
    expect(quarterOf(row({ setAt: '2027-01-15T08:00:00.000Z' }), { quarters: [1, 2] })).toBe(2);
    expect(quarterOf(row({ setAt: '2026-01-15T08:00:00.000Z' }), { quarters: [3, 4] })).toBe(3);
  });

  it('gives each quarter its own, the one before it to start from, and the latest as where it stands', () => {
    const byQuarter = statusesByQuarter([row({ quarter: 1, status: 'Påbörjad' }), row({ quarter: 3, status: 'Genomförd' })], { quarters: [1, 2, 3] });
    expect(byQuarter.get(2)).toBeUndefined();
    expect(previousStatus(byQuarter, 2)?.status).toBe('Påbörjad');
    expect(previousStatus(byQuarter, 1)).toBeUndefined();
    expect(latestStatus(byQuarter)?.status).toBe('Genomförd');
  });
});

describe('saving a quarter', () => {
  it('writes the quarter’s own status and never rewrites an earlier quarter’s', async () => {
    const store = SqliteStore.inMemory();
    const ops = SqliteOperationalStore.inMemory();
    await store.activities.create('activity:a', { year: 2026, activityId: 'a', area: 'Nätverk', title: 'Riskanalys', description: '', quarters: [2, 3], committees: ['*'] });
    const sara = { personId: 'sara', person: personFrom([{ personId: 'sara', displayName: 'Sara', email: '', role: 'samordnare', committeeCode: 'SN' }]) };
    const save = (at: string, quarter: 2 | 3, status: string, seenVersion = '') =>
      saveQuarterStatuses({ store, ops, clock: fixedClock(at) }, sara, { year: 2026, quarter, committeeCode: 'SN' }, [{ activityId: 'a', status, comment: `${status} i kvartal ${quarter}`, seenVersion }]);
    expect(await save('2026-05-10T08:00:00Z', 2, 'Pågående')).toMatchObject({ saved: ['Riskanalys'] });
    expect(await save('2026-08-10T08:00:00Z', 3, 'Genomförd')).toMatchObject({ saved: ['Riskanalys'] });
    const rows = (await store.activityStatuses.query({ field: 'committeeCode', op: 'eq', value: 'SN' })).map((s) => [s.value.quarter, s.value.status, s.value.comment]);
    expect(rows.sort()).toEqual([
      [2, 'Pågående', 'Pågående i kvartal 2'],
      [3, 'Genomförd', 'Genomförd i kvartal 3'],
    ]);
    // The third quarter started from the second's status: saving that unchanged records nothing
    const again = await saveQuarterStatuses({ store, ops, clock: fixedClock('2026-08-11T08:00:00Z') }, sara, { year: 2026, quarter: 3, committeeCode: 'SN' }, [
      { activityId: 'a', status: 'Genomförd', comment: '', seenVersion: (await store.activityStatuses.getByKey('status:a:SN:q3'))!.etag },
    ]);
    expect(again).toMatchObject({ saved: [] });
    // A plan file holds one status per activity: the latest quarter's
    expect((await exportPlan(store, 2026, ['SN']))[0]).toMatchObject({ status: 'Genomförd', comment: 'Genomförd i kvartal 3' });
    await store.close();
    await ops.close();
  });
});

describe('the SQLite migration to statuses per quarter', () => {
  it('gives each stored status the quarter it was set in, and leaves the rest of the row as it was', () => {
    const db = new Database(':memory:');
    for (const m of MIGRATIONS.filter((x) => x.version < 3)) m.up(db);
    db.pragma('user_version = 2');
    const insert = (table: string, key: string, data: object) =>
      db.prepare(`INSERT INTO ${table} (item_key, created_at, modified_at, data) VALUES (?, '2026-01-01', '2026-01-01', ?)`).run(key, JSON.stringify(data));
    insert('activities', 'activity:2026-a', { year: 2026, activityId: '2026-a', area: 'Nätverk', title: 'Riskanalys', description: '', quarters: [2, 3], committees: ['*'] });
    insert('activity_statuses', 'status:2026-a:SN', row({ activityId: '2026-a', setAt: '2026-08-20T08:00:00.000Z', comment: 'Klart i augusti' }));
    insert('activity_statuses', 'status:2026-a:KFN', row({ activityId: '2026-a', committeeCode: 'KFN', setAt: '2027-01-10T08:00:00.000Z' }));
    expect(migrate(db)).toEqual(MIGRATIONS.filter((m) => m.version >= 3).map((m) => m.version));
    const after = (db.prepare('SELECT item_key, data FROM activity_statuses ORDER BY id').all() as { item_key: string; data: string }[]).map((r) => [r.item_key, JSON.parse(r.data)]);
    expect(after).toEqual([
      // (yearCommittee is migration 5's.)
      ['status:2026-a:SN', { ...row({ activityId: '2026-a', setAt: '2026-08-20T08:00:00.000Z', comment: 'Klart i augusti' }), quarter: 3, yearCommittee: '2026:SN' }],
      ['status:2026-a:KFN', { ...row({ activityId: '2026-a', committeeCode: 'KFN', setAt: '2027-01-10T08:00:00.000Z' }), quarter: 3, yearCommittee: '2026:KFN' }],
    ]);
    db.close();
  });
});
