import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config/config';
import { TEAMS_RATE_LIMITS } from '../../src/delivery/rate-limits';
import { conversationIdOf } from '../support/delivery-harness';
import { FakeBotConnector, type ReceivedActivity } from '../support/fake-bot-connector';
import { round } from './bench-stats';

/**
 * `npm run bench:delivery [-- --crash] [--recipients N]`: one broadcast through the fake Bot
 * Connector, which enforces Teams' default limits (30/s per tenant, 7/1 s, 8/2 s, 60/30 s, 1800/h per
 * conversation) by answering 429. The sender is a separate process; with --crash it is killed with
 * SIGKILL at about half-way and started again. The last line is one JSON object.
 */
const args = process.argv.slice(2);
const crash = args.includes('--crash');
const recipients = Number(args[args.indexOf('--recipients') + 1] || 10_000) || 10_000;
const allowedPerSecond = TEAMS_RATE_LIMITS.perTenant[0]!.limit / (TEAMS_RATE_LIMITS.perTenant[0]!.windowMs / 1000);
const child = path.join(projectRoot(), 'dist', 'test', 'support', 'delivery-child.js');

function runSender(dataDir: string, serviceUrl: string) {
  const proc = spawn(process.execPath, ['--disable-warning=DEP0111', child, dataDir, serviceUrl, String(recipients), 'bench'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  proc.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, exited, result: () => JSON.parse(output.trim().split('\n').pop() || '{}') as { peakRssMb?: number } };
}

/** Sending time of one run: first to last arrival. */
const span = (arrivals: ReceivedActivity[]) => (arrivals.length > 1 ? (arrivals[arrivals.length - 1]!.at - arrivals[0]!.at) / 1000 : 0);

async function main(): Promise<void> {
  const connector = await new FakeBotConnector({ enforceLimits: true }).start();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'infosak-delivery-bench-'));
  const runs: ReceivedActivity[][] = [];
  let peakRssMb = 0;
  try {
    const first = runSender(dataDir, connector.url);
    if (crash) {
      await connector.waitForActivities(Math.floor(recipients / 2), 3_600_000);
      first.proc.kill('SIGKILL');
      await first.exited;
      runs.push([...connector.received]);
      console.log(`Avsändaren dödad (SIGKILL) efter ${connector.received.length} meddelanden; startar igen …`);
      const second = runSender(dataDir, connector.url);
      if ((await second.exited) !== 0) throw new Error('den omstartade avsändaren misslyckades');
      runs.push(connector.received.slice(runs[0]!.length));
      peakRssMb = second.result().peakRssMb ?? 0;
    } else {
      if ((await first.exited) !== 0) throw new Error('avsändaren misslyckades');
      runs.push([...connector.received]);
      peakRssMb = first.result().peakRssMb ?? 0;
    }
  } finally {
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const counts = connector.countsByConversation();
  const lost = Array.from({ length: recipients }, (_, n) => n).filter((n) => !counts.has(conversationIdOf(n))).length;
  const duplicated = [...counts.values()].reduce((n, c) => n + (c - 1), 0);
  const seconds = runs.reduce((s, r) => s + span(r), 0);
  const delivered = runs.reduce((n, r) => n + Math.max(0, r.length - 1), 0);
  const achievedPerSecond = delivered / seconds;
  const result = {
    recipients,
    mode: crash ? 'crash' : 'normal',
    seconds: round(seconds),
    achievedPerSecond: round(achievedPerSecond, 2),
    achievedPerAllowed: round(achievedPerSecond / allowedPerSecond, 3),
    lost,
    duplicated,
    throttled: connector.throttled,
    peakRssMb,
  };
  console.log(`${recipients} mottagare (${result.mode}): ${result.achievedPerSecond}/s av tillåtna ${allowedPerSecond}/s, förlorade ${lost}, dubbletter ${duplicated}, 429-svar ${connector.throttled}, högsta RSS ${peakRssMb} MB`);
  console.log(JSON.stringify(result));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
