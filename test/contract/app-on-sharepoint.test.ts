import { demoPersonByPersona } from '../../src/demo/demo-organisation';
import { startTestApp, postActivity } from '../support/app-harness';
import { cardsIn, FakeBotConnector, textOfCard } from '../support/fake-bot-connector';
import { startLocalSharePoint, type LocalSharePoint } from '../support/graph/sharepoint-fixture';
import { messageActivity } from '../support/teams-activities';

describe('the app with STORE=sharepoint', () => {
  let sp: LocalSharePoint;
  const connector = new FakeBotConnector();
  beforeAll(async () => {
    sp = await startLocalSharePoint();
    await connector.start();
  });
  afterAll(async () => {
    await connector.stop();
    await sp.stop();
  });

  it('refuses to start on an unprovisioned site, naming the missing lists', async () => {
    await expect(startTestApp(sp.env)).rejects.toThrow(/Listan "Infosak Namnder" saknas på webbplatsen[\s\S]*Listan "Infosak Granskningslogg" saknas/);
  });

  it('seeds the demo data into SharePoint, answers from it, and reports a list deleted later', async () => {
    await sp.provision();
    // Health is checked at every probe here (HEALTH_CACHE_SECONDS=0), so the deleted list shows at once.
    const app = await startTestApp({ ...sp.env, SEED_DEMO_DATA: '1', HEALTH_CACHE_SECONDS: '0' });
    try {
      expect(await (await fetch(`${app.url}/api/health`)).json()).toMatchObject({ status: 'ok', store: { kind: 'sharepoint', status: 'ok' } });
      await postActivity(app.url, messageActivity(demoPersonByPersona('samordnare')!, connector.url, 'hjälp'));
      const [card] = cardsIn(await connector.waitForActivities(1));
      expect(textOfCard(card)).toContain('informationssäkerhetssamordnare i Socialnämnden och Kultur- och fritidsnämnden');
      const statuses = [...sp.site.lists.values()].find((l) => l.displayName === 'Infosak Aktivitetsstatus')!;
      expect(statuses.items.size).toBe(39); // the 2022 follow-up on Kommunstyrelsen (16) and the other nämnder's demo statuses (23)
      // Someone deletes a list on the site: health says which, with 503, so the instance is taken out of rotation.
      const audit = [...sp.site.lists.entries()].find(([, l]) => l.displayName === 'Infosak Granskningslogg')!;
      sp.site.lists.delete(audit[0]);
      const degraded = await fetch(`${app.url}/api/health`);
      expect(degraded.status).toBe(503);
      expect(await degraded.json()).toMatchObject({ status: 'degraded', store: { status: 'schema-missing', problems: ['Infosak Granskningslogg: listan saknas'] } });
    } finally {
      await app.stop();
    }
  });
});
