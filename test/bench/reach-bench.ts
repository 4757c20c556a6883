import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { DEMO_COMMITTEES, DEMO_TENANT_ID } from '../../src/demo/demo-organisation';
import { learningCampaignsJob } from '../../src/jobs/learning-campaigns-job';
import { peopleSyncJob } from '../../src/jobs/people-sync-job';
import { runJob } from '../../src/jobs/run-job';
import type { Campaign } from '../../src/learning/campaign';
import { createLogger } from '../../src/logging/logger';
import { startApp } from '../../src/server/app';
import { composeDomain } from '../../src/server/compose-domain';
import { postActivity } from '../support/app-harness';
import { FakeBotConnector } from '../support/fake-bot-connector';
import { ELECTED_GROUPS } from '../support/graph/demo-directory';
import { startLocalSharePoint } from '../support/graph/sharepoint-fixture';
import { LOCAL_TEAMS_APP_ID } from '../support/graph/teams-installations';
import { entraUser, installationUpdateActivity } from '../support/teams-activities';
import { round } from './bench-stats';
import { movingClock } from '../support/moving-clock';

/**
 * `npm run bench:reach [-- --users 15000] [--audience 5000] [--without-app 4000] [--blocked 40] [--install-rate 20] [--graph-latency 80]`:
 * the people sync over a local Entra ID of 15,000 users (first a full read, then a delta of 50
 * changes: Graph requests and time for each), then one campaign to the 5,000 people of one
 * committee, 4,000 of whom lack the app (40 of those blocked by the tenant's app policy). The app
 * runs whole, in this process: it installs the app through the local Graph (which answers after
 * `--graph-latency` ms and allows 30 installations a second), the local Teams answers each
 * installation with an installationUpdate to the bot, and the cards go through the local Bot
 * Connector (150–400 ms, Teams' 50 a second per tenant enforced with 429s). Reported: installations
 * made, messages delivered, the share reached, and the time against the least the limits allow.
 * The last line is one JSON object.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const USERS = option('--users', 15_000);
const AUDIENCE = option('--audience', 5_000);
const WITHOUT_APP = option('--without-app', 4_000);
const BLOCKED = option('--blocked', 40);
const INSTALL_RATE = option('--install-rate', 20);
const GRAPH_LATENCY = option('--graph-latency', 80);
/** Microsoft's documented ceilings: POST installedApps 30/s per app and tenant; bot messages 50/s per app and tenant. */
const GRAPH_INSTALLS_PER_SECOND = 30;
const TEAMS_MESSAGES_PER_SECOND = 50;

const ADMINISTRATIONS = DEMO_COMMITTEES.map((c) => c.administration);
const userId = (n: number) => `b0b0b0b0-0000-4000-8000-${String(n).padStart(12, '0')}`;
// The campaign's committee, SN, takes the first AUDIENCE people; the rest are spread over the others.
const departmentOf = (n: number) => (n <= AUDIENCE ? 'Socialförvaltningen' : ADMINISTRATIONS.filter((a) => a !== 'Socialförvaltningen')[n % 4]!);

