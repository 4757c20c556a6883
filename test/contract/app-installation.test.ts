import { installAppFor, installedChatOf, type InstallOutcome } from '../../src/directory/app-installation';
import { connectToSite } from '../../src/store/sharepoint/sharepoint-store';
import { startLocalSharePoint, TEST_RETRY, type LocalSharePoint } from '../support/graph/sharepoint-fixture';
import { chatIdOf, LOCAL_TEAMS_APP_ID } from '../support/graph/teams-installations';

describe('installing the Teams app for a user through the local Graph', () => {
  let sp: LocalSharePoint;
  beforeAll(async () => {
    sp = await startLocalSharePoint();
    for (let n = 1; n <= 60; n++) sp.graph.directory.put(person(n));
  });
  afterAll(() => sp.stop());
  beforeEach(() => {
    sp.graph.resetStats();
    sp.graph.installations.resetStats();
  });
  /** Listeners a test added, removed after it. */
  const afterHook: (() => void)[] = [];
  afterEach(() => afterHook.splice(0).forEach((stop) => stop()));

  function person(n: number) {
    return { id: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`, displayName: `Person ${n}`, mail: `person${n}@sjovik.example`, accountEnabled: true };
  }
  const client = async () => (await connectToSite(sp.settings, TEST_RETRY, 0)).client;

  it('installs once, tells the bot side once, and answers "already installed" the second time', async () => {
    const graph = await client();
    const heard: [string, string][] = [];
    const firstHeard = new Promise<void>((resolve) => {
      const stop = sp.graph.installations.onInstalled((userId, appId) => {
        heard.push([userId, appId]);
        resolve();
      });
      afterHook.push(stop);
    });
    expect(await installAppFor(graph, person(1).id, LOCAL_TEAMS_APP_ID)).toEqual({ kind: 'installed' });
    await firstHeard;
    expect(sp.graph.installations.installedFor(person(1).id)).toBe(true);
    expect(await installAppFor(graph, person(1).id, LOCAL_TEAMS_APP_ID)).toEqual({ kind: 'alreadyInstalled' });
    await new Promise((r) => setImmediate(r));
    expect(heard).toEqual([[person(1).id, LOCAL_TEAMS_APP_ID]]);
    expect(sp.graph.log.filter((r) => r.method === 'POST' && r.url === `/v1.0/users/${person(1).id}/teamwork/installedApps`).map((r) => r.status)).toEqual([201, 409]);

    // The installation can be read back as Company Communicator does before asking for the chat.
    const found = (await graph.api(`/users/${person(1).id}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id eq '${LOCAL_TEAMS_APP_ID}'`).get()) as { value: { id: string; teamsApp: { id: string } }[] };
    expect(found.value.map((i) => i.teamsApp.id)).toEqual([LOCAL_TEAMS_APP_ID]);
    const other = (await graph.api(`/users/${person(1).id}/teamwork/installedApps?$filter=teamsApp/id eq 'någon-annan'`).get()) as { value: unknown[] };
    expect(other.value).toEqual([]);
  });

  it('counts someone who has the app already as installed, without installing again', async () => {
    sp.graph.installations.preinstalled(person(2).id);
    expect(await installAppFor(await client(), person(2).id, LOCAL_TEAMS_APP_ID)).toEqual({ kind: 'alreadyInstalled' });
    expect(sp.graph.installations.stats).toMatchObject({ installed: 0, conflicts: 1 });
  });

  it('tells a user blocked by policy from one who does not exist', async () => {
    const graph = await client();
    sp.graph.installations.blockedUsers.add(person(3).id);
    const blocked = await installAppFor(graph, person(3).id, LOCAL_TEAMS_APP_ID);
    expect(blocked).toMatchObject({ kind: 'blocked', detail: expect.stringContaining('appbehörighetsprincip') });
    expect(sp.graph.installations.installedFor(person(3).id)).toBe(false);
    expect(await installAppFor(graph, '10000000-0000-4000-8000-999999999999', LOCAL_TEAMS_APP_ID)).toMatchObject({ kind: 'notFound' });
    expect(sp.graph.installations.stats).toMatchObject({ blocked: 1, notFound: 1, installed: 0 });
  });

  it('passes a 429 and its Retry-After to the caller after one request, without the SDK retrying', async () => {
    sp.graph.installations.throttleNext(1, 2);
    const started = performance.now();
    expect(await installAppFor(await client(), person(4).id, LOCAL_TEAMS_APP_ID)).toEqual({ kind: 'retry', retryAfterSeconds: 2, detail: expect.any(String) });
    expect(performance.now() - started).toBeLessThan(1_500); // nobody slept through the Retry-After
    expect(sp.graph.log.filter((r) => r.url.includes('/teamwork/installedApps')).map((r) => r.status)).toEqual([429]);
    expect(sp.graph.installations.installedFor(person(4).id)).toBe(false);
  });

  it('asks for a resend when the answer is lost, and the resend finds the app installed', async () => {
    const graph = await client();
    sp.graph.failNext('drop');
    expect(await installAppFor(graph, person(5).id, LOCAL_TEAMS_APP_ID)).toMatchObject({ kind: 'retry' });
    expect(sp.graph.installations.installedFor(person(5).id)).toBe(true);
    expect(await installAppFor(graph, person(5).id, LOCAL_TEAMS_APP_ID)).toEqual({ kind: 'alreadyInstalled' });
  });

  it('throttles past 30 installations a second, and every throttled one comes back as "retry"', async () => {
    const graph = await client();
    const people = Array.from({ length: 40 }, (_, i) => person(11 + i).id);
    const outcomes: InstallOutcome[] = await Promise.all(people.map((id) => installAppFor(graph, id, LOCAL_TEAMS_APP_ID)));
    const retries = outcomes.filter((o) => o.kind === 'retry');
    const stats = sp.graph.installations.stats;
    expect(stats.requests).toBe(40);
    expect(retries.length).toBeGreaterThan(0);
    expect(retries).toHaveLength(stats.throttled);
    expect(outcomes.filter((o) => o.kind === 'installed')).toHaveLength(stats.installed);
    expect(stats.installed + stats.throttled).toBe(40);
    for (const r of retries) expect(r).toMatchObject({ retryAfterSeconds: expect.any(Number) });
    expect(Math.min(...retries.map((r) => (r.kind === 'retry' ? (r.retryAfterSeconds ?? 0) : 0)))).toBeGreaterThanOrEqual(1);
    expect(people.filter((id) => sp.graph.installations.installedFor(id))).toHaveLength(stats.installed);
  });

  it('finds the chat of an app already installed for someone, as Company Communicator does, and nothing where it is not', async () => {
    const graph = await client();
    sp.graph.installations.preinstalled(person(51).id);
    expect(await installedChatOf(graph, person(51).id, LOCAL_TEAMS_APP_ID)).toBe(chatIdOf(person(51).id, LOCAL_TEAMS_APP_ID));
    expect(await installedChatOf(graph, person(52).id, LOCAL_TEAMS_APP_ID)).toBeUndefined();
  });

  it('tells a setup that refuses everyone (no permission, an app not in the catalog) from a refusal of one person', async () => {
    const graph = await client();
    sp.graph.installations.permissionGranted = false;
    try {
      expect(await installAppFor(graph, person(53).id, LOCAL_TEAMS_APP_ID)).toMatchObject({ kind: 'setup', detail: expect.stringContaining('TeamsAppInstallation.ReadWriteSelfForUser.All saknas') });
    } finally {
      sp.graph.installations.permissionGranted = true;
    }
    expect(await installAppFor(graph, person(53).id, '00000000-0000-4000-8000-00000000abcd')).toMatchObject({ kind: 'setup', detail: expect.stringContaining('appkatalog') });
    expect(sp.graph.installations.installedFor(person(53).id)).toBe(false);
  });
});
