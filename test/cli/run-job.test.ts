import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config/config';
import { parseJobArgs, queuedNote } from '../../src/cli/run-job';
import { systemClock } from '../../src/clock/clock';
import { stockholmQuarter } from '../../src/clock/stockholm-time';
import { DeliveryService } from '../../src/delivery/delivery-service';
import type { MessageSender } from '../../src/delivery/message-sender';
import { createLogger } from '../../src/logging/logger';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';

const cli = path.join(projectRoot(), 'dist', 'src', 'cli', 'run-job.js');

describe('npm run job', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'infosak-job-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, encoding: 'utf8' });

  it('lists the jobs when given no name', () => {
    const result = run();
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('nabarhet');
  });

  it('runs a job as if the clock said --now and records the run', async () => {
    const result = run('nabarhet', '--now', '2026-04-01T08:00:00+02:00');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Nåbara i personlig chatt: Kommunstyrelsen 0/3, Socialnämnden 0/4');
    const ops = SqliteOperationalStore.open(dataDir);
    expect(await ops.jobRuns.latest('nabarhet')).toMatchObject({ startedAt: '2026-04-01T06:00:00.000Z' });
    await ops.close();
  });

  it('queues the learning campaigns’ cards once, on a weekday morning, and none on a Sunday', async () => {
    // The demo campaigns: phishing for all six demo people, the personal-data module for the four in Socialnämnden.
    expect(run('utbildning', '--now', '2026-11-22T10:00:00+01:00').stdout.trim()).toBe('Utbildningskort köade: 0, påminnelser: 0');
    const monday = run('utbildning', '--now', '2026-11-23T09:00:00+01:00').stdout.trim().split('\n');
    expect(monday).toEqual([
      'Utbildningskort köade: 11, påminnelser: 0',
      '11 meddelanden har lagts i kön. Den körande servern (npm start) skickar dem direkt, eller när den startas.',
      '--now avgör bara vad som är aktuellt; meddelandena skickas nu, inte vid den tiden.',
    ]);
    expect(run('utbildning', '--now', '2026-11-23T09:30:00+01:00').stdout.trim()).toBe('Utbildningskort köade: 0, påminnelser: 0');
    const ops = SqliteOperationalStore.open(dataDir);
    expect(await ops.outbox.pendingCount()).toBe(11);
    await ops.close();
  });

  it('queues what a simulated time a month ahead finds due for sending now, so the running server sends it at once', async () => {
    // The 15th of the month about a month from now: the quarter's first cards are due by then, whatever today is.
    const ahead = new Date(Date.now() + 30 * 86_400_000);
    const simulated = new Date(Date.UTC(ahead.getUTCFullYear(), ahead.getUTCMonth(), 15, 9));
    const before = Date.now();
    const result = run('handlingsplan', '--now', simulated.toISOString());
    const after = Date.now();
    expect(result.status).toBe(0);
    const queued = Number(/köade: (\d+)/.exec(result.stdout)?.[1]);
    expect(queued).toBeGreaterThan(0);
    expect(result.stdout).toContain('har lagts i kön. Den körande servern (npm start) skickar dem direkt');
    expect(result.stdout).toContain('--now avgör bara vad som är aktuellt; meddelandena skickas nu, inte vid den tiden.');

    const ops = SqliteOperationalStore.open(dataDir);
    // This quarter's cards, and the overdue summary of the quarter before.
    const { year, quarter } = stockholmQuarter(simulated);
    const campaignIds = [`actionplan:${year}:Q${quarter}`, quarter === 1 ? `actionplan:${year - 1}:Q4` : `actionplan:${year}:Q${quarter - 1}`];
    const messagesOfRun = async () => (await Promise.all(campaignIds.map((id) => ops.outbox.messagesOf(id)))).flat();
    const messages = await messagesOfRun();
    expect(messages).toHaveLength(queued);
    expect(await ops.outbox.pendingCount()).toBe(queued);
    for (const m of messages) {
      expect(Date.parse(m.nextAttemptAt)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(m.nextAttemptAt)).toBeLessThanOrEqual(after);
      expect(Date.parse(m.enqueuedAt)).toBeLessThanOrEqual(after);
    }

    // A delivery pass at the real time, as `npm start` runs it, with every coordinator reachable.
    for (const personId of new Set(messages.map((m) => m.personId))) {
      const conversationId = `a:personal-${personId}`;
      const reference = { conversation: { id: conversationId } };
      await ops.conversations.remember({ conversationId, personId, tenantId: 'demo', serviceUrl: 'http://localhost', conversationType: 'personal', reference, updatedAt: new Date().toISOString() });
    }
    const sent: string[] = [];
    const sender: MessageSender = { send: async (reference) => (sent.push(String((reference.conversation as { id: string }).id)), `sent-${sent.length}`) };
    const delivery = new DeliveryService(ops, sender, systemClock, createLogger('silent'));
    await delivery.start();
    await delivery.drained(10);
    await delivery.stop();
    expect((await messagesOfRun()).map((m) => m.status)).toEqual(messages.map(() => 'Sent'));
    expect(sent).toHaveLength(queued);

    // The same run again finds everything already sent: nothing is queued twice.
    expect(run('handlingsplan', '--now', simulated.toISOString()).stdout.trim()).toBe('Påminnelser om handlingsplanen köade: 0');
    expect(await messagesOfRun()).toHaveLength(queued);
    await ops.close();
  });

  it('refuses an unknown job or a bad time with a message in Swedish', () => {
    const unknown = run('finns-inte');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Okänt jobb "finns-inte"');
    const badTime = run('nabarhet', '--now', 'igår');
    expect(badTime.status).toBe(2);
    expect(badTime.stderr).toContain('--now behöver en tid i ISO-format');
  });
});

describe('parseJobArgs', () => {
  it('reads a name and an optional time', () => {
    expect(parseJobArgs(['nabarhet'])).toEqual({ name: 'nabarhet' });
    expect(parseJobArgs(['nabarhet', '--now', '2026-01-01T00:00:00Z']).now?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parseJobArgs(['nabarhet', '--now']).error).toMatch(/--now/);
    expect(parseJobArgs(['nabarhet', '--later']).error).toMatch(/Okänt argument/);
  });
});

describe('queuedNote', () => {
  it('says where queued messages go, and that --now does not delay them', () => {
    expect(queuedNote(0, true)).toEqual([]);
    expect(queuedNote(1, false)).toEqual(['1 meddelande har lagts i kön. Den körande servern (npm start) skickar det direkt, eller när den startas.']);
    expect(queuedNote(2, true)[1]).toBe('--now avgör bara vad som är aktuellt; meddelandena skickas nu, inte vid den tiden.');
  });
});
