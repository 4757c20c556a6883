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

  it('resumes: nobody is skipped and, as the broadcast is not an incident notification, nobody gets it twice', async () => {
    const first = runSender(dataDir, connector.url);
    await connector.waitForActivities(COUNT / 2, 30_000);
    first.proc.kill('SIGKILL');
    await first.exited;
    // What the dead process had written to its sockets is still read by the connector.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const arrivedBeforeCrash = connector.received.length;
    expect(arrivedBeforeCrash).toBeGreaterThanOrEqual(COUNT / 2);
    expect(arrivedBeforeCrash).toBeLessThan(COUNT);

    // Left Sending: handed to the Bot Connector (may have arrived), or still waiting for a turn (never left).
    const db = new Database(path.join(dataDir, 'ops.db'), { readonly: true });
    const sending = db.prepare(`SELECT person_id, handed_over_at FROM outbox WHERE status = 'Sending'`).all() as { person_id: string; handed_over_at: string | null }[];
    db.close();
    const handedOver = new Set(sending.filter((r) => r.handed_over_at).map((r) => r.person_id));
    const arrivedBeforeRestart = connector.countsByConversation();
    const inFlightAtKill = Array.from({ length: COUNT }, (_, n) => n).filter((n) => handedOver.has(recipientId(n)) && arrivedBeforeRestart.has(conversationIdOf(n))).length;
    expect(inFlightAtKill).toBeGreaterThan(0);

    const second = runSender(dataDir, connector.url);
    expect(await second.exited).toBe(0);
    expect(JSON.parse(second.output().trim().split('\n').pop()!)).toMatchObject({ total: COUNT, Sent: COUNT, Queued: 0, Sending: 0 });

    const counts = connector.countsByConversation();
    // Those in flight at the kill arrived once: the restarted sender took them as sent.
    const twice = Array.from({ length: COUNT }, (_, n) => n).filter((n) => (counts.get(conversationIdOf(n)) ?? 0) > 1);
    expect(twice).toEqual([]);
    // Only one handed over in the instant before its request left could be missing (at most once).
    const missing = Array.from({ length: COUNT }, (_, n) => n).filter((n) => !counts.has(conversationIdOf(n)));
    for (const n of missing) expect(handedOver.has(recipientId(n))).toBe(true);
    expect(missing.length).toBeLessThanOrEqual(handedOver.size - inFlightAtKill);
  }, 60_000);
});
