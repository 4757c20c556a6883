import Database from 'better-sqlite3';
import { fixedClock } from '../../src/clock/clock';
import { seedDemoData } from '../../src/demo/seed-demo-data';
import { indexedColumns, LIST_DEFINITIONS } from '../../src/store/list-schema';
import { migrate, MIGRATIONS } from '../../src/store/sqlite/migrations';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { ConcurrencyConflictError, NotIndexedError } from '../../src/store/store-errors';
import type { Incident } from '../../src/incidents/incident';

const incident = (reference: string, overrides: Partial<Incident> = {}): Incident => ({
  reference,
  kind: 'incident',
  category: 'natfiske',
  description: 'Ett mejl som låtsades komma från IT-avdelningen',
  discoveredAt: '2026-03-02T08:00:00.000Z',
  committeeCode: 'SN',
  affectedSystem: 'E-post',
  personalData: false,
  aspects: ['konfidentialitet'],
  ongoing: false,
  essentialService: false,
  reporterId: 'a1a1a1a1-0000-4000-8000-000000000001',
  reportedAt: '2026-03-02T09:00:00.000Z',
  status: 'Ny',
  ...overrides,
});

describe('SqliteStore', () => {
  let store: SqliteStore;
  const clock = fixedClock('2026-03-02T10:00:00Z');
  beforeEach(() => {
    store = SqliteStore.inMemory(clock);
  });
  afterEach(() => store.close());

  it('stores a record once per key, however often the create is repeated', async () => {
    const first = await store.incidents.create('submission-1', incident('INC-2026-0001'));
    const again = await store.incidents.create('submission-1', incident('INC-2026-0002'));
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.item.id).toBe(first.item.id);
    expect(again.item.value.reference).toBe('INC-2026-0001');
    expect(await store.incidents.query()).toHaveLength(1);
  });

  it('refuses an update made from a stale version and keeps the winner', async () => {
    const { item } = await store.incidents.create('k', incident('INC-2026-0001'));
    const winner = await store.incidents.update(item.id, item.etag, { status: 'Under utredning' });
    expect(winner.etag).not.toBe(item.etag);
    await expect(store.incidents.update(item.id, item.etag, { status: 'Stängd' })).rejects.toBeInstanceOf(ConcurrencyConflictError);
    expect((await store.incidents.getById(item.id))!.value.status).toBe('Under utredning');
  });

  it('removes a field when the patch sets it to undefined', async () => {
    const { item } = await store.incidents.create('k', incident('INC-2026-0001', { severity: 'hög' }));
    const updated = await store.incidents.update(item.id, item.etag, { severity: undefined });
    expect(updated.value).not.toHaveProperty('severity');
  });

  it('filters only on indexed columns, as SharePoint does', async () => {
    await store.incidents.create('k', incident('INC-2026-0001'));
    await expect(
      store.incidents.query({ field: 'description' as 'reference', op: 'eq', value: 'x' }),
    ).rejects.toBeInstanceOf(NotIndexedError);
  });

  it('supports eq ne lt gt le ge startswith, ordering and top', async () => {
    await store.incidents.createMany(
      ['0003', '0001', '0002'].map((n, i) => ({
        key: n,
        value: incident(`INC-2026-${n}`, { reportedAt: `2026-03-0${i + 1}T09:00:00.000Z`, committeeCode: i === 0 ? 'KFN' : 'SN' }),
      })),
    );
    const refs = (items: { value: Incident }[]) => items.map((i) => i.value.reference);
    expect(refs(await store.incidents.query({ field: 'committeeCode', op: 'eq', value: 'SN' }))).toEqual(['INC-2026-0001', 'INC-2026-0002']);
    expect(refs(await store.incidents.query({ field: 'committeeCode', op: 'ne', value: 'SN' }))).toEqual(['INC-2026-0003']);
    expect(refs(await store.incidents.query({ field: 'reportedAt', op: 'ge', value: '2026-03-02T00:00:00.000Z' }))).toHaveLength(2);
    expect(refs(await store.incidents.query({ field: 'reportedAt', op: 'lt', value: '2026-03-02T00:00:00.000Z' }))).toEqual(['INC-2026-0003']);
    expect(refs(await store.incidents.query({ field: 'reference', op: 'startswith', value: 'inc-2026-000' }))).toHaveLength(3);
    expect(
      refs(await store.incidents.query(undefined, { orderBy: { field: 'reference', descending: true }, top: 2 })),
    ).toEqual(['INC-2026-0003', 'INC-2026-0002']);
  });

  it('treats filter values as data, never as SQL', async () => {
    await store.incidents.create('k', incident("O'Brien"));
    const hostile = ["' OR 1=1 --", "O'Brien') OR ('1'='1", '%', '_'];
    for (const value of hostile) {
      const found = await store.incidents.query({ field: 'reference', op: 'eq', value });
      expect(found).toHaveLength(0);
    }
    expect(await store.incidents.query({ field: 'reference', op: 'eq', value: "O'Brien" })).toHaveLength(1);
    expect(await store.incidents.query({ field: 'reference', op: 'startswith', value: '%' })).toHaveLength(0);
  });

  it('keeps an index on exactly the columns the SharePoint list schema indexes', async () => {
    const db = new Database(':memory:');
    migrate(db);
    const tables: Record<string, string> = { incidentEvents: 'incident_events', activityStatuses: 'activity_statuses' };
    for (const list of LIST_DEFINITIONS) {
      const table = tables[list.repository] ?? list.repository;
      const indexes = (db.prepare(`PRAGMA index_list(${table})`).all() as { name: string }[])
        .map((i) => i.name)
        .filter((n) => n.startsWith('ix_'))
        .map((n) => n.slice(`ix_${table}_`.length))
        .sort();
      expect({ list: list.repository, indexes }).toEqual({ list: list.repository, indexes: indexedColumns(list).sort() });
    }
    db.close();
  });

  it('migrates a database once and reports nothing to do the second time', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(migrate(db)).toEqual([]);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });
});

