import type { InstallOutcome } from '../../src/directory/app-installation';
import { InstallBeforeSend, type InstallOptions } from '../../src/delivery/install-before-send';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';

const AT = '2026-11-24T09:00:00.000Z';
const later = (ms: number) => new Date(Date.parse(AT) + ms).toISOString();

/** The installation step alone, with the outcomes Graph can give scripted, against a real ops.db in memory. */
describe('installing the app before a message goes out', () => {
  let ops: SqliteOperationalStore;
  const asked: string[] = [];
  let answers: InstallOutcome[];
  let chats: Set<string>;
  const problems: string[] = [];
  const installer = (options: Partial<InstallOptions> = {}) =>
    new InstallBeforeSend(ops.installations, ops.outbox, {
      install: async (personId) => {
        asked.push(personId);
        return answers.shift() ?? { kind: 'installed' };
      },
      openKnownChat: async (personId) => chats.has(personId),
      perSecond: 1000,
      onSetupProblem: (detail) => problems.push(detail),
      ...options,
    });
  const queue = async (personId: string, at = AT) => {
    await ops.outbox.enqueue([{ key: `k:${personId}:${at}`, campaignId: 'learning:c', personId, activity: { text: 'hej' } }], at);
    return (await ops.outbox.claimNext(at))!;
  };
  const message = async (personId: string, at = AT) => (await ops.outbox.get(`k:${personId}:${at}`))!;
  const again = async (at: string) => (await ops.outbox.claimNext(at))!;

  beforeEach(() => {
    ops = SqliteOperationalStore.inMemory();
    asked.length = 0;
    problems.length = 0;
    answers = [];
    chats = new Set();
  });
  afterEach(() => ops.close());

  it('installs, records it, and waits for the chat — each wait as long as the time waited so far — then says the chat never came', async () => {
    const step = installer({ waitForChatMs: 1000, chatWindowMs: 5000 });
    expect(await step.noChat(await queue('p1'), new Date(AT))).toBe('handled');
    expect(await ops.installations.get('P1')).toMatchObject({ outcome: 'installed', at: AT });
    expect(await message('p1')).toMatchObject({ status: 'Queued', nextAttemptAt: later(1000), lastError: expect.stringMatching(/väntar på att Teams öppnar chatten/) });
    // Looked at again: installed already, so no second installation, and a longer wait.
    await step.noChat(await again(later(1000)), new Date(later(1000)));
    expect((await message('p1')).nextAttemptAt).toBe(later(2000));
    await step.noChat(await again(later(2000)), new Date(later(2000)));
    expect((await message('p1')).nextAttemptAt).toBe(later(4000));
    await step.noChat(await again(later(4000)), new Date(later(4000)));
    expect((await message('p1')).nextAttemptAt).toBe(later(5000)); // no further than the window
    await step.noChat(await again(later(5000)), new Date(later(5000)));
    expect(asked).toEqual(['p1']);
    expect(await message('p1')).toMatchObject({ status: 'AppNotInstalled', lastError: expect.stringMatching(/finns hos mottagaren, men Teams har inte öppnat någon chatt/) });
  });

  it('finds the chat of someone who had the app already (409) and sends at once', async () => {
    const step = installer();
    answers = [{ kind: 'alreadyInstalled' }];
    chats.add('p2');
    expect(await step.noChat(await queue('p2'), new Date(AT))).toBe('chat');
    expect(await ops.installations.get('p2')).toMatchObject({ outcome: 'alreadyInstalled' });
    // Without a chat to find, it waits as after an installation.
    answers = [{ kind: 'alreadyInstalled' }];
    expect(await step.noChat(await queue('p3'), new Date(AT))).toBe('handled');
    expect((await message('p3')).status).toBe('Queued');
  });

  it('installs again once the chat window of an old installation has passed (the person may have removed the app)', async () => {
    const step = installer({ chatWindowMs: 60_000 });
    await ops.installations.record({ personId: 'p4', outcome: 'installed', at: '2026-10-01T09:00:00.000Z' });
    await step.noChat(await queue('p4'), new Date(AT));
    expect(asked).toEqual(['p4']);
    expect(await ops.installations.get('p4')).toMatchObject({ at: AT });
  });

  it("brings forward, when the chat comes, only what waits for it: a message held back for another reason keeps its time", async () => {
    await installer().noChat(await queue('p7'), new Date(AT));
    await ops.outbox.enqueue([{ key: 'held:p7', campaignId: 'learning:c', personId: 'p7', activity: { text: 'hej' } }], AT);
    const held = (await ops.outbox.claimNext(AT))!;
    await ops.outbox.retryLater(held.id, later(300_000), 'Bot Connector svarade 429');
    expect(await ops.outbox.bringForward('P7', later(2000))).toBe(1);
    expect((await message('p7')).nextAttemptAt).toBe(later(2000));
    expect((await ops.outbox.get('held:p7'))!.nextAttemptAt).toBe(later(300_000));
    // Once brought forward it waits no longer: a second chat event changes nothing.
    expect(await ops.outbox.bringForward('p7', later(3000))).toBe(0);
  });

  it('records a refusal with its reason and does not ask Graph again for that person while it is fresh', async () => {
    const step = installer();
    answers = [{ kind: 'blocked', detail: 'stoppad av organisationens appbehörighetsprincip' }];
    await step.noChat(await queue('p2'), new Date(AT));
    expect(await message('p2')).toMatchObject({
      status: 'AppNotInstalled',
      lastError: 'Infosäk kunde inte installeras: organisationens appbehörighetsprincip tillåter den inte för mottagaren (stoppad av organisationens appbehörighetsprincip)',
    });
    expect(await ops.installations.get('p2')).toMatchObject({ outcome: 'blocked' });
    // The next campaign, a day later: refused at once, from the record.
    await step.noChat(await queue('p2', '2026-11-25T09:00:00.000Z'), new Date('2026-11-25T09:00:00.000Z'));
    expect(asked).toEqual(['p2']);
    // A week on, policies may have changed: asked again.
    await step.noChat(await queue('p2', '2026-12-02T09:00:00.000Z'), new Date('2026-12-02T09:00:00.000Z'));
    expect(asked).toEqual(['p2', 'p2']);
    expect(await ops.installations.get('p2')).toMatchObject({ outcome: 'installed' });
  });

  it('says which refusal it was: no Teams, or a failure', async () => {
    const step = installer();
    answers = [
      { kind: 'notFound', detail: 'användaren finns inte' },
      { kind: 'failed', detail: 'Graph svarade 400' },
    ];
    await step.noChat(await queue('p3'), new Date(AT));
    await step.noChat(await queue('p4'), new Date(AT));
    expect((await message('p3')).lastError).toMatch(/mottagaren finns inte i Teams/);
    expect((await message('p4')).lastError).toBe('Infosäk kunde inte installeras (Graph svarade 400)');
    expect(await ops.outbox.unreachedReasons('learning:c')).toEqual({ notFound: 1, failed: 1 });
  });

  it('stops installing for anyone when the setup refuses (a missing permission), says so once, and records nothing against the person', async () => {
    const step = installer();
    answers = [{ kind: 'setup', detail: 'behörigheten TeamsAppInstallation.ReadWriteSelfForUser.All saknas' }];
    await step.noChat(await queue('s1'), new Date(AT));
    await step.noChat(await queue('s2'), new Date(AT));
    expect(asked).toEqual(['s1']);
    expect(problems).toEqual(['behörigheten TeamsAppInstallation.ReadWriteSelfForUser.All saknas']);
    expect(await ops.installations.get('s1')).toBeUndefined();
    expect((await message('s2')).lastError).toBe('Infosäk installeras inte för någon just nu (behörigheten TeamsAppInstallation.ReadWriteSelfForUser.All saknas)');
  });

  it('on a 429 records nothing, holds every installation back for Retry-After — turns given before it too — and asks again then', async () => {
    const step = installer({ perSecond: 1000 });
    answers = [{ kind: 'retry', retryAfterSeconds: 2, detail: 'strypt av Graph (429)' }];
    await step.noChat(await queue('p5'), new Date(AT));
    expect(await ops.installations.get('p5')).toBeUndefined();
    expect(await message('p5')).toMatchObject({ status: 'Queued', nextAttemptAt: later(2000) });
    // The next one asking is sent back to wait out the pause, instead of being installed for inside it.
    await step.noChat(await queue('p6'), new Date(AT));
    expect(asked).toEqual(['p5']);
    expect(await message('p6')).toMatchObject({ status: 'Queued', attempts: 0, lastError: 'väntar på sin tur att få appen installerad' });
    expect(step.stats).toEqual({ requests: 1, installed: 0, throttled: 1 });
  });

  it('gives a message up after maxInstallAttempts of throttling or no answer, with what Graph said', async () => {
    const step = installer({ maxInstallAttempts: 2 });
    answers = [
      { kind: 'retry', detail: 'inget svar från Graph' },
      { kind: 'retry', detail: 'inget svar från Graph' },
    ];
    await step.noChat(await queue('p8'), new Date(AT));
    const back = await message('p8');
    expect(back.status).toBe('Queued');
    await step.noChat(await again(back.nextAttemptAt), new Date(back.nextAttemptAt));
    expect(await message('p8')).toMatchObject({ status: 'AppNotInstalled', lastError: 'Infosäk kunde inte installeras (inget svar från Graph, 2 försök)' });
  });

  it('sends a message whose turn is far off back to wait for it, without counting an attempt, and keeps that turn for it', async () => {
    const step = installer({ perSecond: 0.4 }); // a turn every 2.5 s
    await step.noChat(await queue('q1'), new Date(AT));
    const second = await queue('q2');
    expect(second.attempts).toBe(1);
    await step.noChat(second, new Date(AT));
    expect(asked).toEqual(['q1']);
    const waiting = await message('q2');
    expect(waiting).toMatchObject({ status: 'Queued', attempts: 0, lastError: 'väntar på sin tur att få appen installerad' });
    expect(Date.parse(waiting.nextAttemptAt) - Date.parse(AT)).toBeGreaterThan(2_000);
    // A third asks meanwhile and gets the turn after it; the second, back at its time, is installed for at once.
    await step.noChat(await queue('q3'), new Date(AT));
    expect(Date.parse((await message('q3')).nextAttemptAt) - Date.parse(AT)).toBeGreaterThan(4_500);
    await new Promise((r) => setTimeout(r, 2_500));
    await step.noChat(await again(waiting.nextAttemptAt), new Date(waiting.nextAttemptAt));
    expect(asked).toEqual(['q1', 'q2']);
  });

  it('keeps to the installation rate it is given', async () => {
    const step = installer({ perSecond: 20 });
    const started = Date.now();
    for (let i = 0; i < 11; i++) await step.noChat(await queue(`r${i}`), new Date(AT));
    // The first goes at once, the ten after it one every 50 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(480);
  });
});
