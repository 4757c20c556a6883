import { fixedClock } from '../../src/clock/clock';
import { findPerson, holdersOf, usePeopleDirectory } from '../../src/organisation/people';
import { forgetOnRoleWrites, PEOPLE_KEEP_MS, PEOPLE_STALE_LIMIT_MS, PeopleDirectory } from '../../src/organisation/people-directory';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';

/**
 * People and roles are kept for a minute so card actions do not read them from SharePoint each
 * time; a role removed must stop counting within that minute, at once when the app itself writes
 * roles, and an outage may be bridged by the last read only for a while.
 */
describe('the people directory', () => {
  const sara = { personId: 'p1', displayName: 'Sara Lind', email: 's@x', role: 'samordnare' as const, committeeCode: 'SN' };

  const setUp = async () => {
    const clock = fixedClock('2026-03-02T09:00:00Z');
    const store = SqliteStore.inMemory(clock);
    const created = await store.roles.create('role:p1', sara);
    const directory = new PeopleDirectory(store, clock);
    forgetOnRoleWrites(store, directory);
    usePeopleDirectory(store, directory);
    let reads = 0;
    const query = store.roles.query.bind(store.roles);
    store.roles.query = (...args) => {
      reads++;
      return query(...args);
    };
    return { clock, store, item: created.item, reads: () => reads };
  };

  it('answers from one read while it is kept, and shares a read in flight', async () => {
    const s = await setUp();
    const [a, b] = await Promise.all([findPerson(s.store, 'p1'), findPerson(s.store, 'p1')]);
    expect(a?.displayName).toBe('Sara Lind');
    expect(b).toBe(a);
    expect((await holdersOf(s.store, 'samordnare')).map((r) => r.personId)).toEqual(['p1']);
    await findPerson(s.store, 'p1');
    await holdersOf(s.store, 'samordnare');
    expect(s.reads()).toBe(2); // one for the person, one for the role
  });

  it('forgets at once when the app itself writes roles', async () => {
    const s = await setUp();
    expect((await findPerson(s.store, 'p1'))?.assignments).toEqual([{ role: 'samordnare', committeeCode: 'SN' }]);
    expect(await holdersOf(s.store, 'samordnare')).toHaveLength(1);
    await s.store.roles.update(s.item.id, s.item.etag, { role: 'medarbetare' });
    expect((await findPerson(s.store, 'p1'))?.assignments).toEqual([{ role: 'medarbetare', committeeCode: 'SN' }]);
    expect(await holdersOf(s.store, 'samordnare')).toEqual([]);
  });

  it('sees a role changed outside the app (in SharePoint) after PEOPLE_KEEP_MS, not before', async () => {
    const s = await setUp();
    expect((await findPerson(s.store, 'p1'))?.assignments[0]?.role).toBe('samordnare');
    // The repository's own method, not the app's wrapped write: as an edit in SharePoint would be.
    const update = (Object.getPrototypeOf(s.store.roles) as { update(id: string, etag: string, patch: object): Promise<unknown> }).update;
    await update.call(s.store.roles, s.item.id, s.item.etag, { role: 'medarbetare' });
    s.clock.advance(PEOPLE_KEEP_MS - 1000);
    expect((await findPerson(s.store, 'p1'))?.assignments[0]?.role).toBe('samordnare');
    s.clock.advance(1000);
    expect((await findPerson(s.store, 'p1'))?.assignments[0]?.role).toBe('medarbetare');
  });

  it('bridges an outage with the last read of a role’s holders, but not for longer than PEOPLE_STALE_LIMIT_MS', async () => {
    const s = await setUp();
    await holdersOf(s.store, 'samordnare');
    s.store.roles.query = () => Promise.reject(new Error('SharePoint svarar inte'));
    s.clock.advance(PEOPLE_KEEP_MS);
    expect((await holdersOf(s.store, 'samordnare')).map((r) => r.displayName)).toEqual(['Sara Lind']);
    s.clock.advance(PEOPLE_STALE_LIMIT_MS);
    await expect(holdersOf(s.store, 'samordnare')).rejects.toThrow('SharePoint svarar inte');
  });

  it('never decides what a person may do on roles older than PEOPLE_KEEP_MS, outage or not', async () => {
    const s = await setUp();
    await findPerson(s.store, 'p1');
    s.store.roles.query = () => Promise.reject(new Error('SharePoint svarar inte'));
    s.clock.advance(PEOPLE_KEEP_MS - 1000);
    expect((await findPerson(s.store, 'p1'))?.displayName).toBe('Sara Lind');
    s.clock.advance(1000);
    await expect(findPerson(s.store, 'p1')).rejects.toThrow('SharePoint svarar inte');
  });
});
