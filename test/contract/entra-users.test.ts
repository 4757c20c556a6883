import { readGroupMembers, readUsers } from '../../src/directory/entra-users';
import { connectToSite } from '../../src/store/sharepoint/sharepoint-store';
import { startLocalSharePoint, TEST_RETRY, type LocalSharePoint } from '../support/graph/sharepoint-fixture';

describe('people from Entra ID through the local Graph', () => {
  let sp: LocalSharePoint;
  beforeAll(async () => {
    sp = await startLocalSharePoint();
  });
  afterAll(() => sp.stop());

  const person = (n: number, department = 'Socialförvaltningen') => ({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    displayName: `Person ${n}`,
    mail: `person${n}@sjovik.example`,
    accountEnabled: true,
    department,
  });

  it('reads everyone in pages, then only what changed, and everyone again when Graph has forgotten where it was', async () => {
    for (let n = 1; n <= 250; n++) sp.graph.directory.put(person(n));
    const { client } = await connectToSite(sp.settings, TEST_RETRY, 0);
    sp.graph.resetStats();
    const first = await readUsers(client, 'department');
    expect(first.full).toBe(true);
    expect(first.events).toHaveLength(250);
    expect(first.events[0]).toEqual({ id: person(1).id, displayName: 'Person 1', mail: 'person1@sjovik.example', accountEnabled: true, attributeValue: 'Socialförvaltningen', guest: false });
    expect(sp.graph.log.find((r) => r.url.includes('/users/delta'))?.url).toContain('userType');
    expect(sp.graph.log.filter((r) => r.url.includes('/users/delta'))).toHaveLength(3); // 100 a page

    // Two move, one leaves, one is disabled, one is new: the next read has those five and nothing else.
    sp.graph.directory.put(person(2, 'Kommunledningskontoret'));
    sp.graph.directory.put(person(3, 'Kommunledningskontoret'));
    sp.graph.directory.remove(person(4).id);
    sp.graph.directory.put({ ...person(5), accountEnabled: false });
    sp.graph.directory.put(person(251, ''));
    const changes = await readUsers(client, 'department', first.deltaLink);
    expect(changes.full).toBe(false);
    // As Graph does: a changed user with the properties that changed (left out: unchanged), a new one whole, a cleared value null.
    expect(changes.events).toEqual([
      { id: person(2).id, attributeValue: 'Kommunledningskontoret' },
      { id: person(3).id, attributeValue: 'Kommunledningskontoret' },
      { id: person(4).id, removed: true },
      { id: person(5).id, accountEnabled: false },
      { id: person(251).id, displayName: 'Person 251', mail: 'person251@sjovik.example', accountEnabled: true, attributeValue: null, guest: false },
    ]);
    // Nothing changed: an empty read, and a new deltaLink.
    expect(await readUsers(client, 'department', changes.deltaLink)).toMatchObject({ events: [], full: false });

    // A deltaLink Graph no longer knows (410 syncStateNotFound): a full read again, said so.
    sp.graph.directory.forgottenBefore = Number.MAX_SAFE_INTEGER;
    const again = await readUsers(client, 'department', changes.deltaLink);
    sp.graph.directory.forgottenBefore = 0;
    expect(again.full).toBe(true);
    expect(again.events).toHaveLength(250); // 251 put, one removed
  });

  it('reads a long delta in pages, in the order Graph gave: one user twice, a soft-deleted one removed, a guest said so', async () => {
    for (let n = 1; n <= 10; n++) sp.graph.directory.put(person(n));
    const { client } = await connectToSite(sp.settings, TEST_RETRY, 0);
    const first = await readUsers(client, 'department');
    sp.graph.directory.pageSize = 2;
    sp.graph.directory.entryPerChange = true;
    sp.graph.directory.put({ ...person(1), displayName: 'Person Ett' });
    sp.graph.directory.put(person(2, 'Kommunledningskontoret'));
    sp.graph.directory.put({ ...person(1, 'Kommunledningskontoret'), displayName: 'Person Ett' });
    sp.graph.directory.softDelete(person(3).id);
    sp.graph.directory.put({ ...person(6), userType: 'Guest' });
    sp.graph.resetStats();
    const changes = await readUsers(client, 'department', first.deltaLink);
    sp.graph.directory.pageSize = 100;
    sp.graph.directory.entryPerChange = false;
    expect(sp.graph.log.filter((r) => r.url.includes('/users/delta'))).toHaveLength(3);
    expect(changes.events).toEqual([
      { id: person(1).id, displayName: 'Person Ett' },
      { id: person(2).id, attributeValue: 'Kommunledningskontoret' },
      { id: person(1).id, attributeValue: 'Kommunledningskontoret' },
      { id: person(3).id, removed: true }, // @removed reason 'changed': in the deleted items, and gone all the same
      { id: person(6).id, guest: true },
    ]);
  });

  it('stores nothing of a read that fails on a later page: the read fails whole', async () => {
    for (let n = 1; n <= 250; n++) sp.graph.directory.put(person(n));
    const { client } = await connectToSite(sp.settings, TEST_RETRY, 0);
    sp.graph.directory.failAfter(1);
    await expect(readUsers(client, 'department')).rejects.toThrow(/503/);
    sp.graph.directory.failAfter(undefined);
    expect((await readUsers(client, 'department')).events).toHaveLength(sp.graph.directory.users.size);
  });

  it("reads a group's members, every page", async () => {
    for (let n = 1; n <= 130; n++) sp.graph.directory.addToGroup('3f6d2b1e-7c44-4f0e-9a51-0c2d5e8b9a11', person(n).id);
    const { client } = await connectToSite(sp.settings, TEST_RETRY, 0);
    expect(await readGroupMembers(client, '3f6d2b1e-7c44-4f0e-9a51-0c2d5e8b9a11')).toHaveLength(130);
    await expect(readGroupMembers(client, '3f6d2b1e-7c44-4f0e-9a51-0c2d5e8b9a99')).rejects.toThrow(/404/);
  });
});
