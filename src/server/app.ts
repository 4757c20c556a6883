import { Cron } from 'croner';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type restify from 'restify';
import { BotConnectorSender } from '../../bot/proactive-sender';
import { InfosakBot } from '../../bot/teams-bot';
import { DeliveryService } from '../delivery/delivery-service';
import { systemClock, type Clock } from '../clock/clock';
import { isLoopbackHost, projectRoot, type AppConfig } from '../config/config';
import { demoUsers, seedDemoDataIfEmpty } from '../demo/seed-demo-data';
import { createLogger, type Logger } from '../logging/logger';
import type { OperationalStore } from '../ops/operational-store';
import { leadershipFor, openOperationalStore } from '../ops/open-operational-store';
import { carryOverWhileLeading } from '../ops/carry-over-sqlite-state';
import { sendAgainIfInDoubt } from '../delivery/in-doubt';
import { openStore } from '../store/open-store';
import { talliedStore } from '../status/status-tallies';
import type { Store } from '../store/store';
import { createBotAdapter } from './bot-adapter';
import { missedRun } from '../jobs/catch-up';
import { JOBS } from '../jobs/job-registry';
import { runJob } from '../jobs/run-job';
import { TaskRunner } from '../ops/task-runner';
import { appInstallerFor } from './app-installer';
import { composeDomain } from './compose-domain';
import { createServer } from './create-server';

export interface RunningApp {
  url: string;
  port: number;
  store: Store;
  ops: OperationalStore;
  logger: Logger;
  server: restify.Server;
  delivery: DeliveryService;
  tasks: TaskRunner;
  close(): Promise<void>;
}

export interface AppOverrides {
  clock?: Clock;
  store?: Store;
  ops?: OperationalStore;
  logger?: Logger;
}

export function statusUrlFor(config: AppConfig, port: number): string {
  // In Teams the button opens the app's own static tab; outside Teams, the page itself.
  if (config.teamsAppId) return `https://teams.microsoft.com/l/entity/${config.teamsAppId}/status`;
  const base = config.port === 0 ? `http://localhost:${port}` : config.publicUrl;
  return `${base}/tab/`;
}

/** How long a stop waits for answers still being sent before it closes their connections. */
const CLOSE_GRACE_MS = 2_000;

