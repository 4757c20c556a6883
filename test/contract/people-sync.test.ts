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
    expect(describeSync(report)).toBe('Personsynk (hela katalogen): 248 lästa; 243 medarbetare och förtroendevalda; 243 nya, 0 flyttade, 0 slutat; 3 utan nämnd: "Överförmyndarkansliet" 2, (inget värde) 1');
    expect(await learner(3)).toEqual({ personId: id(3), committeeCode: 'SN', electedOfficial: false });
    expect(await learner(4)).toEqual({ personId: id(4), committeeCode: 'KS', electedOfficial: false });
    // Staff elsewhere and elected in SN: counted at home, as an elected official.
    expect(await learner(1)).toEqual({ personId: id(1), committeeCode: 'KS', electedOfficial: true });
    expect(await learner(250)).toEqual({ personId: id(250), committeeCode: 'SN', electedOfficial: true });
    expect(await learner(244)).toBeUndefined(); // disabled
    expect(await learner(241)).toBeUndefined(); // unmapped
    expect((await ops.staff.state())?.attribute).toBe('department');
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

  it('stores nothing of a run that failed part-way, and the next run brings all of it', async () => {
    await sync();
    const before = { state: await ops.staff.state(), learners: await ops.staff.learners() };
    sp.graph.directory.put(person(3, 'Kommunledningskontoret'));
    // Every Graph request fails while the sync runs: the read never reaches its deltaLink.
    sp.graph.faults = { ...sp.graph.faults, failureRate: 1, failures: ['503'] };
    await expect(sync()).rejects.toThrow();
    sp.graph.faults = { ...sp.graph.faults, failureRate: 0 };
    expect(await ops.staff.state()).toEqual(before.state);
    expect(await ops.staff.learners()).toEqual(before.learners);
    // A group that no longer exists stops the run too, before anything is stored.
    const withMissingGroup: EntraMapping = { ...MAPPING, groups: [...MAPPING.groups, { groupId: '3f6d2b1e-7c44-4f0e-9a51-0c2d5e8b9a99', role: 'fortroendevald', committeeCode: 'KFN' }] };
    await expect(sync(withMissingGroup)).rejects.toThrow(/404/);
    expect(await ops.staff.state()).toEqual(before.state);

    expect(await sync()).toMatchObject({ full: false, moved: 1 });
    expect(await learner(3)).toMatchObject({ committeeCode: 'KS' });
  });

  it('reads everyone again when the mapping names another attribute, which the old deltaLink cannot bring', async () => {
    await sync();
    sp.graph.resetStats();
    const byOffice: EntraMapping = { ...MAPPING, attribute: 'officeLocation' };
    const report = await sync(byOffice);
    expect(report.full).toBe(true);
    expect(sp.graph.log.find((r) => r.url.includes('/users/delta'))?.url).toContain('officeLocation');
  });

  it('refuses a full read that finds nobody when people are known: a permission gone wrong, not a municipality without staff', async () => {
    await sync();
    for (const userId of [...sp.graph.directory.users.keys()]) sp.graph.directory.users.delete(userId);
    sp.graph.directory.forgottenBefore = Number.MAX_SAFE_INTEGER;
    await expect(sync()).rejects.toThrow(/utan en enda användare/);
    expect((await ops.staff.learners()).length).toBe(243);
  });
});
