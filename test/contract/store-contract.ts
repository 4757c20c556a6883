import type { Incident } from '../../src/incidents/incident';
import { listDefinition, REPOSITORY_NAMES } from '../../src/store/list-schema';
import { seedDemoData } from '../../src/demo/seed-demo-data';
import { FieldValueError } from '../../src/store/field-values';
import type { ListRepository, Store } from '../../src/store/store';
import { ConcurrencyConflictError, ItemNotFoundError, ListViewThresholdError, NotIndexedError } from '../../src/store/store-errors';
import { sampleRecord } from './sample-records';

/**
 * The Store contract: one suite, run against every store. What passes here on SQLite passes on
 * SharePoint (through the local Graph server) and the other way round.
 */
export interface StoreUnderTest {
  store: Store;
  close(): Promise<void>;
}

export const incident = (reference: string, overrides: Partial<Incident> = {}): Incident => ({
  reference,
  kind: 'incident',
  category: 'natfiske',
  description: 'Ett mejl som låtsades komma från IT-avdelningen',
  discoveredAt: '2026-03-02T08:00:00.000Z',
  committeeCode: 'SN',
  affectedSystem: 'E-post',
  personalData: false,
  aspects: ['konfidentialitet', 'riktighet'],
  ongoing: false,
  essentialService: false,
  reporterId: 'a1a1a1a1-0000-4000-8000-000000000001',
  reportedAt: '2026-03-02T09:00:00.000Z',
  status: 'Ny',
  ...overrides,
});

// The faults suite takes its records from here too.
export { sampleRecord };

const refs = (items: { value: Incident }[]) => items.map((i) => i.value.reference);