describe('demo data', () => {
  it('seeds the municipality and the 2022 follow-up once, even when run twice', async () => {
    const store = SqliteStore.inMemory();
    const first = await seedDemoData(store);
    const second = await seedDemoData(store);
    expect(first).toEqual({ committees: 5, roles: 11, activities: 16, statuses: 80 });
    expect(second).toEqual({ committees: 0, roles: 0, activities: 0, statuses: 0 });
    await store.close();
  });

  it('carries the statuses of the 2022 follow-up for every committee', async () => {
    const store = SqliteStore.inMemory();
    await seedDemoData(store);
    const statuses = await store.activityStatuses.query({ field: 'committeeCode', op: 'eq', value: 'SN' });
    const byActivity = Object.fromEntries(statuses.map((s) => [s.value.activityId, s.value.status]));
    expect(byActivity).toEqual({
      '2022-registerforteckningar': 'Pågående',
      '2022-riskanalys': 'Genomförd',
      '2022-informationsklassning': 'Ej påbörjad',
      '2022-kontinuitetsplanering': 'Genomförd',
      '2022-oversyn-styrdokument': 'Ej påbörjad',
      '2022-incidenthantering': 'Delvis påbörjad',
      '2022-utbildning-ledningsniva': 'Genomförd',
      '2022-utbildning-namnder': 'Genomförd',
      '2022-uppfoljningsmodell': 'Påbörjad',
      '2022-upphandlingsforfarandet': 'Påbörjad',
      '2022-central-dataskyddsorganisation': 'Genomförd',
      '2022-ovningar': 'Påbörjad',
      '2022-utbildning-dataskydd': 'Genomförd',
      '2022-tvafaktorsautentisering': 'Pågående',
      '2022-behorighetshantering': 'Pågående',
      '2022-redundant-infrastruktur': 'Pågående',
    });
    const registers = (await store.activities.query({ field: 'year', op: 'eq', value: 2022 })).find(
      (a) => a.value.activityId === '2022-registerforteckningar',
    );
    expect(registers!.value.quarters).toEqual([2, 3]);
    await store.close();
  });
});
