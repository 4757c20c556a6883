import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { projectRoot } from '../../src/config/config';
import { conversationIdOf, recipientId } from '../support/delivery-harness';
import { FakeBotConnector } from '../support/fake-bot-connector';

const child = path.join(projectRoot(), 'dist', 'test', 'support', 'delivery-child.js');
const COUNT = 300;

function runSender(dataDir: string, serviceUrl: string) {
  const proc = spawn(process.execPath, [child, dataDir, serviceUrl, String(COUNT), 'krasch', '100/1s'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, exited, output: () => output };
}

describe('a broadcast killed half-way (SIGKILL) and started again', () => {
  // Answers take 100–200 ms, so that some sends are in flight when the sender is killed.
  const connector = new FakeBotConnector({
    enforceLimits: true,
    limits: { perTenant: [{ limit: 100, windowMs: 1000 }], perConversation: [{ limit: 7, windowMs: 1000 }] },
    latencyMs: 100,
    latencyMaxMs: 200,
  });
  let dataDir: string;
  beforeAll(async () => {
    await connector.start();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'infosak-crash-'));
  });
  afterAll(async () => {
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes: nobody is skipped, and only a send in flight at the kill can arrive twice', async () => {
    const first = runSender(dataDir, connector.url);
    await connector.waitForActivities(COUNT / 2, 30_000);
    first.proc.kill('SIGKILL');
    await first.exited;
    // What the dead process had written to its sockets is still read by the connector.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const arrivedBeforeCrash = connector.received.length;
    expect(arrivedBeforeCrash).toBeGreaterThanOrEqual(COUNT / 2);
    expect(arrivedBeforeCrash).toBeLessThan(COUNT);

    // What the dead process had handed over but not recorded: the only messages that may repeat.
    const db = new Database(path.join(dataDir, 'ops.db'), { readonly: true });
    const inDoubt = new Set((db.prepare(`SELECT person_id FROM outbox WHERE status = 'Sending'`).all() as { person_id: string }[]).map((r) => r.person_id));
    db.close();
    const arrivedBeforeRestart = connector.countsByConversation();
    const inFlightAtKill = Array.from({ length: COUNT }, (_, n) => n).filter((n) => inDoubt.has(recipientId(n)) && arrivedBeforeRestart.has(conversationIdOf(n))).length;

    const second = runSender(dataDir, connector.url);
    expect(await second.exited).toBe(0);
    expect(JSON.parse(second.output().trim().split('\n').pop()!)).toMatchObject({ total: COUNT, Sent: COUNT, Queued: 0, Sending: 0 });

    const counts = connector.countsByConversation();
    const missing = Array.from({ length: COUNT }, (_, n) => n).filter((n) => !counts.has(conversationIdOf(n)));
    expect(missing).toEqual([]);
    const twice = Array.from({ length: COUNT }, (_, n) => n).filter((n) => (counts.get(conversationIdOf(n)) ?? 0) > 1);
    for (const n of twice) expect(inDoubt.has(recipientId(n))).toBe(true);
    // Only a send in flight at the kill (Sending, and already at the Bot Connector) can arrive twice.
    expect(twice.length).toBeLessThanOrEqual(inFlightAtKill);
  }, 60_000);
});