export function describeStoreContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`Store contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: Store;
    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });
    afterEach(() => subject.close());

    it('stores a record once per key and tells a repeat from a first create', async () => {
      const first = await store.incidents.create('submission-1', incident('INC-2026-0001'));
      const again = await store.incidents.create('submission-1', incident('INC-2026-0002'));
      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.item.id).toBe(first.item.id);
      expect(again.item.value.reference).toBe('INC-2026-0001');
      expect(await store.incidents.query()).toHaveLength(1);
      expect((await store.incidents.getByKey('submission-1'))!.id).toBe(first.item.id);
    });

    it('gives back exactly what was stored: text, numbers, booleans, arrays and times to the second', async () => {
      const value = incident('INC-2026-0001', {
        occurredAt: '2026-03-01T22:15:30.789Z',
        approxPeopleAffected: 120,
        personalData: true,
        sensitiveData: false,
        aspects: ['konfidentialitet', 'tillganglighet', 'sparbarhet'],
        description: 'Rad ett\nRad två med "citat", <b>taggar</b> och åäö ÅÄÖ',
      });
      const { item } = await store.incidents.create('k', value);
      const read = await store.incidents.getById(item.id);
      expect(read!.value).toEqual({ ...value, occurredAt: '2026-03-01T22:15:30.000Z' });
      expect(read!.key).toBe('k');
      expect(read!.etag).toBe(item.etag);
      expect(Date.parse(read!.createdAt)).not.toBeNaN();
    });

    it('answers undefined for what does not exist', async () => {
      expect(await store.incidents.getById('999999')).toBeUndefined();
      expect(await store.incidents.getByKey('finns-inte')).toBeUndefined();
    });

    it('refuses an update from a stale version and keeps the winner', async () => {
      const { item } = await store.incidents.create('k', incident('INC-2026-0001'));
      const winner = await store.incidents.update(item.id, item.etag, { status: 'Under utredning', assigneeId: 'a' });
      expect(winner.etag).not.toBe(item.etag);
      expect(winner.value.status).toBe('Under utredning');
      await expect(store.incidents.update(item.id, item.etag, { status: 'Stängd' })).rejects.toBeInstanceOf(ConcurrencyConflictError);
      const current = await store.incidents.getById(item.id);
      expect(current!.value.status).toBe('Under utredning');
      expect(current!.etag).toBe(winner.etag);
      // The eTag an update answers with is the one the next update needs.
      expect((await store.incidents.update(item.id, winner.etag, { status: 'Stängd' })).value.status).toBe('Stängd');
    });

    it('clears a field set to undefined in a patch', async () => {
      const { item } = await store.incidents.create('k', incident('INC-2026-0001', { severity: 'hög' }));
      const updated = await store.incidents.update(item.id, item.etag, { severity: undefined });
      expect(updated.value).not.toHaveProperty('severity');
      expect((await store.incidents.getById(item.id))!.value).not.toHaveProperty('severity');
    });

    it('says which item is missing when updating one that does not exist', async () => {
      await expect(store.incidents.update('999999', '"x,1"', { status: 'Stängd' })).rejects.toBeInstanceOf(ItemNotFoundError);
    });

    it('filters on one indexed column with eq ne lt gt le ge startswith, orders and limits', async () => {
      await store.incidents.createMany(
        ['0003', '0001', '0002'].map((n, i) => ({
          key: n,
          value: incident(`INC-2026-${n}`, { reportedAt: `2026-03-0${i + 1}T09:00:00.000Z`, committeeCode: i === 0 ? 'KFN' : 'SN' }),
        })),
      );
      expect(refs(await store.incidents.query({ field: 'committeeCode', op: 'eq', value: 'SN' }))).toEqual(['INC-2026-0001', 'INC-2026-0002']);
      expect(refs(await store.incidents.query({ field: 'committeeCode', op: 'eq', value: 'sn' }))).toHaveLength(2);
      expect(refs(await store.incidents.query({ field: 'committeeCode', op: 'ne', value: 'SN' }))).toEqual(['INC-2026-0003']);
      expect(refs(await store.incidents.query({ field: 'reportedAt', op: 'ge', value: '2026-03-02T09:00:00.000Z' }))).toEqual(['INC-2026-0001', 'INC-2026-0002']);
      expect(refs(await store.incidents.query({ field: 'reportedAt', op: 'gt', value: '2026-03-02T09:00:00.000Z' }))).toEqual(['INC-2026-0002']);
      expect(refs(await store.incidents.query({ field: 'reportedAt', op: 'lt', value: '2026-03-02T00:00:00.000Z' }))).toEqual(['INC-2026-0003']);
      expect(refs(await store.incidents.query({ field: 'reportedAt', op: 'le', value: '2026-03-01T09:00:00.000Z' }))).toEqual(['INC-2026-0003']);
      // The same moment written another way: without milliseconds, or in Swedish winter time.
      expect(refs(await store.incidents.query({ field: 'reportedAt', op: 'eq', value: '2026-03-02T09:00:00Z' }))).toEqual(['INC-2026-0001']);
      expect(refs(await store.incidents.query({ field: 'reportedAt', op: 'eq', value: '2026-03-02T10:00:00+01:00' }))).toEqual(['INC-2026-0001']);
      await expect(store.incidents.query({ field: 'reportedAt', op: 'eq', value: 'igår' })).rejects.toBeInstanceOf(FieldValueError);
      expect(refs(await store.incidents.query({ field: 'reference', op: 'startswith', value: 'INC-2026-000' }))).toHaveLength(3);
      expect(refs(await store.incidents.query(undefined, { orderBy: { field: 'reference', descending: true }, top: 2 }))).toEqual([
        'INC-2026-0003',
        'INC-2026-0002',
      ]);
      expect(refs(await store.incidents.query(undefined, { orderBy: { field: 'reportedAt' } }))).toEqual(['INC-2026-0003', 'INC-2026-0001', 'INC-2026-0002']);
    });

    it('compares numbers as numbers', async () => {
      await store.activities.createMany(
        [2021, 2022, 2100].map((year) => ({
          key: `a${year}`,
          value: { year, activityId: `a${year}`, area: 'Nätverk', title: 'Riskanalys', description: '', quarters: [1, 2], committees: ['*'] },
        })),
      );
      const years = (items: { value: { year: number } }[]) => items.map((i) => i.value.year);
      expect(years(await store.activities.query({ field: 'year', op: 'eq', value: 2022 }))).toEqual([2022]);
      expect(years(await store.activities.query({ field: 'year', op: 'ge', value: 2022 }))).toEqual([2022, 2100]);
      expect(years(await store.activities.query({ field: 'year', op: 'lt', value: 2100 }))).toEqual([2021, 2022]);
    });

    it('refuses to filter or order on a column that is not indexed', async () => {
      await expect(store.incidents.query({ field: 'description' as 'reference', op: 'eq', value: 'x' })).rejects.toBeInstanceOf(NotIndexedError);
      await expect(store.incidents.query(undefined, { orderBy: { field: 'category' as 'reference' } })).rejects.toBeInstanceOf(NotIndexedError);
    });

    it('treats every filter value as data: quotes, &, #, +, %, /, ), " or " and åäö', async () => {
      const hostile = ["O'Brien", "a''b", 'x & y', 'nr #3', 'a+b', '100%', 'a/b', 'f(x)', "' or 1 eq 1 or 'a' eq 'a", 'Åsa Ängström', "x') or startswith(fields/reference,'"];
      await store.incidents.createMany(hostile.map((reference, i) => ({ key: `k${i}`, value: incident(reference) })));
      for (const value of hostile) {
        const found = await store.incidents.query({ field: 'reference', op: 'eq', value });
        expect(refs(found)).toEqual([value]);
      }
      expect(refs(await store.incidents.query({ field: 'reference', op: 'startswith', value: "O'" }))).toEqual(["O'Brien"]);
      expect(await store.incidents.query({ field: 'reference', op: 'eq', value: "' or '1' eq '1" })).toHaveLength(0);
      expect(await store.incidents.query({ field: 'reference', op: 'startswith', value: '%' })).toHaveLength(0);
    });

    it('treats hostile values as data in every indexed text column of every list, and in the item keys', async () => {
      const hostile = ["O'Brien", "' or 1 eq 1 or 'a' eq 'a", "x') or startswith(fields/ItemKey,'", 'a&$filter=x', 'nr #3+%25', 'Åsa/Ängström)'];
      for (const name of REPOSITORY_NAMES) {
        // A derived column is the store's to write (derived-columns.ts): its inputs carry the hostile values here.
        const textColumns = listDefinition(name).columns.filter((c) => c.indexed && c.type === 'text' && !c.derived).map((c) => c.name);
        const repo = store[name] as unknown as ListRepository<Record<string, unknown>, string>;
        for (const column of textColumns) {
          const items = hostile.map((value, i) => ({ key: `${name}:${column}:${value}`, value: { ...sampleRecord(name, 1000 + i), [column]: value } }));
          await repo.createMany(items);
          for (const [i, value] of hostile.entries()) {
            const found = await repo.query({ field: column, op: 'eq', value });
            expect([name, column, found.map((f) => f.key)]).toEqual([name, column, [items[i]!.key]]);
            expect((await repo.getByKey(items[i]!.key))?.value[column]).toBe(value);
          }
          expect((await repo.query({ field: column, op: 'startswith', value: "' or " })).map((f) => f.key)).toEqual([items[1]!.key]);
          for (const item of await repo.query()) await repo.delete(item.id);
        }
      }
    });

    it('creates many at once, in order, each once', async () => {
      await store.committees.create('committee:SN', { code: 'SN', name: 'Socialnämnden', administration: 'Socialförvaltningen' });
      const items = Array.from({ length: 45 }, (_, i) => ({ key: `committee:C${i}`, value: { code: `C${i}`, name: `Nämnd ${i}`, administration: `Förvaltning ${i}` } }));
      const results = await store.committees.createMany([{ key: 'committee:SN', value: { code: 'SN', name: 'Annan', administration: 'x' } }, ...items]);
      expect(results.map((r) => r.created)).toEqual([false, ...items.map(() => true)]);
      expect(results.map((r) => r.item.value.code)).toEqual(['SN', ...items.map((i) => i.value.code)]);
      expect(await store.committees.query()).toHaveLength(46);
    });

    it('reads every page of a large list', async () => {
      const items = Array.from({ length: 1030 }, (_, i) => ({ key: `c${i}`, value: { code: `C${String(i).padStart(4, '0')}`, name: 'N', administration: 'F' } }));
      await store.committees.createMany(items);
      const all = await store.committees.query();
      expect(all).toHaveLength(1030);
      expect(new Set(all.map((c) => c.value.code)).size).toBe(1030);
      expect(await store.committees.query({ field: 'code', op: 'startswith', value: 'C10' })).toHaveLength(30);
    });

    it('above the list view threshold: refuses a filter that matches more than 5,000 items, and ne; serves a narrow filter and the whole list', async () => {
      // 6,100 roles: 5,001 in one committee (past the threshold), 1,099 in another.
      const items = Array.from({ length: 6_100 }, (_, i) => ({
        key: `role:${i}`,
        value: { personId: `p${String(i).padStart(5, '0')}`, displayName: `P ${i}`, email: '', role: 'medarbetare' as const, committeeCode: i < 5_001 ? 'BUN' : 'SN' },
      }));
      await store.roles.createMany(items);
      await expect(store.roles.query({ field: 'committeeCode', op: 'eq', value: 'BUN' })).rejects.toBeInstanceOf(ListViewThresholdError);
      // $top does not help: SharePoint scans the filter's matches before it counts the page.
      await expect(store.roles.query({ field: 'committeeCode', op: 'eq', value: 'BUN' }, { top: 1 })).rejects.toBeInstanceOf(ListViewThresholdError);
      // `ne` can use no index: refused, though it would match only 1,099.
      await expect(store.roles.query({ field: 'committeeCode', op: 'ne', value: 'BUN' })).rejects.toThrow(/listvyns tröskel/);
      expect(await store.roles.query({ field: 'committeeCode', op: 'eq', value: 'SN' })).toHaveLength(1_099);
      expect(await store.roles.query({ field: 'personId', op: 'startswith', value: 'p060' })).toHaveLength(100);
      expect(await store.roles.query({ field: 'personId', op: 'eq', value: 'p05000' })).toHaveLength(1);
      expect(await store.roles.query()).toHaveLength(6_100);
      // Narrowed below the threshold the same query is served, in a list still above it: removing 100 leaves BUN 4,901 of 6,000.
      for (const item of await store.roles.query({ field: 'personId', op: 'startswith', value: 'p049' })) await store.roles.delete(item.id);
      expect(await store.roles.query({ field: 'committeeCode', op: 'eq', value: 'BUN' })).toHaveLength(4_901);
    });

    it("keeps each committee's year as a key of its own, not in the record, and moves it with the record", async () => {
      const { item } = await store.incidents.create('k1', incident('INC-2026-0001', { committeeCode: 'SN', reportedAt: '2026-12-31T23:30:00.000Z' }));
      await store.incidents.create('k2', incident('INC-2026-0002', { committeeCode: 'KS', reportedAt: '2026-06-01T09:00:00.000Z' }));
      await store.incidents.create('k3', incident('INC-2025-0001', { committeeCode: 'SN', reportedAt: '2025-06-01T09:00:00.000Z' }));
      expect(item.value).not.toHaveProperty('yearCommittee');
      // 23:30 UTC on New Year's Eve is 00:30 in Stockholm: the next year.
      expect(refs(await store.incidents.query({ field: 'yearCommittee', op: 'eq', value: '2027:SN' }))).toEqual(['INC-2026-0001']);
      expect(refs(await store.incidents.query({ field: 'yearCommittee', op: 'startswith', value: '2026:' }))).toEqual(['INC-2026-0002']);
      await expect(store.incidents.create('k4', { ...incident('INC-X'), yearCommittee: '2026:KS' } as Incident)).rejects.toBeInstanceOf(FieldValueError);
      // Moved to another committee: the key follows, though the patch does not name it.
      const moved = await store.incidents.update(item.id, item.etag, { committeeCode: 'KS' });
      expect(moved.value).not.toHaveProperty('yearCommittee');
      expect(refs(await store.incidents.query({ field: 'yearCommittee', op: 'eq', value: '2027:KS' }))).toEqual(['INC-2026-0001']);
      expect(await store.incidents.query({ field: 'yearCommittee', op: 'eq', value: '2027:SN' })).toEqual([]);
      // A patch that leaves the inputs alone leaves the key alone.
      await store.incidents.update(moved.id, moved.etag, { status: 'Under utredning' });
      expect(refs(await store.incidents.query({ field: 'yearCommittee', op: 'eq', value: '2027:ks' }))).toEqual(['INC-2026-0001']);
      const set = { year: 2026, activityId: 'a1', committeeCode: 'SN', quarter: 2 as const, status: 'Påbörjad' as const, comment: 'x', setBy: 'sara', setAt: '2026-05-04T08:00:00.000Z' };
      const { item: status } = await store.activityStatuses.create('s1', set);
      expect(status.value).toEqual(set);
      expect(await store.activityStatuses.query({ field: 'yearCommittee', op: 'eq', value: '2026:SN' })).toHaveLength(1);
    });

    it('refuses values a SharePoint column cannot hold, and stores nothing of them', async () => {
      await expect(store.incidents.create('long', incident('x'.repeat(256)))).rejects.toBeInstanceOf(FieldValueError);
      await expect(store.incidents.create('unknown', { ...incident('INC-1'), extra: 1 } as Incident)).rejects.toBeInstanceOf(FieldValueError);
      await expect(store.incidents.create('type', incident('INC-2', { approxPeopleAffected: 'många' as unknown as number }))).rejects.toBeInstanceOf(FieldValueError);
      await expect(store.incidents.create('choice', incident('INC-3', { status: 'Borttappad' as Incident['status'] }))).rejects.toBeInstanceOf(FieldValueError);
      expect(await store.incidents.query()).toHaveLength(0);
      const { item } = await store.incidents.create('ok', incident('INC-4'));
      await expect(store.incidents.update(item.id, item.etag, { affectedSystem: 'y'.repeat(300) })).rejects.toBeInstanceOf(FieldValueError);
      expect((await store.incidents.getById(item.id))!.value.affectedSystem).toBe('E-post');
    });

    it('deletes, and deleting again is harmless', async () => {
      const { item } = await store.audit.create('a1', { at: '2026-01-01T00:00:00.000Z', actorId: 'x', recordKind: 'incident', recordKey: 'INC-1', action: 'skapad', before: '', after: '{}' });
      await store.audit.delete(item.id);
      await store.audit.delete(item.id);
      expect(await store.audit.getById(item.id)).toBeUndefined();
    });

    it('takes the demo data once, however often it is seeded', async () => {
      expect(await seedDemoData(store)).toEqual({ committees: 5, roles: 13, activities: 16, statuses: 16 + 23, campaigns: 2, assets: 12 });
      expect(await seedDemoData(store)).toEqual({ committees: 0, roles: 0, activities: 0, statuses: 0, campaigns: 0, assets: 0 });
      // Kommunstyrelsen carries the 2022 follow-up; Kultur- och fritidsnämnden its six demo statuses.
      expect(await store.activityStatuses.query({ field: 'committeeCode', op: 'eq', value: 'KS' })).toHaveLength(16);
      expect(await store.activityStatuses.query({ field: 'committeeCode', op: 'eq', value: 'KFN' })).toHaveLength(6);
    });
  });
}
