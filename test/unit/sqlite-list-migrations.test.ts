import Database from 'better-sqlite3';
import { fixedClock } from '../../src/clock/clock';
import { migrate, MIGRATIONS } from '../../src/store/sqlite/migrations';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { incident } from '../contract/store-contract';

/** A database as migrations up to `version` left it, and a way to put rows in as they were then. */
function databaseAt(version: number) {
  const db = new Database(':memory:');
  for (const m of MIGRATIONS.filter((x) => x.version <= version)) m.up(db);
  db.pragma(`user_version = ${version}`);
  const insert = (table: string, key: string, data: object) =>
    db.prepare(`INSERT INTO ${table} (item_key, created_at, modified_at, data) VALUES (?, '2026-01-01', '2026-01-01', ?)`).run(key, JSON.stringify(data));
  return { db, insert };
}

describe('the SQLite migration to committee-year keys', () => {
  it('gives the incidents and statuses stored before it their key, indexed, and leaves the records as they read', async () => {
    const { db, insert } = databaseAt(4);
    // Reported 23:30 UTC on New Year's Eve 2025: 00:30 on New Year's Day in Stockholm, so 2026.
    const late = incident('INC-2025-0099', { committeeCode: 'sn', reportedAt: '2025-12-31T23:30:00.000Z' });
    insert('incidents', 'k1', late);
    insert('incidents', 'k2', incident('INC-2025-0001', { committeeCode: 'KS', reportedAt: '2025-03-01T09:00:00.000Z' }));
    const status = { year: 2026, activityId: 'a1', committeeCode: 'KFN', quarter: 1, status: 'Påbörjad', comment: '', setBy: 'sara', setAt: '2026-02-02T08:00:00.000Z' };
    insert('activity_statuses', 's1', status);
    expect(migrate(db)).toEqual([5, 6, 7, 8]);
    const store = new SqliteStore(db, fixedClock('2026-11-24T09:00:00Z'));
    const inYear = await store.incidents.query({ field: 'yearCommittee', op: 'eq', value: '2026:SN' });
    expect(inYear.map((i) => i.value)).toEqual([late]);
    expect((await store.incidents.query({ field: 'yearCommittee', op: 'startswith', value: '2025:' })).map((i) => i.key)).toEqual(['k2']);
    expect((await store.activityStatuses.query({ field: 'yearCommittee', op: 'eq', value: '2026:KFN' })).map((s) => s.value)).toEqual([status]);
    await store.close();
  });

  it('moves committee names and activity titles to their own columns, and the records read as before', async () => {
    const { db, insert } = databaseAt(5);
    const committee = { code: 'SN', name: 'Socialnämnden', administration: 'Socialförvaltningen' };
    const activity = { year: 2026, activityId: '2026-a', area: 'Nätverk', title: 'Riskanalys', description: '', quarters: [2], committees: ['*'] };
    insert('committees', 'committee:SN', committee);
    insert('activities', 'activity:2026-a', activity);
    expect(migrate(db)).toEqual([6, 7, 8]);
    const raw = (table: string) => JSON.parse((db.prepare(`SELECT data FROM ${table}`).get() as { data: string }).data) as Record<string, unknown>;
    expect(raw('committees')).toEqual({ code: 'SN', committeeName: 'Socialnämnden', administration: 'Socialförvaltningen' });
    expect(raw('activities')).toMatchObject({ activityTitle: 'Riskanalys' });
    expect(raw('activities')).not.toHaveProperty('title');
    const store = new SqliteStore(db, fixedClock('2026-11-24T09:00:00Z'));
    expect((await store.committees.getByKey('committee:SN'))?.value).toEqual(committee);
    const [read] = await store.activities.query({ field: 'year', op: 'eq', value: 2026 });
    expect(read!.value).toEqual(activity);
    const renamed = await store.committees.update((await store.committees.getByKey('committee:SN'))!.id, (await store.committees.getByKey('committee:SN'))!.etag, { name: 'Social- och omsorgsnämnden' });
    expect(renamed.value.name).toBe('Social- och omsorgsnämnden');
    expect(raw('committees')).toMatchObject({ committeeName: 'Social- och omsorgsnämnden' });
    await store.close();
  });

  it('adds the information assets, risk analyses and measures to a database in use, with case-blind indexes', async () => {
    const { db } = databaseAt(6);
    expect(migrate(db)).toEqual([7, 8]);
    const indexes = (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('assets', 'risk_analyses', 'asset_measures')").all() as { name: string; sql: string }[]).filter((i) => i.sql);
    expect(indexes.map((i) => i.name).sort()).toEqual(
      ['ix_asset_measures_assetId', 'ix_asset_measures_committeeCode', 'ix_asset_measures_measureId', 'ix_assets_assetId', 'ix_assets_committeeCode', 'ix_assets_systemOwnerId', 'ix_risk_analyses_analysisKey', 'ix_risk_analyses_assetId', 'ix_risk_analyses_committeeCode'].sort(),
    );
    expect(indexes.every((i) => i.sql.includes('COLLATE NOCASE'))).toBe(true);
    const store = new SqliteStore(db, fixedClock('2026-11-24T09:00:00Z'));
    await store.assets.create('asset:sn-ifo', { assetId: 'sn-ifo', assetName: 'IFO', description: '', committeeCode: 'SN', criticality: 'samhallsviktig' });
    expect((await store.assets.query({ field: 'committeeCode', op: 'eq', value: 'sn' })).map((i) => i.value.assetId)).toEqual(['sn-ifo']);
    await store.close();
  });

  it('indexes the asset an incident names, in a database with incidents reported before', async () => {
    const { db, insert } = databaseAt(7);
    const before = incident('INC-2026-0001', { committeeCode: 'SN', reportedAt: '2026-03-01T09:00:00.000Z' });
    insert('incidents', 'k1', before);
    expect(migrate(db)).toEqual([8]);
    expect((db.prepare("SELECT sql FROM sqlite_master WHERE name = 'ix_incidents_assetId'").get() as { sql: string }).sql).toContain('COLLATE NOCASE');
    const store = new SqliteStore(db, fixedClock('2026-11-24T09:00:00Z'));
    await store.incidents.create('k2', incident('INC-2026-0002', { committeeCode: 'SN', assetId: 'sn-ifo', reportedAt: '2026-11-24T09:00:00.000Z' }));
    expect((await store.incidents.query({ field: 'assetId', op: 'eq', value: 'SN-IFO' })).map((i) => i.value.reference)).toEqual(['INC-2026-0002']);
    expect((await store.incidents.getByKey('k1'))!.value).toEqual(before);
    await store.close();
  });
});
