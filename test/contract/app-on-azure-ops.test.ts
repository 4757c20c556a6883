import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoPersonByPersona } from '../../src/demo/demo-organisation';
import { postActivity, startTestApp } from '../support/app-harness';
import { startAzurite, type Azurite } from '../support/azurite';
import { cardsIn, FakeBotConnector, textOfCard } from '../support/fake-bot-connector';
import { installationUpdateActivity } from '../support/teams-activities';

/**
 * The app on the operational store in Azure Table Storage (OPS_STORE=azure, Azurite started by the
 * test): it takes the lead, remembers a chat, and sends a card through the outbox there; started on
 * the DATA_DIR of a single instance on SQLite, it carries that instance's state over first.
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

  it('moves a single instance’s state over when it first leads: who can be reached, what waits, and nothing sent goes out again', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'infosak-move-'));
    const johan = demoPersonByPersona('sakerhetsansvarig')!;
    try {
      // One instance on SQLite: a chat, a card sent, and a message still waiting when it stops.
      const single = await startTestApp({ DATA_DIR: dir, CARD_STATE_SECRET: 'a-card-secret-shared-by-every-instance' });
      await postActivity(single.url, installationUpdateActivity(johan, connector.url));
      connector.reset();
      await fetch(`${single.url}/api/tab/admin/modules/natfiske/preview`, { method: 'POST', headers: { 'X-Infosak-Demo-User': johan.id } });
      await connector.waitForActivities(1);
      await single.delivery.drained();
      await single.delivery.stop();
      await single.delivery.enqueue([{ key: 'test:väntar', campaignId: 'test', personId: johan.id, activity: { type: 'message', text: 'Väntade i kön vid flytten' } }]);
      await single.stop();
      connector.reset();

      const prefix = `move${Date.now().toString(36)}`;
      const moved = await startTestApp({ DATA_DIR: dir, CARD_STATE_SECRET: 'a-card-secret-shared-by-every-instance', OPS_STORE: 'azure', OPS_STORAGE_CONNECTION_STRING: azurite.connectionString, OPS_TABLE_PREFIX: prefix });
      try {
        // What waited is sent from Azure, once; the card sent before is known there and not sent again.
        const [message] = await connector.waitForActivities(1, 30_000);
        expect((message!.activity as { text?: string }).text).toBe('Väntade i kön vid flytten');
        await moved.delivery.drained();
        expect(connector.received).toHaveLength(1);
        expect(await moved.ops.outbox.campaignSummary('learning:forhandsvisning:natfiske')).toMatchObject({ total: 1, Sent: 1 });
        expect(await moved.ops.conversations.personalChatOf(johan.id)).toMatchObject({ conversationType: 'personal' });
        // Done once: the file is kept under another name, and the next start copies nothing.
        expect(readdirSync(dir).filter((f) => f.startsWith('ops.db'))).toEqual([expect.stringMatching(/^ops\.db\.flyttad-\d{4}-\d{2}-\d{2}T[\d-]+Z$/)]);
      } finally {
        await moved.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
