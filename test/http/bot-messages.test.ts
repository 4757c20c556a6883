import { demoPersonByPersona, type DemoPerson } from '../../src/demo/demo-organisation';
import { startTestApp, postActivity } from '../support/app-harness';
import { cardsIn, FakeBotConnector, textOfCard, type ReceivedActivity } from '../support/fake-bot-connector';
import { botAddedActivity, installationUpdateActivity, messageActivity, submitActivity } from '../support/teams-activities';

const person = (persona: string): DemoPerson => {
  const p = demoPersonByPersona(persona);
  if (!p) throw new Error(persona);
  return p;
};

/** Waits until an activity whose card matches `isLast` has arrived, and returns everything that arrived up to it. */
async function waitForLast(connector: FakeBotConnector, isLast: (card: Record<string, unknown>) => boolean): Promise<ReceivedActivity[]> {
  for (let count = 1; ; count++) {
    const received = await connector.waitForActivities(count);
    const index = received.findIndex((r) => cardsIn([r]).some(isLast));
    if (index >= 0) return received.slice(0, index + 1);
  }
}

describe('the bot over HTTP, replying through a Bot Connector', () => {
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
  beforeEach(() => connector.reset());

  it('answers "hjälp" with the help card naming the person and their roles', async () => {
    const res = await postActivity(app.url, messageActivity(person('samordnare'), connector.url, 'hjälp'));
    expect(res.status).toBe(200);
    const received = await connector.waitForActivities(1);
    expect(received[0]!.conversationId).toBe('a:personal-samordnare');
    const [card] = cardsIn(received);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    const text = textOfCard(card);
    expect(text).toContain('Det här kan Infosäk');
    expect(text).toContain('Sara Lind');
    // Each role once, with its committees
    expect(text).toContain('informationssäkerhetssamordnare i Socialnämnden och Kultur- och fritidsnämnden');
    expect(text.match(/informationssäkerhetssamordnare/g)).toHaveLength(1);
    expect(text).toContain('rapportera');
    expect(text).toContain('mina aktiviteter');
  });

  it('understands "help" and a @mention in a channel message', async () => {
    await postActivity(
      app.url,
      messageActivity(person('medarbetare'), connector.url, '<at>Infosäk</at> help', {
        entities: [{ type: 'mention', text: '<at>Infosäk</at>', mentioned: { id: '28:infosak-test-bot', name: 'Infosäk' } }],
      }),
    );
    const [card] = cardsIn(await connector.waitForActivities(1));
    expect(textOfCard(card)).toContain('Anna Andersson – medarbetare i Socialnämnden');
  });

  it('tells someone who is not in the role register that they can still report', async () => {
    const stranger: DemoPerson = { ...person('medarbetare'), persona: 'okand', id: '99999999-0000-4000-8000-000000000099' };
    await postActivity(app.url, messageActivity(stranger, connector.url, 'hjälp'));
    const [card] = cardsIn(await connector.waitForActivities(1));
    expect(textOfCard(card)).toContain('Jag hittar dig inte i kommunens rollregister');
  });

  it('points unknown text to help, in Swedish, and shows the words without markdown', async () => {
    await postActivity(app.url, messageActivity(person('medarbetare'), connector.url, 'vad är **klockan**?'));
    const [reply] = await connector.waitForActivities(1);
    expect(reply!.activity.text).toBe('Jag förstod inte ”vad är klockan?”. Skriv **hjälp** för att se vad jag kan, eller **rapportera** för att rapportera en incident.');
  });

  it('opens the incident form when asked to report, with the person’s förvaltning chosen', async () => {
    await postActivity(app.url, messageActivity(person('medarbetare'), connector.url, 'jag vill anmäla en incident'));
    const [card] = cardsIn(await connector.waitForActivities(1));
    expect(textOfCard(card)).toContain('Rapportera incident eller brist');
    expect(JSON.stringify(card)).toContain('"id":"committeeCode","label":"Förvaltning","isRequired":true,"errorMessage":"Välj förvaltning","value":"SN"');
  });

  it('routes a welcome-card button (Action.Submit) by its verb', async () => {
    await postActivity(app.url, submitActivity(person('medarbetare'), connector.url, { verb: 'learning.list' }));
    await connector.waitForActivities(1);
    expect(textOfCard(cardsIn(connector.received)[0])).toContain('Din utbildning');
  });

  it('welcomes once when the app is installed, although Teams announces it twice', async () => {
    const chef = person('chef');
    expect((await postActivity(app.url, installationUpdateActivity(chef, connector.url))).status).toBe(200);
    expect((await postActivity(app.url, botAddedActivity(chef, connector.url))).status).toBe(200);
    // A later message whose answer comes after anything the two announcements caused: once it is here, all of that is too.
    await postActivity(app.url, messageActivity(chef, connector.url, 'hjälp'));
    const received = await waitForLast(connector, (card) => textOfCard(card).includes('Det här kan Infosäk'));
    const cards = cardsIn(received.slice(0, -1));
    expect(cards).toHaveLength(1);
    const text = textOfCard(cards[0]);
    expect(text).toContain('Välkommen till Infosäk');
    for (const button of ['Rapportera incident', 'Min utbildning', 'Öppna status']) expect(text).toContain(button);
    // A manager coordinates nothing: no button that leads to a refusal
    expect(text).not.toContain('Mina aktiviteter');
  });

  it('remembers the personal chat (tenant, serviceUrl, person) for proactive messages', async () => {
    const dpo = person('dataskyddsombud');
    await postActivity(app.url, messageActivity(dpo, connector.url, 'hjälp'));
    await connector.waitForActivities(1);
    const remembered = await app.ops.conversations.personalChatOf(dpo.id);
    expect(remembered).toMatchObject({
      conversationId: 'a:personal-dataskyddsombud',
      tenantId: '5e7c0f2a-9b1d-4c3e-8f6a-2d4b6c8e0a1f',
      serviceUrl: connector.url,
      conversationType: 'personal',
    });
    expect(remembered!.reference).toMatchObject({ conversation: { id: 'a:personal-dataskyddsombud' }, user: { aadObjectId: dpo.id } });
  });

  it('answers in English when told to follow the Teams locale', async () => {
    const english = await startTestApp({ FOLLOW_TEAMS_LOCALE: '1' });
    try {
      await postActivity(english.url, messageActivity(person('medarbetare'), connector.url, 'help', { locale: 'en-US' }));
      const [card] = cardsIn(await connector.waitForActivities(1));
      expect(textOfCard(card)).toContain('What Infosäk can do');
    } finally {
      await english.stop();
    }
  });
});

