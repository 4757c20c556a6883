import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AdminModuleCardsResponse, AdminModulesResponse } from '../../src/api/tab-api-types';
import { loadConfig } from '../../src/config/config';
import { demoPersonByPersona } from '../../src/demo/demo-organisation';
import { postActivity, startTestApp } from '../support/app-harness';
import { cardsIn, FakeBotConnector, textOfCard } from '../support/fake-bot-connector';
import { installationUpdateActivity } from '../support/teams-activities';

const person = (persona: string) => demoPersonByPersona(persona)!;

/** The modules in the Administration part: what staff will read and be asked, a broken file named with its line, and the card sent to oneself. */
describe('the modules in the Administration part', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const connector = new FakeBotConnector();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'infosak-modules-'));
  beforeAll(async () => {
    await connector.start();
    // The shipped modules, and one broken file beside them.
    const shipped = loadConfig({}).learning.dir;
    for (const f of readdirSync(shipped)) writeFileSync(path.join(dir, f), readFileSync(path.join(shipped, f)));
    writeFileSync(path.join(dir, 'trasig.yaml'), 'id: trasig\nversion: 1\ntitle: [\n');
    app = await startTestApp({ LEARNING_DIR: dir }, { clock: { now: () => new Date('2026-11-24T09:00:00Z') } });
  });
  afterAll(async () => {
    await app.stop();
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const modules = (persona: string) => fetch(`${app.url}/api/tab/admin/modules`, { headers: { 'X-Infosak-Demo-User': person(persona).id } });

  it('lists every module with its version, length, steps and questions with the right answers, and names a broken file with its line', async () => {
    const res = await modules('dataskyddsombud');
    expect(res.status).toBe(200);
    const body = (await res.json()) as AdminModulesResponse;
    const natfiske = body.modules.find((m) => m.id === 'natfiske')!;
    expect(natfiske).toMatchObject({ title: 'Nätfiske och bedrägeriförsök', version: expect.any(Number), minutes: expect.any(Number), passScore: 0.6 });
    expect(natfiske.steps.length).toBeGreaterThan(0);
    expect(natfiske.quiz[0]!.choices.filter((c) => c.correct)).toHaveLength(1);
    expect(body.problems).toEqual([expect.objectContaining({ file: 'trasig.yaml', line: expect.any(Number) })]);
    for (const persona of ['chef', 'samordnare', 'medarbetare']) expect([persona, (await modules(persona)).status]).toEqual([persona, 403]);
  });

  it("sends a module's card to the security officer as staff will get it; the data protection officer may not", async () => {
    const johan = person('sakerhetsansvarig');
    await postActivity(app.url, installationUpdateActivity(johan, connector.url));
    connector.reset();
    const send = (persona: string) => fetch(`${app.url}/api/tab/admin/modules/natfiske/preview`, { method: 'POST', headers: { 'X-Infosak-Demo-User': person(persona).id } });
    expect((await send('dataskyddsombud')).status).toBe(403);
    expect((await send('sakerhetsansvarig')).status).toBe(200);
    const [card] = cardsIn(await connector.waitForActivities(1));
    expect(textOfCard(card)).toContain('Nätfiske och bedrägeriförsök');
    expect((await fetch(`${app.url}/api/tab/admin/modules/finns-inte/preview`, { method: 'POST', headers: { 'X-Infosak-Demo-User': johan.id } })).status).toBe(404);
  });

  it("gives a module's cards as staff meet them — the first card, each step, each question — in the language asked, to read as well as to run", async () => {
    const cards = (persona: string, query = '') => fetch(`${app.url}/api/tab/admin/modules/natfiske/cards${query}`, { headers: { 'X-Infosak-Demo-User': person(persona).id } });
    const res = await cards('dataskyddsombud');
    expect(res.status).toBe(200);
    const body = (await res.json()) as AdminModuleCardsResponse;
    const natfiske = ((await (await modules('dataskyddsombud')).json()) as AdminModulesResponse).modules.find((m) => m.id === 'natfiske')!;
    expect(body.cards.map((c) => `${c.kind} ${c.n}/${c.of}`)).toEqual([
      'intro 1/1',
      ...natfiske.steps.map((_, i) => `step ${i + 1}/${natfiske.steps.length}`),
      ...natfiske.quiz.map((_, i) => `question ${i + 1}/${natfiske.quiz.length}`),
    ]);
    // The same cards the bot sends: the first with its Starta and a due date two weeks on, each step its own text, each question unanswered.
    expect(textOfCard(body.cards[0]!.card)).toContain('Starta');
    expect(textOfCard(body.cards[0]!.card)).toContain('8 december 2026');
    expect(textOfCard(body.cards[1]!.card)).toContain(natfiske.steps[0]!);
    expect(textOfCard(body.cards.at(-1)!.card)).toContain(natfiske.quiz.at(-1)!.question);
    expect(textOfCard(body.cards.at(-1)!.card)).not.toContain('Rätt!');
    expect(textOfCard(((await (await cards('sakerhetsansvarig', '?locale=en')).json()) as AdminModuleCardsResponse).cards[0]!.card)).toContain('Start');
    expect((await fetch(`${app.url}/api/tab/admin/modules/finns-inte/cards`, { headers: { 'X-Infosak-Demo-User': person('sakerhetsansvarig').id } })).status).toBe(404);
    for (const persona of ['chef', 'samordnare', 'medarbetare', 'fortroendevald']) expect([persona, (await cards(persona)).status]).toEqual([persona, 403]);
  });
});
