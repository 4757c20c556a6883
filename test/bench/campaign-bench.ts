import { passedFromTallies } from '../../src/status/status-tallies';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { campaignCard } from '../../bot/cards/learning-cards';
import { learningNotifier } from '../../bot/notifiers/learning-notifier';
import { fixedClock } from '../../src/clock/clock';
import { loadConfig } from '../../src/config/config';
import { sendCampaignMessages, type CampaignDeps } from '../../src/learning/campaign-messages';
import { loadModuleLibrary } from '../../src/learning/module-library';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { CommitteeDirectory } from '../../src/organisation/committee-directory';
import type { RoleAssignment } from '../../src/organisation/organisation';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { round } from './bench-stats';

/**
 * `npm run bench:campaign [-- --staff 50000]`: one learning campaign to everyone in the roles list
 * (N staff across 60 committees), queued by the learning job's own code with the real learning
 * notifier into a SQLite operational store on disk. What matters is that the server stays
 * responsive meanwhile, so the event loop's delay is measured while the campaign is queued (p99,
 * max), beside the total time and the messages queued; a second run must queue nothing. Last line: JSON.
 */
const COMMITTEES = 60;
const staffArg = process.argv.indexOf('--staff');
const STAFF = staffArg > 0 ? Number(process.argv[staffArg + 1]) : 10_000;
// Monday 23 November 2026, 09:00 in Stockholm: inside the reminder window, the campaign's first day.
const NOW = '2026-11-23T08:00:00.000Z';
const code = (c: number) => `N${String(c).padStart(2, '0')}`;

interface RunResult {
  queued: number;
  totalMs: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

/** Runs the job's work once with the event loop's delay sampled every 10 ms. */
async function measuredRun(deps: CampaignDeps, outboxCount: () => Promise<number>): Promise<RunResult> {
  const before = await outboxCount();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  // Its first sample only sets a baseline: let it take one before the run, or a stall at the start goes unseen.
  await new Promise((resolve) => setTimeout(resolve, 30));
  const start = process.hrtime.bigint();
  await sendCampaignMessages(deps);
  const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
  // The histogram records a stall when its timer next fires: give it that turn, or a run that never yields would show none.
  await new Promise((resolve) => setTimeout(resolve, 25));
  delay.disable();
  return {
    queued: (await outboxCount()) - before,
    totalMs: round(totalMs),
    loopDelayP99Ms: round(delay.percentile(99) / 1e6),
    loopDelayMaxMs: round(delay.max / 1e6),
  };
}

async function main(): Promise<void> {
  if (!Number.isInteger(STAFF) || STAFF < 1) throw new Error('--staff ska vara ett positivt heltal');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'infosak-campaign-bench-'));
  const clock = fixedClock(NOW);
  const store = SqliteStore.open(dir, clock);
  const ops = SqliteOperationalStore.open(dir);
  try {
    const filling = Date.now();
    await store.committees.createMany(Array.from({ length: COMMITTEES }, (_, c) => ({ key: `c:${c}`, value: { code: code(c), name: `Nämnd ${c}`, administration: `Förvaltning ${c}` } })));
    const roles: { key: string; value: RoleAssignment }[] = Array.from({ length: STAFF }, (_, n) => ({
      key: `p:${n}`,
      value: { personId: `person-${n}`, displayName: `Person ${n}`, email: `person${n}@sjovik.example`, role: 'medarbetare', committeeCode: code(n % COMMITTEES) },
    }));
    await store.roles.createMany(roles);
    await store.campaigns.create('natfiske', {
      campaignId: 'natfiske-alla-2026-11-23',
      moduleId: 'natfiske',
      audience: 'alla',
      committeeCodes: [],
      startDate: '2026-11-23',
      dueDate: '2026-12-18',
      reminderEveryDays: 7,
      maxReminders: 2,
      createdBy: 'bench',
      createdAt: '2026-11-20T08:00:00.000Z',
    });
    console.log(`${STAFF} medarbetare i ${COMMITTEES} nämnder inlagda på ${Date.now() - filling} ms`);

    const library = loadModuleLibrary(loadConfig({}).learning.dir);
    const committees = new CommitteeDirectory(store, clock);
    const enqueue = (messages: Parameters<typeof ops.outbox.enqueue>[0]) => ops.outbox.enqueue(messages, clock.now().toISOString());
    const notifier = learningNotifier({ store, ops, clock, committees, locale: 'sv', enqueue, library });
    const deps: CampaignDeps = { store, ops, clock, library, notifier, passed: passedFromTallies(store, ops) };
    const outboxCount = async () => (await ops.outbox.campaignSummary('learning:natfiske-alla-2026-11-23')).total;

    // A running server has rendered cards before its first campaign (replies, welcomes): the template engine's one-off start is not the campaign's.
    campaignCard('sv', library.byId('natfiske')!, (await store.campaigns.query())[0]!.value, 0);
    const first = await measuredRun(deps, outboxCount);
    console.log(`  första körningen: ${first.queued} köade på ${first.totalMs} ms; händelseslingans fördröjning p99 ${first.loopDelayP99Ms} ms, max ${first.loopDelayMaxMs} ms`);
    const second = await measuredRun(deps, outboxCount);
    console.log(`  andra körningen: ${second.queued} köade på ${second.totalMs} ms; p99 ${second.loopDelayP99Ms} ms, max ${second.loopDelayMaxMs} ms`);
    const opsDbMB = round(statSync(path.join(dir, 'ops.db')).size / 1e6 + (statSync(path.join(dir, 'ops.db-wal'), { throwIfNoEntry: false })?.size ?? 0) / 1e6);
    const sample = await ops.outbox.get(`learning:natfiske-alla-2026-11-23:0:person-0`);
    const activityBytes = sample ? Buffer.byteLength(JSON.stringify(sample.activity)) : 0;
    // The machine is shared: its load says how much of the delay is other processes' turn on the CPU.
    const loadAverage = round(os.loadavg()[0]!, 2);
    console.log(JSON.stringify({ staff: STAFF, committees: COMMITTEES, first, second, activityBytes, opsDbMB, loadAverage, cpus: os.cpus().length }));
  } finally {
    await store.close();
    await ops.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
