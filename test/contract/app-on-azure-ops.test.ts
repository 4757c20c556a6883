import { demoPersonByPersona } from '../../src/demo/demo-organisation';
import { postActivity, startTestApp } from '../support/app-harness';
import { startAzurite, type Azurite } from '../support/azurite';
import { cardsIn, FakeBotConnector, textOfCard } from '../support/fake-bot-connector';
import { installationUpdateActivity } from '../support/teams-activities';

/**
 * The app on the operational store in Azure Table Storage (OPS_STORE=azure, Azurite started by the
 * test): it takes the lead, remembers a chat, and sends a card through the outbox there.
 */
describe('the app with OPS_STORE=azure', () => {
  let azurite: Azurite;
  const connector = new FakeBotConnector();
  beforeAll(async () => {
    azurite = await startAzurite();
    await connector.start();
  }, 30_000);
  afterAll(async () => {
    await connector.stop();
    await azurite?.stop();
  });

  it('sends a card queued in the Azure outbox, from the instance that leads', async () => {
    const app = await startTestApp({ CARD_STATE_SECRET: 'a-card-secret-shared-by-every-instance', OPS_STORE: 'azure', OPS_STORAGE_CONNECTION_STRING: azurite.connectionString, OPS_TABLE_PREFIX: `app${Date.now().toString(36)}` });
    try {
      const johan = demoPersonByPersona('sakerhetsansvarig')!;
      await postActivity(app.url, installationUpdateActivity(johan, connector.url));
      expect(await app.ops.conversations.personalChatOf(johan.id)).toMatchObject({ conversationType: 'personal' });
      connector.reset();
      const res = await fetch(`${app.url}/api/tab/admin/modules/natfiske/preview`, { method: 'POST', headers: { 'X-Infosak-Demo-User': johan.id } });
      expect(res.status).toBe(200);
      const [card] = cardsIn(await connector.waitForActivities(1));
      expect(textOfCard(card)).toContain('Nätfiske och bedrägeriförsök');
      await app.delivery.drained();
      expect(await app.ops.outbox.pendingCount()).toBe(0);
    } finally {
      await app.stop();
    }
  }, 60_000);
});
