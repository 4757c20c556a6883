import path from 'node:path';
import { projectRoot } from '../../src/config/config';
import { graphDirectoryReader } from '../../src/directory/entra-users';
import { loadEntraMapping, type EntraMapping } from '../../src/organisation/entra-mapping';
import { describeSync, syncPeople, type DirectoryReader } from '../../src/organisation/people-sync';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { connectToSite } from '../../src/store/sharepoint/sharepoint-store';
import { startLocalSharePoint, TEST_RETRY, type LocalSharePoint } from '../support/graph/sharepoint-fixture';

/** The demo municipality's mapping, as shipped in content/: department → committee, two groups of elected officials. */
const MAPPING = loadEntraMapping(path.join(projectRoot(), 'content/organisation/entra-mapping.json'), ['KS', 'SN', 'BUN', 'KFN', 'SBN']);
const ELECTED_SN = '3f6d2b1e-7c44-4f0e-9a51-0c2d5e8b9a11';
const ELECTED_KS = '3f6d2b1e-7c44-4f0e-9a51-0c2d5e8b9a12';

const id = (n: number) => `0000000${n % 10}-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** `null`: a user without a department. */
const person = (n: number, department: string | null = 'Socialförvaltningen', accountEnabled = true) => ({
  id: id(n),
  displayName: `Person ${n}`,
  mail: `person${n}@sjovik.example`,
  accountEnabled,
  ...(department !== null ? { department } : {}),
});

describe('the people sync through the local Graph', () => {
  let sp: LocalSharePoint;
  let ops: SqliteOperationalStore;
  let reader: DirectoryReader;
  const sync = (mapping: EntraMapping = MAPPING, at = new Date('2026-11-24T03:15:00Z')) => syncPeople({ reader, staff: ops.staff, mapping, at });
  const learner = async (n: number) => (await ops.staff.learners()).find((l) => l.personId === id(n));

  beforeEach(async () => {
    sp = await startLocalSharePoint();
    ops = SqliteOperationalStore.inMemory();
    reader = graphDirectoryReader((await connectToSite(sp.settings, TEST_RETRY, 0)).client);
    // 240 staff over three administrations, 3 whose department does not map, 2 disabled; 5 elected officials of SN, 2 of them also staff.
    for (let n = 1; n <= 240; n++) sp.graph.directory.put(person(n, ['Socialförvaltningen', 'Kommunledningskontoret', 'Barn- och utbildningsförvaltningen'][n % 3]));
    sp.graph.directory.put(person(241, 'Överförmyndarkansliet'));
    sp.graph.directory.put(person(242, 'Överförmyndarkansliet'));
    sp.graph.directory.put(person(243, null));
    sp.graph.directory.put(person(244, 'Socialförvaltningen', false));
    sp.graph.directory.put(person(245, 'Socialförvaltningen', false));
    for (const n of [1, 2, 250, 251, 252]) sp.graph.directory.addToGroup(ELECTED_SN, id(n));
    sp.graph.directory.addGroup(ELECTED_KS);
    for (const n of [250, 251, 252]) sp.graph.directory.put(person(n, null));
  });
  afterEach(async () => {
    await ops.close();
    await sp.stop();
  });

  it('reads everyone the first time and maps them: by department, by group, and reports what did not map', async () => {
    const report = await sync();
    expect(report).toEqual({
      full: true,
      read: 248,
      people: 243,
      added: 243,
      moved: 0,
      left: 0,
      unmapped: [
        { value: 'Överförmyndarkansliet', count: 2 },
        { value: undefined, count: 1 },
      ],
    });
    expect(describeSync(report)).toBe('Personsynk (hela katalogen): 248 lästa; 243 medarbetare och förtroendevalda; 243 nya, 0 flyttade, 0 lämnat; 3 utan nämnd: "Överförmyndarkansliet" 2, (inget värde) 1');
    expect(await learner(3)).toEqual({ personId: id(3), committeeCode: 'SN', electedOfficial: false });
    expect(await learner(4)).toEqual({ personId: id(4), committeeCode: 'KS', electedOfficial: false });
    // Staff elsewhere and elected in SN: counted at home, as an elected official.
    expect(await learner(1)).toEqual({ personId: id(1), committeeCode: 'KS', electedOfficial: true });
    expect(await learner(250)).toEqual({ personId: id(250), committeeCode: 'SN', electedOfficial: true });
    expect(await learner(244)).toBeUndefined(); // disabled
    expect(await learner(241)).toBeUndefined(); // unmapped
    expect(await ops.staff.state()).toMatchObject({ attribute: 'department', syncedAt: '2026-11-24T03:15:00.000Z', fullReadAt: '2026-11-24T03:15:00.000Z' });
  });

  it('then reads only what changed: moves, leavers, a newcomer, and a change Graph sends without the department', async () => {
    await sync();
    sp.graph.resetStats();
    sp.graph.directory.put(person(3, 'Kommunledningskontoret')); // moves SN → KS
    sp.graph.directory.put(person(6, 'Barn- och utbildningsförvaltningen')); // moves SN → BUN
    sp.graph.directory.remove(id(9)); // deleted
    sp.graph.directory.put(person(12, 'Socialförvaltningen', false)); // disabled
    sp.graph.directory.put(person(300, 'Kultur- och fritidsförvaltningen')); // hired
    sp.graph.directory.put({ ...person(15, 'Socialförvaltningen'), displayName: 'Person Femton' }); // renamed: Graph sends only the name
    sp.graph.directory.put(person(241, 'Socialförvaltningen')); // the unmapped value corrected in Entra ID

    const report = await sync();
    expect(report).toEqual({ full: false, read: 6, people: 243, added: 2, moved: 2, left: 2, unmapped: [{ value: 'Överförmyndarkansliet', count: 1 }, { value: undefined, count: 1 }] });
    expect(sp.graph.log.filter((r) => r.url.includes('/users/delta'))).toHaveLength(1);
    expect(await learner(3)).toMatchObject({ committeeCode: 'KS' });
    expect(await learner(6)).toMatchObject({ committeeCode: 'BUN' });
    expect(await learner(9)).toBeUndefined();
    expect(await learner(12)).toBeUndefined();
    expect(await learner(300)).toMatchObject({ committeeCode: 'KFN' });
    // The department Graph left out of the rename is kept: the person stays in SN under their new name.
    expect(await learner(15)).toMatchObject({ committeeCode: 'SN' });
    expect(await ops.staff.get(id(15).toUpperCase())).toMatchObject({ displayName: 'Person Femton', attributeValue: 'Socialförvaltningen' });
    expect(await ops.staff.get(id(9))).toBeUndefined();

    // Re-enabled: Graph sends only accountEnabled, and the person is back where they worked.
    sp.graph.directory.put(person(12, 'Socialförvaltningen', true));
    expect(await sync()).toMatchObject({ full: false, read: 1, added: 1, left: 0 });
    expect(await learner(12)).toMatchObject({ committeeCode: 'SN' });
  });

  it('leaves a group member who leaves the group, and picks up a new one, on the next delta', async () => {
    await sync();
    sp.graph.directory.groups.get(ELECTED_SN)!.delete(id(2));
    sp.graph.directory.groups.get(ELECTED_SN)!.delete(id(252));
    sp.graph.directory.addToGroup(ELECTED_SN, id(7));
    const report = await sync();
    // 2 stays staff in BUN (no longer elected: moved); 252 had only the group (left); 7 becomes elected (moved).
    expect(report).toMatchObject({ full: false, read: 0, moved: 2, left: 1, added: 0 });
    expect(await learner(2)).toEqual({ personId: id(2), committeeCode: 'BUN', electedOfficial: false });
    expect(await learner(7)).toEqual({ personId: id(7), committeeCode: 'KS', electedOfficial: true });
    expect(await learner(252)).toBeUndefined();
  });

  it('reads everyone again when Graph has forgotten the deltaLink, and then those no longer there have left', async () => {
    await sync();
    sp.graph.directory.users.delete(id(30)); // gone without a change Graph still remembers
    sp.graph.directory.forgottenBefore = Number.MAX_SAFE_INTEGER;
    const report = await sync();
    expect(report).toMatchObject({ full: true, read: 247, people: 242, added: 0, moved: 0, left: 1 });
    expect(await learner(30)).toBeUndefined();
  });

  it('stores nothing of a read that fails on page 2 of 3, first or delta, and the next run brings all of it', async () => {
    // The first read: 248 users at 100 a page, Graph unavailable from the second page on.
    sp.graph.directory.failAfter(1);
    await expect(sync()).rejects.toThrow(/503/);
    expect(await ops.staff.state()).toBeUndefined();
    expect(await ops.staff.all()).toEqual([]);
    sp.graph.directory.failAfter(undefined);
    await sync();

    const before = { state: await ops.staff.state(), staff: await ops.staff.all() };
    sp.graph.directory.pageSize = 3;
    sp.graph.directory.put(person(3, 'Kommunledningskontoret'));
    sp.graph.directory.put(person(6, 'Barn- och utbildningsförvaltningen'));
    sp.graph.directory.remove(id(9));
    sp.graph.directory.put(person(12, 'Socialförvaltningen', false));
    sp.graph.directory.put(person(300, 'Kultur- och fritidsförvaltningen'));
    sp.graph.directory.put({ ...person(15, 'Socialförvaltningen'), displayName: 'Person Femton' });
    sp.graph.directory.put(person(241, 'Socialförvaltningen'));
    sp.graph.resetStats();
    sp.graph.directory.failAfter(1); // seven changes at three a page: the first page is read, the second fails
    await expect(sync()).rejects.toThrow(/503/);
    sp.graph.directory.failAfter(undefined);
    expect(new Set(sp.graph.log.filter((r) => r.url.includes('/users/delta')).map((r) => r.url)).size).toBe(2);
    expect(await ops.staff.state()).toEqual(before.state);
    expect(await ops.staff.all()).toEqual(before.staff);

    // A group that no longer exists stops the run too, before anything is stored.
    const withMissingGroup: EntraMapping = { ...MAPPING, groups: [...MAPPING.groups, { groupId: '3f6d2b1e-7c44-4f0e-9a51-0c2d5e8b9a99', role: 'fortroendevald', committeeCode: 'KFN' }] };
    await expect(sync(withMissingGroup)).rejects.toThrow(/404/);
    expect(await ops.staff.state()).toEqual(before.state);

    expect(await sync()).toMatchObject({ full: false, read: 6, added: 2, moved: 2, left: 2 });
    expect(await learner(3)).toMatchObject({ committeeCode: 'KS' });
    expect(await learner(9)).toBeUndefined();
    expect(await learner(300)).toMatchObject({ committeeCode: 'KFN' });
  });

  it("applies a delta's entries in Graph's order, each over the latest: one user on two pages, a change before a removal, a soft delete", async () => {
    await sync();
    sp.graph.directory.pageSize = 2;
    sp.graph.directory.entryPerChange = true;
    sp.graph.directory.put({ ...person(15, 'Socialförvaltningen'), displayName: 'Person Femton' }); // renamed…
    sp.graph.directory.put(person(3, 'Kommunledningskontoret')); // moved…
    sp.graph.directory.put({ ...person(15, 'Kommunledningskontoret'), displayName: 'Person Femton' }); // …then moved, on the next page
    sp.graph.directory.remove(id(3)); // …then deleted
    sp.graph.directory.softDelete(id(6)); // to the deleted items: @removed with reason 'changed'

    expect(await sync()).toMatchObject({ full: false, read: 1, moved: 1, left: 2, added: 0 });
    expect(await ops.staff.get(id(15))).toMatchObject({ displayName: 'Person Femton', attributeValue: 'Kommunledningskontoret' });
    expect(await learner(15)).toMatchObject({ committeeCode: 'KS' });
    expect(await ops.staff.get(id(3))).toBeUndefined();
    expect(await learner(6)).toBeUndefined();

    // Restored from the deleted items: Graph sends the user whole, and they are back where they worked.
    sp.graph.directory.restore(id(6));
    expect(await sync()).toMatchObject({ full: false, read: 1, added: 1 });
    expect(await learner(6)).toMatchObject({ committeeCode: 'SN' });
  });

  it('leaves out guests: never read in, and a member made a guest leaves', async () => {
    sp.graph.directory.put({ ...person(400, 'Socialförvaltningen'), userType: 'Guest' });
    expect(await sync()).toMatchObject({ full: true, read: 248, people: 243 });
    expect(await ops.staff.get(id(400))).toBeUndefined();

    sp.graph.directory.put({ ...person(5, 'Barn- och utbildningsförvaltningen'), userType: 'Guest' }); // Graph sends only userType
    sp.graph.directory.put({ ...person(400, 'Socialförvaltningen'), displayName: 'Gäst Fyrahundra', userType: 'Guest' }); // only the name: still nobody of ours
    expect(await sync()).toMatchObject({ full: false, read: 0, people: 242, left: 1 });
    expect(await ops.staff.get(id(5))).toBeUndefined();
    expect(await ops.staff.get(id(400))).toBeUndefined();
  });

  it('reads everyone again once the last full read is a week old, which corrects what the deltas missed', async () => {
    const day = 24 * 60 * 60 * 1000;
    const t0 = new Date('2026-11-24T03:15:00Z');
    await sync(MAPPING, t0);
    sp.graph.directory.users.delete(id(30)); // gone without a change Graph reports
    expect(await sync(MAPPING, new Date(t0.getTime() + 6 * day))).toMatchObject({ full: false, left: 0 });
    expect(await learner(30)).toBeDefined();
    expect(await ops.staff.state()).toMatchObject({ syncedAt: '2026-11-30T03:15:00.000Z', fullReadAt: '2026-11-24T03:15:00.000Z' });

    expect(await sync(MAPPING, new Date(t0.getTime() + 7 * day))).toMatchObject({ full: true, read: 247, left: 1 });
    expect(await learner(30)).toBeUndefined();
    expect(await ops.staff.state()).toMatchObject({ fullReadAt: '2026-12-01T03:15:00.000Z' });
    expect(await sync(MAPPING, new Date(t0.getTime() + 8 * day))).toMatchObject({ full: false });
  });

  it('reads everyone again when the mapping names another attribute, which the old deltaLink cannot bring', async () => {
    await sync();
    sp.graph.resetStats();
    const byOffice: EntraMapping = { ...MAPPING, attribute: 'officeLocation' };
    const report = await sync(byOffice);
    expect(report.full).toBe(true);
    expect(sp.graph.log.find((r) => r.url.includes('/users/delta'))?.url).toContain('officeLocation');
  });

  it('refuses a full read that would make more than half of the known active people leave: a permission or filter gone wrong, not a municipality emptied', async () => {
    await sync();
    const before = await ops.staff.state();
    const everyone = [...sp.graph.directory.users];
    sp.graph.directory.forgottenBefore = Number.MAX_SAFE_INTEGER;
    sp.graph.directory.users.clear();
    await expect(sync()).rejects.toThrow('Entra ID gav bara 0 av 246 kända personer; personregistret lämnas som det var (kontrollera behörigheten User.Read.All och filtren)');
    // 124 of the 246 active people missing: more than half.
    for (const [userId, user] of everyone.slice(124)) sp.graph.directory.users.set(userId, user);
    await expect(sync()).rejects.toThrow(/gav bara 122 av 246 kända personer/);
    expect((await ops.staff.learners()).length).toBe(243);
    expect(await ops.staff.state()).toEqual(before);
    // Half is not more than half: read, and the missing have left.
    sp.graph.directory.users.set(...everyone[123]!);
    expect(await sync()).toMatchObject({ full: true, read: 125 });
  });
});