async function main(): Promise<void> {
  const sp = await startLocalSharePoint();
  const connector = await new FakeBotConnector({ enforceLimits: true, latencyMs: 150, latencyMaxMs: 400 }).start();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'infosak-reach-bench-'));
  // A weekday morning in Stockholm, moving with real time: campaign cards go out only in working hours.
  const clock = movingClock(new Date('2026-11-24T09:00:00Z'));
  try {
    for (let n = 1; n <= USERS; n++) sp.graph.directory.put({ id: userId(n), displayName: `Person ${n}`, mail: `person${n}@sjovik.example`, accountEnabled: true, department: departmentOf(n) });
    for (const group of Object.values(ELECTED_GROUPS)) sp.graph.directory.addGroup(group);
    sp.graph.faults = { ...sp.graph.faults, latencyMs: GRAPH_LATENCY };

    const graphEnv = Object.fromEntries(Object.entries(sp.env).filter(([name]) => name.startsWith('GRAPH_')));
    const config = loadConfig({
      ...graphEnv,
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      PLAYGROUND: '0',
      SCHEDULER: '0',
      SEED_DEMO_DATA: '0',
      PEOPLE_SYNC: '1',
      TEAMS_APP_ID: LOCAL_TEAMS_APP_ID,
      APP_INSTALL_RATE: String(INSTALL_RATE),
      STATUS_CACHE_SECONDS: '0',
    });
    const app = await startApp(config, { clock, logger: createLogger('silent') });
    for (const c of DEMO_COMMITTEES) await app.store.committees.create(c.code, c);
    const domain = composeDomain({ config, store: app.store, ops: app.ops, clock, logger: app.logger, enqueue: (m) => app.delivery.enqueue(m) });
    sp.graph.installations.onInstalled((id) => {
      postActivity(app.url, installationUpdateActivity(entraUser(id), connector.url)).catch(() => undefined);
    });

    const directoryRequests = () => sp.graph.log.filter((r) => r.url.includes('/users/delta') || r.url.includes('/transitiveMembers')).length;
    sp.graph.resetStats();
    let t = performance.now();
    const firstSummary = await runJob(peopleSyncJob, domain);
    const firstSync = { users: USERS, graphRequests: directoryRequests(), seconds: round((performance.now() - t) / 1000, 2) };
    console.log(`${firstSummary} (${firstSync.seconds} s, ${firstSync.graphRequests} Graph-anrop)`);

    // 50 changes: 20 move, 10 leave, 10 are disabled, 10 are hired.
    for (let i = 0; i < 20; i++) sp.graph.directory.put({ ...sp.graph.directory.users.get(userId(AUDIENCE + 1 + i))!, department: 'Kommunledningskontoret' });
    for (let i = 0; i < 10; i++) sp.graph.directory.remove(userId(USERS - i));
    for (let i = 0; i < 10; i++) sp.graph.directory.put({ ...sp.graph.directory.users.get(userId(USERS - 100 - i))!, accountEnabled: false });
    for (let i = 0; i < 10; i++) sp.graph.directory.put({ id: userId(USERS + 1 + i), displayName: `Ny ${i}`, mail: `ny${i}@sjovik.example`, accountEnabled: true, department: 'Kultur- och fritidsförvaltningen' });
    sp.graph.resetStats();
    t = performance.now();
    const deltaSummary = await runJob(peopleSyncJob, domain);
    const deltaSync = { changes: 50, graphRequests: directoryRequests(), seconds: round((performance.now() - t) / 1000, 2) };
    console.log(`${deltaSummary} (${deltaSync.seconds} s, ${deltaSync.graphRequests} Graph-anrop)`);

    // Those who have the app already have a chat the bot knows; the rest do not, and some of them never can.
    for (let n = WITHOUT_APP + 1; n <= AUDIENCE; n++) {
      const id = userId(n);
      sp.graph.installations.preinstalled(id);
      await app.ops.conversations.remember({
        conversationId: `a:personal-${entraUser(id).persona}`,
        personId: id,
        tenantId: DEMO_TENANT_ID,
        serviceUrl: connector.url,
        conversationType: 'personal',
        reference: { channelId: 'msteams', serviceUrl: connector.url, conversation: { id: `a:personal-${entraUser(id).persona}`, conversationType: 'personal', tenantId: DEMO_TENANT_ID }, user: { id: `29:${id}`, aadObjectId: id }, bot: { id: '28:infosak-test-bot', name: 'Infosäk' } },
        updatedAt: clock.now().toISOString(),
      });
    }
    for (let n = 1; n <= BLOCKED; n++) sp.graph.installations.blockedUsers.add(userId(n * Math.floor(WITHOUT_APP / BLOCKED)));
    const campaign: Campaign = {
      campaignId: 'natfiske-sn-bench',
      moduleId: 'natfiske',
      audience: 'namnder',
      committeeCodes: ['SN'],
      startDate: '2026-11-24',
      dueDate: '2026-12-18',
      reminderEveryDays: 7,
      maxReminders: 2,
      createdBy: 'bench',
      createdAt: clock.now().toISOString(),
    };
    await app.store.campaigns.create(campaign.campaignId, campaign);
    sp.graph.resetStats();
    sp.graph.installations.resetStats();
    connector.reset();
    t = performance.now();
    console.log(await runJob(learningCampaignsJob, domain));
    await app.delivery.drained(200);
    const seconds = round((performance.now() - t) / 1000, 1);

    const summary = await app.delivery.campaignStatus(`learning:${campaign.campaignId}`);
    const reasons = await app.ops.outbox.unreachedReasons(`learning:${campaign.campaignId}`);
    const installs = sp.graph.installations.stats;
    const messagesThroughTeams = connector.received.length; // the cards and the welcome each installation brings
    const minimumSeconds = round(Math.max(installs.installed / GRAPH_INSTALLS_PER_SECOND, messagesThroughTeams / TEAMS_MESSAGES_PER_SECOND), 1);
    const result = {
      bench: 'reach',
      firstSync,
      deltaSync,
      campaign: {
        audience: summary.total,
        withoutApp: WITHOUT_APP,
        installRequests: installs.requests,
        installed: installs.installed,
        blockedByPolicy: installs.blocked,
        graph429: installs.throttled,
        delivered: summary.Sent,
        notReached: reasons,
        reachedShare: round(summary.Sent / summary.total, 4),
        messagesThroughTeams,
        teams429: connector.throttled,
        seconds,
        minimumSeconds,
        installRate: INSTALL_RATE,
      },
    };
    console.log(
      `Kampanj till ${summary.total}: ${summary.Sent} nådda (${round(result.campaign.reachedShare * 100, 1)} %), ${installs.installed} installationer, ${installs.blocked} stoppade av policy; ${seconds} s mot minst ${minimumSeconds} s inom Graphs och Teams gränser`,
    );
    await app.close();
    console.log(JSON.stringify(result));
  } finally {
    await connector.stop();
    await sp.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
