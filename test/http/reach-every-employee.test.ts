import { DEMO_COMMITTEES, demoPersonByPersona } from '../../src/demo/demo-organisation';
import { learningCampaignsJob } from '../../src/jobs/learning-campaigns-job';
import { peopleSyncJob } from '../../src/jobs/people-sync-job';
import { runJob } from '../../src/jobs/run-job';
import { statusTalliesJob } from '../../src/jobs/status-tallies-job';
import type { Campaign } from '../../src/learning/campaign';
import { composeDomain } from '../../src/server/compose-domain';
import { postActivity, startTestApp } from '../support/app-harness';
import { cardsIn, FakeBotConnector, textOfCard } from '../support/fake-bot-connector';
import { demoDirectoryId, fillDemoDirectory } from '../support/graph/demo-directory';
import { startLocalSharePoint, type LocalSharePoint } from '../support/graph/sharepoint-fixture';
import { chatIdOf, LOCAL_TEAMS_APP_ID } from '../support/graph/teams-installations';
import { entraUser, installationUpdateActivity } from '../support/teams-activities';
import { movingClock } from '../support/moving-clock';

const NOW = new Date('2026-11-24T09:00:00Z'); // a Tuesday, 10:00 in Stockholm
// Time moves as it does (a 429's Retry-After must pass), from that morning.
const clock = movingClock(NOW);
const CAMPAIGN: Campaign = {
  campaignId: 'natfiske-sn-2026-11-24',
  moduleId: 'natfiske',
  audience: 'namnder',
  committeeCodes: ['SN'],
  startDate: '2026-11-24',
  dueDate: '2026-12-18',
  reminderEveryDays: 7,
  maxReminders: 2,
  createdBy: demoPersonByPersona('sakerhetsansvarig')!.id,
  createdAt: NOW.toISOString(),
};


/**
 * The whole way to a person who never opened the bot: the people sync reads them from the local
 * Entra ID, a campaign for their committee is queued, the delivery installs the app for them
 * through the local Graph, the local Teams answers the installation with an installationUpdate to
 * the bot, and the card arrives in their new chat.
 */
