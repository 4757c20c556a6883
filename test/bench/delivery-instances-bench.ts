import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/config/config';
import { TEAMS_RATE_LIMITS, type RateWindow } from '../../src/delivery/rate-limits';
import { AzureOperationalStore } from '../../src/ops/azure/azure-operational-store';
import { AzureTables } from '../../src/ops/azure/azure-tables';
import { startAzurite } from '../support/azurite';
import { conversationIdOf, recipientId, rememberRecipients } from '../support/delivery-harness';
import { FakeBotConnector } from '../support/fake-bot-connector';
import { round } from './bench-stats';
import { broadcastFigures } from './delivery-figures';

/**
 * `npm run bench:delivery -- --instances 3 [--crash]`: the broadcast of bench:delivery sent by
 * several app instances sharing one operational store in Azurite (test/support/delivery-instance-child.ts,
 * each wired as the app is: the Azure store, the blob lease, the sender only where the lead is).
 * With --crash the leader is killed with SIGKILL half-way; another instance takes the lease when
 * it runs out (30 s) and sends the rest. The rate is measured over the sending time, the takeover
 * gap left out (it is reported on its own); peak memory is read per process from /proc (VmHWM).
 */
export interface InstancesBenchOptions {
  instances: number;
  crash: boolean;
  recipients: number;
  tenantLimit: RateWindow[];
  allowedPerSecond: number;
  latency: [number, number];
}

const CAMPAIGN = 'bench';
const child = path.join(projectRoot(), 'dist', 'test', 'support', 'delivery-instance-child.js');
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A process's peak resident memory so far, in MB (Linux). */
function peakRssMb(pid: number | undefined): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

type Instance = ReturnType<typeof startInstance>;
type InstanceResult = { led?: boolean; peakRssMb?: number; cpuSeconds?: number; throttled?: number; held?: { count: number; totalMs: number; maxMs: number } };

function startInstance(index: number, env: NodeJS.ProcessEnv, recipients: number, events: { index: number; event: 'lead' | 'follow'; at: number }[]) {
  const proc = spawn(process.execPath, ['--disable-warning=DEP0111', child, String(recipients), CAMPAIGN], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let buffered = '';
  let last: InstanceResult = {};
  const instance = { index, proc, peakRssMb: 0, killed: false, result: () => last, exited: new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code))) };
  proc.stdout!.on('data', (d: Buffer) => {
    buffered += d.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      const parsed = JSON.parse(line) as { event?: 'lead' | 'follow'; at?: number } & InstanceResult;
      if (parsed.event) events.push({ index, event: parsed.event, at: parsed.at! });
      else last = parsed;
    }
  });
  return instance;
}

