import { fixedClock, systemClock } from '../clock/clock';
import { loadConfig, loadDotEnv } from '../config/config';
import { seedDemoDataIfEmpty } from '../demo/seed-demo-data';
import { JOBS, jobNamed } from '../jobs/job-registry';
import { queueForRunningServer } from '../jobs/queue-for-running-server';
import { runJob } from '../jobs/run-job';
import { createLogger } from '../logging/logger';
import { openOperationalStore } from '../ops/open-operational-store';
import { composeDomain } from '../server/compose-domain';
import { runCli } from './run-cli';
import { openStore } from '../store/open-store';
import { talliedStore } from '../status/status-tallies';

/** `npm run job -- <name> [--now <ISO time>]`: runs one scheduled job now, or as if the clock said --now. */
export function parseJobArgs(args: string[]): { name?: string; now?: Date; error?: string } {
  const [name, ...rest] = args;
  let now: Date | undefined;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--now') {
      const value = rest[++i];
      now = value ? new Date(value) : undefined;
      if (!value || Number.isNaN(now?.getTime())) return { error: `--now behöver en tid i ISO-format, t.ex. 2026-04-01T08:00:00+02:00 (fick "${value ?? ''}")` };
    } else {
      return { error: `Okänt argument "${rest[i]}"` };
    }
  }
  return { ...(name ? { name } : {}), ...(now ? { now } : {}) };
}

/** Tells the operator where the queued messages go: the running server sends them at once, whatever --now said. */
export function queuedNote(queued: number, simulated: boolean): string[] {
  if (queued === 0) return [];
  const [what, them] = queued === 1 ? ['1 meddelande', 'det'] : [`${queued} meddelanden`, 'dem'];
  const lines = [`${what} har lagts i kön. Den körande servern (npm start) skickar ${them} direkt, eller när den startas.`];
  if (simulated) lines.push('--now avgör bara vad som är aktuellt; meddelandena skickas nu, inte vid den tiden.');
  return lines;
}

async function main(): Promise<number> {
  const parsed = parseJobArgs(process.argv.slice(2));
  const usage =
    'Användning: npm run job -- <namn> [--now <ISO-tid>]\n' +
    '--now kör jobbet som om klockan visade den tiden; det som köas skickas ändå direkt av den körande servern (npm start).\n' +
    `Jobb:\n${JOBS.map((j) => `  ${j.name.padEnd(Math.max(...JOBS.map((x) => x.name.length)) + 2)}${j.description}`).join('\n')}`;
  if (parsed.error) {
    console.error(`${parsed.error}\n${usage}`);
    return 2;
  }
  if (!parsed.name) {
    console.log(usage);
    return 0;
  }
  const job = jobNamed(parsed.name);
  if (!job) {
    console.error(`Okänt jobb "${parsed.name}".\n${usage}`);
    return 2;
  }
  loadDotEnv();
  const config = loadConfig();
  const clock = parsed.now ? fixedClock(parsed.now) : systemClock;
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const ops = await openOperationalStore(config);
  const store = talliedStore(await openStore(config, clock), ops.tallies, (err) => logger.warn({ err: (err as Error).message }, 'incidenten kunde inte räknas i statusfliken'));
  try {
    if (config.seedDemoData) await seedDemoDataIfEmpty(store, clock.now());
    // Messages go to the outbox, due now in real time; the running server's delivery service sends them.
    const queue = queueForRunningServer(ops.outbox);
    console.log(await runJob(job, composeDomain({ config, store, ops, clock, logger, enqueue: queue.enqueue })));
    for (const line of queuedNote(queue.queued(), parsed.now !== undefined)) console.log(line);
    return 0;
  } finally {
    await store.close();
    await ops.close();
  }
}

if (require.main === module) runCli(main);
