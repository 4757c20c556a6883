import { demoPersonByPersona } from '../../src/demo/demo-organisation';
import { startTestApp, postActivity } from '../support/app-harness';
import { FakeBotConnector } from '../support/fake-bot-connector';
import { executeActivity, submitActivity } from '../support/teams-activities';

/** Card verbs are looked up as the bot's own, never as what every JavaScript object inherits. */
describe('card verbs named like inherited properties', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const connector = new FakeBotConnector();
  beforeAll(async () => {
    await connector.start();
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
    await connector.stop();
  });

  const anna = demoPersonByPersona('medarbetare')!;
  it.each(['toString', 'valueOf', 'constructor', '__proto__', 'hasOwnProperty'])('answers "%s" as an unknown action, over Action.Execute and Action.Submit', async (verb) => {
    const res = await postActivity(app.url, executeActivity(anna, connector.url, verb, {}));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Skriv **hjälp** för att se vad jag kan.' });

    connector.reset();
    expect((await postActivity(app.url, submitActivity(anna, connector.url, { verb }))).status).toBe(200);
    const [reply] = await connector.waitForActivities(1);
    expect(reply!.activity).toMatchObject({ text: 'Skriv **hjälp** för att se vad jag kan.' });
  });
});