describe('reaching every employee', () => {
  let sp: LocalSharePoint;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const connector = new FakeBotConnector();
  const blocked = demoDirectoryId(42);
  const neverOpened = demoDirectoryId(41);
  // The app put there by a setup policy before Infosäk ever ran: Teams tells the bot nothing, so the chat is found through Graph.
  const hadTheApp = demoDirectoryId(43);

  beforeAll(async () => {
    sp = await startLocalSharePoint();
    await connector.start();
    fillDemoDirectory(sp.graph.directory);
    sp.graph.installations.blockedUsers.add(blocked);
    sp.graph.installations.preinstalled(hadTheApp);
    // Graph for Entra ID and the installations; the records stay in SQLite.
    const graph = Object.fromEntries(Object.entries(sp.env).filter(([name]) => name.startsWith('GRAPH_')));
    // No demo data: the people come from Entra ID alone, and only this campaign runs.
    app = await startTestApp({ ...graph, SEED_DEMO_DATA: '0', PEOPLE_SYNC: '1', TEAMS_APP_ID: LOCAL_TEAMS_APP_ID, APP_INSTALL_RATE: '30' }, { clock });
    for (const c of DEMO_COMMITTEES) await app.store.committees.create(c.code, c);
    // As Teams does after an installation: the bot is told, in the person's new personal chat.
    sp.graph.installations.onInstalled((userId) => {
      postActivity(app.url, installationUpdateActivity(entraUser(userId), connector.url)).catch(() => undefined);
    });
  });
  afterAll(async () => {
    await app.stop();
    await connector.stop();
    await sp.stop();
  });

  it('installs the app for those who lack it and delivers the campaign card, and says why the one it could not reach was not reached', async () => {
    const domain = composeDomain({ config: app.config, store: app.store, ops: app.ops, clock, logger: app.logger, enqueue: (m) => app.delivery.enqueue(m) });
    // Anna has opened the bot before: she needs no installation.
    const anna = demoPersonByPersona('medarbetare')!;
    await postActivity(app.url, installationUpdateActivity(anna, connector.url));

    expect(await runJob(peopleSyncJob, domain)).toBe(
      'Personsynk (hela katalogen): 336 lästa; 333 medarbetare och förtroendevalda; 333 nya, 0 flyttade, 0 lämnat; 2 utan nämnd: "Överförmyndarkansliet" 1, (inget värde) 1',
    );
    await app.store.campaigns.create(CAMPAIGN.campaignId, CAMPAIGN);
    // Graph throttles the first installations: they wait for Retry-After and are made then.
    sp.graph.installations.throttleNext(3, 1);
    // Socialnämnden from Entra ID: 120 staff, Anna, Sara and Erik, and ten elected officials (one of them also staff).
    expect(await runJob(learningCampaignsJob, domain)).toBe('Utbildningskort köade: 133, påminnelser: 0');
    await app.delivery.drained();

    const summary = await app.delivery.campaignStatus(`learning:${CAMPAIGN.campaignId}`);
    expect(summary).toMatchObject({ total: 133, Sent: 132, AppNotInstalled: 1 });
    expect(await app.ops.outbox.unreachedReasons(`learning:${CAMPAIGN.campaignId}`)).toEqual({ blocked: 1 });
    expect((await app.ops.outbox.messagesOf(`learning:${CAMPAIGN.campaignId}`)).find((m) => m.personId === blocked)?.lastError).toMatch(/appbehörighetsprincip tillåter den inte/);
    expect(sp.graph.installations.stats).toMatchObject({ installed: 130, conflicts: 1, blocked: 1 });
    expect(sp.graph.installations.stats.throttled).toBeGreaterThanOrEqual(3);
    expect(sp.graph.installations.installedFor(anna.id)).toBe(false);

    // The one who never opened the bot: welcomed by the installation, and the card in the same chat.
    const theirs = connector.received.filter((r) => r.conversationId === `a:personal-${entraUser(neverOpened).persona}`);
    const texts = cardsIn(theirs).map(textOfCard);
    expect(texts.some((t) => t.includes('Nätfiske och bedrägeriförsök') && t.includes('En ny kort utbildning för dig.'))).toBe(true);
    expect(await app.ops.installations.get(neverOpened)).toMatchObject({ outcome: 'installed' });
    const inFoundChat = connector.received.filter((r) => r.conversationId === chatIdOf(hadTheApp, LOCAL_TEAMS_APP_ID));
    expect(cardsIn(inFoundChat).map(textOfCard).some((t) => t.includes('Nätfiske och bedrägeriförsök'))).toBe(true);
    expect(await app.ops.installations.get(hadTheApp)).toMatchObject({ outcome: 'alreadyInstalled' });

    // A pass by the one the app could not reach (recorded elsewhere) counts for all staff, not among those reached.
    await app.store.completions.create(`${blocked}:natfiske`, { personId: blocked, moduleId: 'natfiske', moduleVersion: 1, committeeCode: 'SN', completedAt: NOW.toISOString(), score: 1 });
    await runJob(statusTalliesJob, domain);

    // The tab counts every active person of the committee, and beside it those the app reaches.
    const johan = demoPersonByPersona('sakerhetsansvarig')!;
    await app.store.roles.create(`${johan.id}:sakerhetsansvarig:*`, { personId: johan.id, displayName: johan.displayName, email: johan.email, role: 'sakerhetsansvarig', committeeCode: '*' });
    const res = await fetch(`${app.url}/api/tab/overview?year=2026`, { headers: { 'X-Infosak-Demo-User': johan.id } });
    expect(res.status).toBe(200);
    const overview = (await res.json()) as { committees: { code: string; training: { completed: number; expected: number; reached?: { expected: number } } }[] };
    const sn = overview.committees.find((c) => c.code === 'SN')!.training;
    expect(sn).toMatchObject({ completed: 1, expected: 133, reached: { completed: 0, expected: 132, rate: 0 } });
  });
});
