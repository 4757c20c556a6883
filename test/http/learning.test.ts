import { demoPersonByPersona, type DemoPerson } from '../../src/demo/demo-organisation';
import { signState, type ModuleCardState } from '../../src/learning/module-card-state';
import { loadModuleLibrary } from '../../src/learning/module-library';
import { loadConfig } from '../../src/config/config';
import { startTestApp, postActivity } from '../support/app-harness';
import { cardsIn, FakeBotConnector, textOfCard } from '../support/fake-bot-connector';
import { executeActivity, installationUpdateActivity, messageActivity, submitActivity } from '../support/teams-activities';
import { composeDomain } from '../../src/server/compose-domain';
import { learningCampaignsJob } from '../../src/jobs/learning-campaigns-job';
import { runJob } from '../../src/jobs/run-job';

const person = (persona: string): DemoPerson => demoPersonByPersona(persona)!;
const SECRET = 'test-secret-for-module-cards-0123456789';
const library = loadModuleLibrary(loadConfig({}).learning.dir);

type Card = Record<string, unknown> & { actions?: { title: string; verb: string; data: Record<string, unknown> }[] };

/** Stepping through a module over HTTP with real adaptiveCard/action invokes, as Teams sends them. */
describe('a nano-learning module inside the card', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const connector = new FakeBotConnector();
  beforeAll(async () => {
    await connector.start();
    // The overview read at every request, so the test sees a pass counted at once (the clock here stands still).
    app = await startTestApp({ CARD_STATE_SECRET: SECRET, STATUS_CACHE_SECONDS: '0' }, { clock: { now: () => new Date('2026-11-23T09:00:00Z') } });
  });
  afterAll(async () => {
    await app.stop();
    await connector.stop();
  });
  beforeEach(() => connector.reset());

  const invoke = async (who: DemoPerson, verb: string, data: Record<string, unknown>) => {
    const res = await postActivity(app.url, executeActivity(who, connector.url, verb, data));
    expect(res.status).toBe(200);
    return ((await res.json()) as { value: unknown }).value;
  };
  const asCard = (value: unknown): Card => {
    expect(typeof value).toBe('object');
    return value as Card;
  };
  const press = async (who: DemoPerson, card: Card, title: string, inputs: Record<string, unknown> = {}) => {
    const action = card.actions?.find((a) => a.title === title);
    if (!action) throw new Error(`no "${title}" on the card; it has ${card.actions?.map((a) => a.title).join(', ')}`);
    return invoke(who, action.verb, { ...action.data, ...inputs });
  };
  const completionsOf = async (who: DemoPerson) => (await app.store.completions.query({ field: 'personId', op: 'eq', value: who.id })).map((c) => c.value);
  const module = (id: string) => library.byId(id)!;
  const rightChoice = (moduleId: string, q: number) => String(module(moduleId).quiz[q]!.choices.findIndex((c) => c.correct));
  const wrongChoice = (moduleId: string, q: number) => String(module(moduleId).quiz[q]!.choices.findIndex((c) => !c.correct));

  /** From "Starta" to the first question. */
  const toQuiz = async (who: DemoPerson, moduleId: string): Promise<Card> => {
    let card = asCard(await invoke(who, 'learning.start', { moduleId }));
    for (let i = 0; i < module(moduleId).steps.length; i++) {
      expect(textOfCard(card)).toContain(`Steg ${i + 1} av ${module(moduleId).steps.length}`);
      card = asCard(await press(who, card, i + 1 === module(moduleId).steps.length ? 'Till frågorna' : 'Nästa'));
    }
    return card;
  };

  it('lists what the person has left after `utbildning`, with one click to start the first', async () => {
    await postActivity(app.url, messageActivity(person('medarbetare'), connector.url, 'utbildning'));
    const [card] = cardsIn(connector.received);
    const text = textOfCard(card);
    expect(text).toContain('Din utbildning');
    expect(text).toContain('Du har 11 utbildningar att gå.');
    expect(text).toContain('Nätfiske och bedrägeriförsök');
    expect(text).toContain('Starta');
    expect(text).not.toContain('Starta nu');
  });

  type Figure = { completed: number; expected: number };
  const trainingInOverview = async () => {
    const res = await fetch(`${app.url}/api/tab/overview?year=2026`, { headers: { 'X-Infosak-Demo-User': person('sakerhetsansvarig').id } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { training: { overall: Figure }; committees: { code: string; training: Figure }[] };
    return { overall: body.training.overall, sn: body.committees.find((c) => c.code === 'SN')!.training };
  };

  it('steps through a module, gives feedback on each answer and records the completion when the quiz is passed', async () => {
    const anna = person('medarbetare');
    const before = await trainingInOverview();
    let card = await toQuiz(anna, 'natfiske');
    expect(textOfCard(card)).toContain('Fråga 1 av 2');
    card = asCard(await press(anna, card, 'Svara', { answer: rightChoice('natfiske', 0) }));
    expect(textOfCard(card)).toContain('Rätt!');
    expect(textOfCard(card)).toContain('Rapportera så att fler kan varnas');
    card = asCard(await press(anna, card, 'Nästa fråga'));
    expect(textOfCard(card)).toContain('Fråga 2 av 2');
    expect(await completionsOf(anna)).toEqual([]);
    const last = card;
    card = asCard(await press(anna, last, 'Svara', { answer: rightChoice('natfiske', 1) }));
    expect(textOfCard(card)).toContain('Godkänt – 2 av 2 rätt');
    expect(await completionsOf(anna)).toEqual([
      { personId: anna.id, moduleId: 'natfiske', moduleVersion: 1, committeeCode: 'SN', completedAt: '2026-11-23T09:00:00.000Z', score: 1 },
    ]);
    // The status tab counts it at once, for her committee and in all: natfiske is the demo campaign for everyone.
    const after = await trainingInOverview();
    expect(after.overall).toMatchObject({ completed: before.overall.completed + 1, expected: before.overall.expected });
    expect(after.sn).toMatchObject({ completed: before.sn.completed + 1, expected: before.sn.expected });
    // The same click again (a double click, or Teams resending the invoke) stores nothing more, and counts nothing more.
    await press(anna, last, 'Svara', { answer: rightChoice('natfiske', 1) });
    expect(await completionsOf(anna)).toHaveLength(1);
    expect(await trainingInOverview()).toEqual(after);
    // The list now has it under "Klara", to retake.
    const list = asCard(await press(anna, card, 'Min utbildning'));
    expect(textOfCard(list)).toContain('Du har 10 av 11 utbildningar kvar.');
    expect(textOfCard(list)).toContain('Klar 23 november 2026');
    expect(textOfCard(list)).toContain('Gör om');
  });

  it('does not pass a quiz below the threshold, and lets the person try again at once', async () => {
    const per = person('fortroendevald');
    let card = await toQuiz(per, 'sekretess-och-epost');
    card = asCard(await press(per, card, 'Svara', { answer: wrongChoice('sekretess-och-epost', 0) }));
    expect(textOfCard(card)).toContain('Inte rätt');
    card = asCard(await press(per, card, 'Nästa fråga'));
    card = asCard(await press(per, card, 'Svara', { answer: rightChoice('sekretess-och-epost', 1) }));
    expect(textOfCard(card)).toContain('Inte godkänt än – 1 av 2 rätt');
    expect(textOfCard(card)).toContain('Det behövs 2 rätt av 2');
    expect(await completionsOf(per)).toEqual([]);
    card = asCard(await press(per, card, 'Försök igen'));
    expect(textOfCard(card)).toContain('Fråga 1 av 2');
    card = asCard(await press(per, card, 'Svara', { answer: rightChoice('sekretess-och-epost', 0) }));
    card = asCard(await press(per, card, 'Nästa fråga'));
    card = asCard(await press(per, card, 'Svara', { answer: rightChoice('sekretess-och-epost', 1) }));
    expect(textOfCard(card)).toContain('Godkänt');
    expect(await completionsOf(per)).toMatchObject([{ moduleId: 'sekretess-och-epost', committeeCode: 'SN', score: 1 }]);
  });

  it('asks for an answer when none was chosen, and records nothing', async () => {
    const erik = person('chef');
    const card = await toQuiz(erik, 'reservrutiner');
    expect(await press(erik, card, 'Svara')).toBe('Välj ett av svarsalternativen innan du klickar på Svara.');
    expect(await press(erik, card, 'Svara', { answer: '7' })).toBe('Det går inte att göra det härifrån – kortet har redan gått vidare. Skriv **utbildning** för att fortsätta.');
  });

  it('refuses forged or someone else’s card state, and records nothing', async () => {
    const anna = person('medarbetare');
    const sara = person('samordnare');
    const card = await toQuiz(anna, 'ratt-behorighet');
    const { state, sig } = card.actions!.find((a) => a.title === 'Svara')!.data as { state: ModuleCardState; sig: string };
    const refused = 'Kortet kunde inte kontrolleras, så ingenting registrerades. Skriv **utbildning** för att börja om.';
    // Jumping to the last question with the first answer already "right", keeping the signature.
    const forged = { ...state, p: state.p + 1, a: [Number(rightChoice('ratt-behorighet', 0))] };
    expect(await invoke(anna, 'learning.answer', { state: forged, sig, answer: rightChoice('ratt-behorighet', 1) })).toBe(refused);
    // Anna's card answered by Sara.
    expect(await invoke(sara, 'learning.answer', { state, sig, answer: rightChoice('ratt-behorighet', 0) })).toBe(refused);
    // No signature at all, or something that is not a state.
    expect(await invoke(anna, 'learning.next', { state })).toBe(refused);
    expect(await invoke(anna, 'learning.next', { state: 'x', sig: 'y' })).toBe(refused);
    // A signed state that does not fit the module (say, from a hand-made card): refused too.
    const impossible = { ...state, p: 99 };
    expect(await invoke(anna, 'learning.next', { state: impossible, sig: signState(SECRET, anna.id, impossible) })).toBe(refused);
    expect(await completionsOf(sara)).toEqual([]);
    expect((await completionsOf(anna)).filter((c) => c.moduleId === 'ratt-behorighet')).toEqual([]);
  });

  it('offers a fresh start when the module has changed since the card was made', async () => {
    const anna = person('medarbetare');
    const old: ModuleCardState = { m: 'natfiske', v: 0, p: 4, a: [1], n: 'old' };
    const card = asCard(await invoke(anna, 'learning.answer', { state: old, sig: signState(SECRET, anna.id, old), answer: '1' }));
    expect(textOfCard(card)).toContain('Utbildningen har uppdaterats sedan kortet skickades');
    expect(card.actions!.map((a) => [a.title, a.verb, a.data])).toEqual([['Starta', 'learning.start', { moduleId: 'natfiske' }]]);
  });

  it('refuses an older card replayed to change an answer, so a failed quiz cannot be turned into a pass', async () => {
    const who = person('fortroendevald');
    const question = await toQuiz(who, 'reservrutiner');
    // Answered wrong, then the card from before the answer is sent again with the right choice.
    expect(textOfCard(asCard(await press(who, question, 'Svara', { answer: wrongChoice('reservrutiner', 0) })))).not.toContain('Rätt!');
    const replayed = await press(who, question, 'Svara', { answer: rightChoice('reservrutiner', 0) });
    expect(replayed).toBe('Frågan är redan besvarad i det här försöket, så svaret står kvar. Skriv **utbildning** för att fortsätta eller göra om utbildningen.');
    // The same answer again (a double click) is answered as the first time.
    expect(textOfCard(asCard(await press(who, question, 'Svara', { answer: wrongChoice('reservrutiner', 0) })))).toContain('Fråga 1 av');
    expect((await completionsOf(who)).filter((c) => c.moduleId === 'reservrutiner')).toEqual([]);
  });

  it('answers an unknown module in Swedish', async () => {
    expect(await invoke(person('medarbetare'), 'learning.start', { moduleId: 'finns-inte' })).toBe('Utbildningen finns inte längre. Skriv **utbildning** för att se vilka som finns.');
  });

  it('works with Action.Submit too, for clients without Universal Actions', async () => {
    await postActivity(app.url, submitActivity(person('chef'), connector.url, { verb: 'learning.start', moduleId: 'forlorad-utrustning' }));
    const [card] = cardsIn(connector.received);
    expect(textOfCard(card)).toContain('Steg 1 av 4');
    expect(textOfCard(card)).toContain('Varje minut räknas');
  });

  it('sends a campaign’s card to the person’s chat through the delivery service, and it starts the module there', async () => {
    const erik = person('chef');
    await postActivity(app.url, installationUpdateActivity(erik, connector.url));
    await connector.waitForActivities(1); // the welcome card
    connector.reset();
    // The demo's phishing campaign for everyone runs now (Monday 10:00 in Stockholm).
    const context = composeDomain({ config: app.config, store: app.store, ops: app.ops, clock: { now: () => new Date('2026-11-23T09:00:00Z') }, logger: app.logger, enqueue: (m) => app.delivery.enqueue(m) });
    expect(await runJob(learningCampaignsJob, context)).toMatch(/^Utbildningskort köade: \d+, påminnelser: 0$/);
    const [card] = cardsIn(await connector.waitForActivities(1));
    const text = textOfCard(card);
    expect(text).toContain('En ny kort utbildning för dig.');
    expect(text).toContain('Nätfiske och bedrägeriförsök');
    expect(text).toMatch(/Klar senast \d+ december 2026/);
    const started = asCard(await press(erik, card as Card, 'Starta'));
    expect(textOfCard(started)).toContain('Steg 1 av 4');
    // Running again sends nothing more.
    expect(await runJob(learningCampaignsJob, context)).toBe('Utbildningskort köade: 0, påminnelser: 0');
  });
});