export async function instancesBench(options: InstancesBenchOptions): Promise<Record<string, unknown>> {
  const { instances: count, crash, recipients, tenantLimit, allowedPerSecond, latency } = options;
  const azurite = await startAzurite();
  const connector = await new FakeBotConnector({
    enforceLimits: true,
    limits: { perTenant: tenantLimit, perConversation: TEAMS_RATE_LIMITS.perConversation },
    latencyMs: latency[0],
    latencyMaxMs: latency[1],
  }).start();
  const prefix = `bench${Date.now().toString(36)}`;
  const ops = await AzureOperationalStore.open(new AzureTables({ connectionString: azurite.connectionString }, prefix));
  const events: { index: number; event: 'lead' | 'follow'; at: number }[] = [];
  const running: Instance[] = [];
  let sampler: NodeJS.Timeout | undefined;
  try {
    // Everyone has a chat with the bot already: 250 at a time, four batches at once.
    const batches = Array.from({ length: Math.ceil(recipients / 250) }, (_, i) => i * 250);
    for (let i = 0; i < batches.length; i += 4) {
      await Promise.all(batches.slice(i, i + 4).map((from) => rememberRecipients(ops, connector.url, Math.min(250, recipients - from), from)));
    }
    const env = {
      ...process.env,
      OPS_STORE: 'azure',
      OPS_STORAGE_CONNECTION_STRING: azurite.connectionString,
      OPS_TABLE_PREFIX: prefix,
      CARD_STATE_SECRET: 'bench-card-secret-shared-by-every-instance',
    };
    for (let i = 0; i < count; i++) running.push(startInstance(i, env, recipients, events));
    let ticks = 0;
    sampler = setInterval(() => {
      for (const instance of running) if (!instance.killed) instance.peakRssMb = Math.max(instance.peakRssMb, peakRssMb(instance.proc.pid) ?? 0);
      // Progress every 10 s on stderr, so a slow run shows where it is.
      if (++ticks % 40 === 0) process.stderr.write(`  … ${connector.received.length} mottagna, 429-svar ${connector.throttled}\n`);
    }, 250);
    const leaderNow = () => {
      const leading = new Map<number, boolean>();
      for (const e of events) leading.set(e.index, e.event === 'lead');
      return [...leading].filter(([, on]) => on).map(([index]) => index);
    };

    let crashFigures: Record<string, number> | undefined;
    let killAt = 0;
    if (crash) {
      await connector.waitForActivities(Math.floor(recipients / 2), 3_600_000);
      const leaders = leaderNow();
      if (leaders.length !== 1) throw new Error(`väntade en ledare, fann ${leaders.length}`);
      const leader = running[leaders[0]!]!;
      leader.peakRssMb = Math.max(leader.peakRssMb, peakRssMb(leader.proc.pid) ?? 0);
      killAt = Date.now();
      leader.killed = true;
      leader.proc.kill('SIGKILL');
      const unansweredAtKill = connector.unanswered;
      await leader.exited;
      // Requests the dead process had written are still read and recorded; give them time to arrive.
      await wait(500);
      const arrived = connector.countsByConversation();
      const sending = (await ops.outbox.messagesOf(CAMPAIGN)).filter((m) => m.status === 'Sending');
      const handedOver = sending.filter((m) => m.handedOverAt);
      const inFlightAtKill = handedOver.filter((m) => arrived.has(conversationIdOf(Number(m.personId.slice(-12))))).length;
      console.log(`Ledaren (instans ${leader.index + 1}) dödad (SIGKILL) efter ${connector.received.length} meddelanden, ${inFlightAtKill} under sändning; väntar på att en annan tar över …`);
      while (!events.some((e) => e.event === 'lead' && e.at > killAt)) await wait(100);
      const takeover = events.find((e) => e.event === 'lead' && e.at > killAt)!;
      const firstAfter = await (async () => {
        for (;;) {
          const next = connector.received.find((r) => r.at >= takeover.at);
          if (next) return next;
          await wait(50);
        }
      })();
      crashFigures = {
        sendingAtKill: sending.length,
        handedOverAtKill: handedOver.length,
        inFlightAtKill,
        unansweredAtKill,
        takeoverSeconds: round((takeover.at - killAt) / 1000, 1),
        firstSendAfterKillSeconds: round((firstAfter.at - killAt) / 1000, 1),
      };
    }
    // Done when everyone has it, or nothing more has arrived for 20 s (what is missing then is counted as lost).
    const deadline = Date.now() + 3_600_000;
    for (let quietSince = Date.now(), seen = -1; connector.countsByConversation().size < recipients; await wait(500)) {
      if (Date.now() > deadline) throw new Error('sändningen blev inte klar inom en timme');
      if (connector.received.length !== seen) [seen, quietSince] = [connector.received.length, Date.now()];
      if (Date.now() - quietSince > 20_000) break;
    }
    // A moment for a duplicate still on its way to arrive before counting.
    await wait(2000);
    clearInterval(sampler);
    for (const instance of running) if (!instance.killed) instance.peakRssMb = Math.max(instance.peakRssMb, peakRssMb(instance.proc.pid) ?? 0);
    for (const instance of running) if (!instance.killed) instance.proc.kill('SIGTERM');
    for (const instance of running) if ((await instance.exited) !== 0 && !instance.killed) throw new Error(`instans ${instance.index + 1} misslyckades`);

    const received = [...connector.received];
    // The sending runs: before the new leader took over, and after it (the takeover gap is reported on its own).
    const takeoverAt = crash ? events.find((e) => e.event === 'lead' && e.at > killAt)!.at : Infinity;
    const runs = [received.filter((r) => r.at < takeoverAt), received.filter((r) => r.at >= takeoverAt)].filter((r) => r.length > 0);
    const { missing, duplicated, seconds, achievedPerSecond } = broadcastFigures(connector, recipients, runs);
    const lost = missing.length;
    // What became of each missing one: its outbox record and the Bot Connector's answers to it.
    const messages = new Map((await ops.outbox.messagesOf(CAMPAIGN)).map((m) => [m.personId, m]));
    for (const n of missing) {
      const m = messages.get(recipientId(n));
      const answers = connector.requests.filter((r) => r.conversationId === conversationIdOf(n)).map((r) => `${r.answer}@${r.at - killAt} ms`);
      console.log(`  saknas: mottagare ${n}: ${m?.status} ${m?.lastError ?? ''}, svar från Bot Connector: ${answers.join(', ') || 'inga'}`);
    }
    return {
      recipients,
      instances: count,
      mode: crash ? 'crash' : 'normal',
      store: 'azurite',
      tenantLimitPerSecond: allowedPerSecond,
      latencyMs: `${latency[0]}-${latency[1]}`,
      seconds: round(seconds),
      achievedPerSecond: round(achievedPerSecond, 2),
      achievedPerAllowed: round(achievedPerSecond / allowedPerSecond, 3),
      lost,
      duplicated,
      ...(crashFigures ?? {}),
      throttled: connector.throttled,
      // Sends the departures' gate held after their hand-over was written: a crash meanwhile would find one in doubt.
      heldAtLeaving: running.reduce((n, i) => n + (i.result().held?.count ?? 0), 0),
      heldAtLeavingMs: running.reduce((n, i) => n + (i.result().held?.totalMs ?? 0), 0),
      heldAtLeavingMaxMs: Math.max(0, ...running.map((i) => i.result().held?.maxMs ?? 0)),
      leaders: events.filter((e) => e.event === 'lead').length,
      peakRssMbPerProcess: running.map((i) => i.peakRssMb),
    };
  } finally {
    clearInterval(sampler);
    for (const instance of running) if (instance.proc.exitCode === null) instance.proc.kill('SIGKILL');
    await ops.close();
    await connector.stop();
    await azurite.stop();
  }
}