describe('the server', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('reports health with version, store and what loaded', async () => {
    const res = await fetch(`${app.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', version: '0.1.0', store: { kind: 'sqlite', status: 'ok', problems: [] }, learningModules: { loaded: 11, broken: 0 } });
  });

  it('serves the tab page at /tab', async () => {
    const res = await fetch(`${app.url}/tab`);
    expect(res.status).toBe(200);
    expect(res.url).toMatch(/\/tab\/$/);
    expect(await res.text()).toContain('<title>Infosäk – status</title>');
  });

  it('serves the channel tab configuration page and its bundle (with the Teams JavaScript library)', async () => {
    const page = await fetch(`${app.url}/tab/config.html`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="config.js">');
    const bundle = await fetch(`${app.url}/tab/config.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect(await bundle.text()).toContain('registerOnSaveHandler');
  });
});

describe('with a MicrosoftAppId configured', () => {
  it('rejects Bot Framework traffic without a token', async () => {
    // botbuilder prints the rejected request itself; keep the test output readable.
    const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const connector = await new FakeBotConnector().start();
    const app = await startTestApp({
      MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
      MicrosoftAppPassword: 'test-secret',
      MicrosoftAppTenantId: '5e7c0f2a-9b1d-4c3e-8f6a-2d4b6c8e0a1f',
      MicrosoftAppType: 'SingleTenant',
    });
    try {
      const res = await postActivity(app.url, messageActivity(person('medarbetare'), connector.url, 'hjälp'));
      // The 401 is the signal: botbuilder answers only after it has refused the request, and no turn ran.
      expect(res.status).toBe(401);
      expect(connector.received).toHaveLength(0);
      expect(String(printed.mock.calls[0]?.[0])).toContain('Unauthorized');
    } finally {
      printed.mockRestore();
      await app.stop();
      await connector.stop();
    }
  });
});