/** The composition root: opens the stores, seeds the demo data, wires the bot and starts listening. */
export async function startApp(config: AppConfig, overrides: AppOverrides = {}): Promise<RunningApp> {
  // Local mode logs to a file in DATA_DIR, so that what `npm start` prints is a short block; production logs JSON to stdout.
  const logger = overrides.logger ?? createLogger(config.logLevel, 'infosak', config.localMode ? { file: path.join(config.dataDir, 'infosak.log') } : {});
  const clock = overrides.clock ?? systemClock;
  const ops = overrides.ops ?? (await openOperationalStore(config));
  // Every incident write also updates the status tab's counts (src/status/status-tallies.ts).
  const store = talliedStore(overrides.store ?? (await openStore(config, clock)), ops.tallies, (err) =>
    logger.warn({ err: (err as Error).message }, 'incidenten kunde inte räknas i statusfliken; nattens omräkning rättar det'),
  );

  if (!config.people.sync && (await ops.staff.state())) {
    // A copy of Entra ID nobody keeps current must not go on deciding who works where.
    await ops.staff.clear();
    logger.warn('personsynk avstängd (PEOPLE_SYNC=0): de personer den läst är glömda och rollistan anger åter vilka som är medarbetare');
  }
  const seeded = config.seedDemoData ? await seedDemoDataIfEmpty(store, clock.now()) : undefined;
  if (seeded) logger.info(seeded, 'demodata inlagd');
  if (config.localMode) {
    logger.warn('Lokalt läge: MicrosoftAppId saknas, så Bot Framework-trafik tas emot utan autentisering. Använd aldrig detta i produktion.');
  }

  const adapter = createBotAdapter(config, logger);
  // People without a chat with the bot get the app installed first, where the municipality allows it.
  const install = appInstallerFor(config, ops, logger, clock);
  logger.info({ install: install.why, peopleSync: config.people.sync }, 'att nå alla: installation av appen och personsynk');
  const delivery = new DeliveryService(ops, new BotConnectorSender(adapter.proactive, config.bot.appId), clock, logger, {
    ...config.delivery,
    // A claim on Table Storage is several round trips: four at once keep them from capping the rate (bench:delivery --instances).
    claimsAtOnce: config.ops.kind === 'azure' ? 4 : 1,
    ...(install.installer ? { installer: install.installer } : {}),
  });
  const domain = composeDomain({ config, store, ops, clock, logger, enqueue: (messages) => delivery.enqueue(messages) });
  const tasks = new TaskRunner(ops, domain.incidents.taskHandlers, clock, logger);
  let listeningPort = config.port;
  const bot = new InfosakBot({
    store,
    ops,
    clock,
    logger,
    committees: domain.committees,
    defaultLocale: config.defaultLocale,
    followTeamsLocale: config.followTeamsLocale,
    statusUrl: () => statusUrlFor(config, listeningPort),
    incidents: { rules: domain.incidents.rules, nudgeFollowUp: () => tasks.nudge() },
    learning: domain.learning.settings,
    cardSecret: domain.learning.settings.secret,
    campaigns: domain.learning.campaigns,
    enqueue: (messages) => delivery.enqueue(messages),
    resendUnreached: (personId) => delivery.resendUnreached(personId),
  });
  const server = createServer({
    config,
    adapter,
    bot,
    store,
    ops,
    logger,
    clock,
    library: domain.learning.settings.library,
    campaigns: domain.learning.campaigns,
    modulePreview: domain.learning.preview,
    demoUsers: config.tabDemoUsers ? demoUsers() : [],
    tabDir: path.join(projectRoot(), 'dist', 'tab'),
    incidents: { rules: domain.incidents.rules, openInChat: (reference, personId) => domain.incidents.followUp.notifier.openInChat(reference, personId) },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Local mode answers without sign-in, so by default only this machine reaches it (LISTEN_HOST changes that).
    if (config.listenHost) server.listen(config.port, config.listenHost, () => resolve());
    else server.listen(config.port, () => resolve());
  });
  if (config.localMode && !isLoopbackHost(config.listenHost)) {
    logger.warn(
      `Lokalt läge lyssnar på LISTEN_HOST=${config.listenHost || '(alla adresser)'}: andra datorer på nätet kan då tala med botten och flikens demoläge utan inloggning. Använd 127.0.0.1 om det inte är meningen.`,
    );
  }
  const port = (server.address() as AddressInfo).port;
  listeningPort = port;
  // Scheduled jobs, in Stockholm time; each is also runnable by hand with `npm run job`.
  let schedules: Cron[] = [];
  const startSchedules = (jobsHere: boolean) => {
    const scheduled = JOBS.filter((job) => job.schedule && jobsHere).map((job) => ({
      job,
      schedule: new Cron(job.schedule!, { timezone: 'Europe/Stockholm', protect: true }, async () => {
        await runJob(job, domain).catch((err: unknown) => logger.error({ job: job.name, err: (err as Error).message }, 'schemalagt jobb misslyckades'));
      }),
    }));
    schedules = scheduled.map((s) => s.schedule);
    // Catch up at start on a run missed while the server was down (the jobs are idempotent).
    for (const { job, schedule } of scheduled) {
      void ops.jobRuns
        .latest(job.name)
        .then((last) => (missedRun(schedule.previousRuns(1, clock.now())[0], last) ? schedule.trigger() : undefined))
        .catch((err: unknown) => logger.error({ job: job.name, err: (err as Error).message }, 'schemalagt jobb misslyckades'));
    }
  };
  // The sender, the durable tasks and the jobs run where the lead is: in the one SQLite instance, or in the
  // Azure instance holding the lease (the tenant's rate limit is one budget for all instances).
  const lead = async (jobsHere: boolean) => {
    if (config.ops.kind === 'azure' && !(await carryOverFirst())) return;
    await delivery.start();
    tasks.start();
    startSchedules(jobsHere);
  };
  const follow = async () => {
    schedules.forEach((s) => s.stop());
    schedules = [];
    await tasks.stop();
    await delivery.stop();
  };
  const leadership = await leadershipFor(config, (event, detail) => {
    if (event === 'lead') logger.info('den här instansen leder: skickar, kör uppgifter och schemalagda jobb');
    else if (event === 'failed') logger.error({ detail }, 'ledarens start eller stopp misslyckades');
    else logger.warn({ detail }, event === 'lost' ? 'ledarskapet förlorat: slutar skicka' : 'lämnar ledarskapet');
  });
  // A single instance's ops.db left in DATA_DIR is copied to Azure before anything is sent (the
  // move to several instances). False: the lead was lost meanwhile.
  const carryOverFirst = () =>
    carryOverWhileLeading(config.dataDir, ops, {
      now: () => clock.now(),
      leading: () => leadership?.isLeading() ?? true,
      sendAgain: sendAgainIfInDoubt,
      log: {
        done: (copied) => logger.warn({ copied }, 'driftdata från en instans med SQLite har flyttats till Azure Table Storage'),
        failed: (message) => logger.error({ err: message }, 'driftdata kunde inte flyttas till Azure Table Storage: försöker igen om en minut'),
      },
    });
  // SCHEDULER=0 leaves the jobs to `npm run job` (and, with several instances, the leader takes them by itself).
  if (leadership) leadership.start({ lead: () => lead(config.schedulerEnabled), follow });
  else await lead(config.schedulerEnabled);
  let closed = false;
  return {
    url: `http://localhost:${port}`,
    port,
    store,
    ops,
    logger,
    server,
    delivery,
    tasks,
    async close() {
      if (closed) return;
      closed = true;
      // Requests in flight finish; kept-alive connections are closed as soon as they fall idle
      // instead of holding the close for their idle timeout.
      const sweep = setInterval(() => server.server.closeIdleConnections(), 50);
      // A client that stopped reading a large answer keeps its connection busy for as long as it likes:
      // after a grace period the remaining connections are cut, so stopping never waits on a stranger.
      const cut = setTimeout(() => server.server.closeAllConnections(), CLOSE_GRACE_MS);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.server.closeIdleConnections();
      });
      clearInterval(sweep);
      clearTimeout(cut);
      if (leadership) await leadership.stop();
      else await follow();
      await store.close();
      await ops.close();
    },
  };
}
