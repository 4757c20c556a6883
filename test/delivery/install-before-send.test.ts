import type { InstallOutcome } from '../../src/directory/app-installation';
import { InstallBeforeSend } from '../../src/delivery/install-before-send';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';

const AT = '2026-11-24T09:00:00.000Z';

/** The installation step alone, with the outcomes Graph can give scripted, against a real ops.db in memory. */
describe('installing the app before a message goes out', () => {
  let ops: SqliteOperationalStore;
  const asked: string[] = [];
  let answers: InstallOutcome[];
  const installer = (options: Partial<ConstructorParameters<typeof InstallBeforeSend>[2]> = {}) =>
    new InstallBeforeSend(ops.installations, ops.outbox, {
      install: async (personId) => {
        asked.push(personId);
        return answers.shift() ?? { kind: 'installed' };
      },
      perSecond: 1000,
      ...options,
    });
  const queue = async (personId: string) => {
    await ops.outbox.enqueue([{ key: `k:${personId}`, campaignId: 'learning:c', personId, activity: { text: 'hej' } }], AT);
    return (await ops.outbox.claimNext(AT))!;
  };
  const message = async (personId: string) => (await ops.outbox.get(`k:${personId}`))!;

  beforeEach(() => {
    ops = SqliteOperationalStore.inMemory();
    asked.length = 0;
    answers = [];
  });
  afterEach(() => ops.close());

  it('installs, records it, and waits for the chat, each wait longer, then says the chat never came', async () => {
    const step = installer({ waitForChatMs: 1000, maxWaits: 2 });
    await step.noChat(await queue('p1'), new Date(AT));
    expect(await ops.installations.get('P1')).toMatchObject({ outcome: 'installed', at: AT });
    expect(await message('p1')).toMatchObject({ status: 'Queued', nextAttemptAt: '2026-11-24T09:00:01.000Z', lastError: expect.stringMatching(/väntar på att Teams öppnar chatten/) });
    // Looked at again: installed already, so no second installation, a longer wait.
    await step.noChat((await ops.outbox.claimNext('2026-11-24T09:00:01.000Z'))!, new Date('2026-11-24T09:00:01.000Z'));
    expect(asked).toEqual(['p1']);
    expect((await message('p1')).nextAttemptAt).toBe('2026-11-24T09:00:03.000Z');
    await step.noChat((await ops.outbox.claimNext('2026-11-24T09:00:03.000Z'))!, new Date('2026-11-24T09:00:03.000Z'));
    expect(await message('p1')).toMatchObject({ status: 'AppNotInstalled', lastError: expect.stringMatching(/installerades, men Teams öppnade ingen chatt/) });
  });

  it("brings forward, when the chat comes, only what waits for it: a message held back for another reason keeps its time", async () => {
    await installer().noChat(await queue('p7'), new Date(AT));
    await ops.outbox.enqueue([{ key: 'held:p7', campaignId: 'learning:c', personId: 'p7', activity: { text: 'hej' } }], AT);
    const held = (await ops.outbox.claimNext(AT))!;
    await ops.outbox.retryLater(held.id, '2026-11-24T09:05:00.000Z', 'Bot Connector svarade 429');
    expect(await ops.outbox.bringForward('p7', '2026-11-24T09:00:02.000Z')).toBe(1);
    expect((await message('p7')).nextAttemptAt).toBe('2026-11-24T09:00:02.000Z');
    expect((await ops.outbox.get('held:p7'))!.nextAttemptAt).toBe('2026-11-24T09:05:00.000Z');
    // Once brought forward it waits no longer: a second chat event changes nothing.
    expect(await ops.outbox.bringForward('p7', '2026-11-24T09:00:03.000Z')).toBe(0);
  });

  it('records a refusal with its reason and does not ask Graph again for that person while it is fresh', async () => {
    const step = installer();
    answers = [{ kind: 'blocked', detail: 'blockerad av appbehörighetspolicy' }];
    await step.noChat(await queue('p2'), new Date(AT));
    expect(await message('p2')).toMatchObject({ status: 'AppNotInstalled', lastError: 'Infosäk kunde inte installeras: organisationens appolicy tillåter den inte för mottagaren (blockerad av appbehörighetspolicy)' });
    expect(await ops.installations.get('p2')).toMatchObject({ outcome: 'blocked' });

    // The next campaign, a day later: refused at once, from the record.
    await ops.outbox.enqueue([{ key: 'k2:p2', campaignId: 'learning:d', personId: 'p2', activity: { text: 'hej' } }], '2026-11-25T09:00:00.000Z');
    await step.noChat((await ops.outbox.claimNext('2026-11-25T09:00:00.000Z'))!, new Date('2026-11-25T09:00:00.000Z'));
    expect(asked).toEqual(['p2']);
    // A week on, policies may have changed: asked again.
    await ops.outbox.enqueue([{ key: 'k3:p2', campaignId: 'learning:e', personId: 'p2', activity: { text: 'hej' } }], '2026-12-02T09:00:00.000Z');
    await step.noChat((await ops.outbox.claimNext('2026-12-02T09:00:00.000Z'))!, new Date('2026-12-02T09:00:00.000Z'));
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
    expect((await message('p4')).lastError).toMatch(/^Infosäk kunde inte installeras \(Graph svarade 400\)$/);
    expect(await ops.outbox.unreachedReasons('learning:c')).toEqual({ notFound: 1, failed: 1 });
  });

  it('on a 429 records nothing, pauses every installation for Retry-After and asks again then', async () => {
    const step = installer({ perSecond: 1000 });
    answers = [{ kind: 'retry', retryAfterSeconds: 1, detail: 'Graph svarade 429' }];
    await step.noChat(await queue('p5'), new Date(AT));
    expect(await ops.installations.get('p5')).toBeUndefined();
    expect(await message('p5')).toMatchObject({ status: 'Queued', nextAttemptAt: '2026-11-24T09:00:01.000Z' });
    // The next installation waits out the pause.
    const started = Date.now();
    await step.noChat(await queue('p6'), new Date(AT));
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(step.stats).toEqual({ requests: 2, installed: 1, throttled: 1 });
  });

  it('keeps to the installation rate it is given', async () => {
    const step = installer({ perSecond: 20 });
    const started = Date.now();
    for (let i = 0; i < 11; i++) await step.noChat(await queue(`r${i}`), new Date(AT));
    // The first goes at once, the ten after it one every 50 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(480);
  });
});
