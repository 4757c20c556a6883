import { fixedClock } from '../../src/clock/clock';
import { DEMO_PEOPLE, demoPersonByPersona, type DemoPerson } from '../../src/demo/demo-organisation';
import { loadModuleLibrary } from '../../src/learning/module-library';
import { loadConfig } from '../../src/config/config';
import { t } from '../../src/i18n/texts';
import { CHANGE_TRAIL_TASK } from '../../src/store/change-trail';
import { PEOPLE_KEEP_MS } from '../../src/organisation/people-directory';
import { startTestApp, postActivity } from '../support/app-harness';
import { cardsIn, FakeBotConnector, textOfCard } from '../support/fake-bot-connector';
import { countGraphRequests, type GraphRequestCount } from '../support/graph/graph-request-paths';
import { startLocalSharePoint, type LocalSharePoint } from '../support/graph/sharepoint-fixture';
import { validForm } from '../support/incident-forms';
import { executeActivity, installationUpdateActivity, messageActivity } from '../support/teams-activities';

const CHANGED_SINCE = t('sv', 'incident.conflict.changedSince');
const person = (persona: string): DemoPerson => demoPersonByPersona(persona)!;
const library = loadModuleLibrary(loadConfig({}).learning.dir);
type Card = Record<string, unknown> & { actions?: { title: string; verb: string; data: Record<string, unknown> }[] };

/**
 * Graph requests per card action against the local Graph server, with latency on every request so
 * that requests sent together overlap and requests sent one after another do not. The bound is on
 * the sequential chain before the answer: a change that puts one more Graph round trip in front
 * of a card's answer fails here.
 */
export const MAX_SEQUENTIAL_GRAPH_REQUESTS = 4;

describe('Graph requests per card action on SharePoint', () => {
  let sp: LocalSharePoint;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const connector = new FakeBotConnector();
  const clock = fixedClock('2026-03-02T09:00:00Z');
  const counts: Record<string, GraphRequestCount> = {};
  // Set PRINT_GRAPH_COUNTS=1 to see every action's figures (the README's table comes from here and from bench:incident).
  afterAll(() => {
    if (process.env.PRINT_GRAPH_COUNTS) process.stdout.write(`${JSON.stringify(counts, null, 1)}\n`);
  });

  beforeAll(async () => {
    sp = await startLocalSharePoint();
    await sp.provision();
    await connector.start();
    app = await startTestApp({ ...sp.env, SEED_DEMO_DATA: '1', CARD_STATE_SECRET: 'test-secret-for-module-cards-0123456789' }, { clock, store: await sp.connectStore() });
    for (const p of DEMO_PEOPLE) await postActivity(app.url, installationUpdateActivity(p, connector.url));
    await connector.waitForActivities(DEMO_PEOPLE.length);
    // Only the actions' own requests are counted: the follow-up of a report runs in the background.
    await app.tasks.stop();
    sp.graph.faults.latencyMs = 40;
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await connector.stop();
    await sp.stop();
  });

  const invoke = async (who: DemoPerson, verb: string, data: Record<string, unknown>): Promise<unknown> => {
    const res = await postActivity(app.url, executeActivity(who, connector.url, verb, data));
    expect(res.status).toBe(200);
    return ((await res.json()) as { value: unknown }).value;
  };
  /** Counts one action, named, and returns its answer. */
  const counted = async (name: string, who: DemoPerson, verb: string, data: Record<string, unknown>): Promise<unknown> => {
    let value: unknown;
    counts[name] = await countGraphRequests(sp.graph, async () => {
      value = await invoke(who, verb, data);
    });
    return value;
  };
  const etagOf = (card: unknown) => (JSON.stringify(card).match(/"etag":"((?:\\"|[^"])*)"/) ?? [])[1]!.replace(/\\"/g, '"');

  it('reports and triages an incident within the bound', async () => {
    const sara = person('samordnare');
    // The first report after start reads the committees and the year's numbering; the second is what a person waits for on a running server.
    await invoke(person('medarbetare'), 'incident.submit', validForm());
    const receipt = await counted('incident.submit', person('medarbetare'), 'incident.submit', validForm());
    expect(textOfCard(receipt)).toContain('Tack! Din rapport är mottagen');
    const reference = /INC-2026-\d{4}/.exec(textOfCard(receipt))![0];

    let card = await counted('incident.refresh', sara, 'incident.refresh', { reference });
    card = await counted('incident.assignToMe', sara, 'incident.assignToMe', { reference, etag: etagOf(card) });
    expect(textOfCard(card)).toContain('Sara Lind');
    card = await counted('incident.acknowledge', sara, 'incident.acknowledge', { reference, etag: etagOf(card) });
    card = await counted('incident.status', sara, 'incident.status', { reference, etag: etagOf(card), status: 'Under utredning' });
    expect(textOfCard(card)).toContain('Under utredning');
    card = await counted('incident.severity', person('sakerhetsansvarig'), 'incident.severity', { reference, etag: etagOf(card), severity: 'hög' });
    const assessed = await counted('incident.assess', sara, 'incident.assess', { reference, section: 'facts', 'toggle:personalData': 'false' });
    expect(textOfCard(assessed)).toContain('Bedömningen är sparad.');
    // Nothing kept any more (people, roles and committees are read again): still within the bound.
    clock.advance(PEOPLE_KEEP_MS);
    card = await counted('incident.refresh (nothing kept)', sara, 'incident.refresh', { reference });
    clock.advance(PEOPLE_KEEP_MS);
    const lowered = await counted('incident.severity (nothing kept)', person('sakerhetsansvarig'), 'incident.severity', { reference, etag: etagOf(card), severity: 'låg' });
    expect(textOfCard(lowered)).toMatch(/Allvarlighetsgrad: låg/i);
    // A card showing an older version: nothing is written, the card comes back as it is now.
    const stale = await counted('incident.status (changed since)', sara, 'incident.status', { reference, etag: '"{00000000-0000-0000-0000-000000000000},1"', status: 'Åtgärdad' });
    expect(textOfCard(stale)).toContain(CHANGED_SINCE);
    await invoke(sara, 'incident.status', { reference, status: 'Åtgärdad' });
    card = await counted('incident.close', sara, 'incident.close', { reference, closingNote: 'Klart.' });
    expect(textOfCard(card)).toContain('Sparat: incidenten är stängd.');
    // The trails written after the answers all landed: an audit entry and a history event for each of the eight changes.
    const audit = (await app.store.audit.query({ field: 'recordKey', op: 'eq', value: reference })).map((a) => a.value.action);
    expect(audit).toHaveLength(8);
    expect(audit).toContain('kvitterad');
    expect(await app.store.incidentEvents.query({ field: 'reference', op: 'eq', value: reference })).toHaveLength(8);
    // ...so no promised trail is left for the task runner (the reports' follow-ups wait, paused).
    const waiting = await app.ops.tasks.due('2099-01-01T00:00:00Z', 100);
    expect(waiting.filter((task) => task.kind === CHANGE_TRAIL_TASK)).toEqual([]);

    expect(Object.entries(counts).filter(([, count]) => count.sequential > MAX_SEQUENTIAL_GRAPH_REQUESTS)).toEqual([]);
  }, 60_000);

  it('opens, drafts and turns an incident into an action within the bound', async () => {
    const sara = person('samordnare');
    const receipt = await invoke(person('medarbetare'), 'incident.submit', validForm({ personalData: 'true' }));
    const reference = /INC-2026-\d{4}/.exec(textOfCard(receipt))![0];
    const names = ['incident.start', 'incident.open', 'incident.assessment', 'incident.draft', 'incident.actionForm', 'incident.createAction'];
    expect(textOfCard(await counted('incident.start', person('medarbetare'), 'incident.start', {}))).toContain('Rapportera incident eller brist');
    const opened = await counted('incident.open', sara, 'incident.open', { reference });
    expect(JSON.stringify(opened)).toContain(reference);
    await counted('incident.assessment', sara, 'incident.assessment', { reference });
    await counted('incident.draft', sara, 'incident.draft', { reference, kind: 'imy' });
    const form = await counted('incident.actionForm', sara, 'incident.actionForm', { reference });
    const formId = (JSON.stringify(form).match(/"formId":"([0-9a-f-]{36})"/) ?? [])[1]!;
    const created = await counted('incident.createAction', sara, 'incident.createAction', { reference, formId, actionTitle: 'Phishing-övning', actionTarget: '2026-1', actionOwner: sara.id });
    expect(textOfCard(created)).toContain('Åtgärd skapad i handlingsplanen');
    expect(names.filter((name) => counts[name]!.sequential > MAX_SEQUENTIAL_GRAPH_REQUESTS).map((name) => [name, counts[name]])).toEqual([]);
  }, 60_000);

  it('saves a quarter status on the action-plan card within the bound', async () => {
    const sara = person('samordnare');
    connector.reset();
    await postActivity(app.url, messageActivity(sara, connector.url, 'mina aktiviteter'));
    const [planCard] = cardsIn(connector.received) as Card[];
    const data = planCard!.actions![0]!.data;
    // Every activity on the card changed at once: the writes go together, so more of them cost no more in a row.
    const activityIds = Object.keys(data.versions as Record<string, string>);
    const summary = await counted('actionplan.save', sara, 'actionplan.save', { ...data, ...Object.fromEntries(activityIds.map((id) => [`status__${id}`, 'Pågående'])) });
    expect(textOfCard(summary)).toContain('→ Pågående');
    const again = (summary as Card).actions!.find((a) => a.verb === 'actionplan.mine')!;
    await counted('actionplan.mine', sara, 'actionplan.mine', again.data);
    expect(counts['actionplan.save']!.sequential).toBeLessThanOrEqual(MAX_SEQUENTIAL_GRAPH_REQUESTS);
    expect(counts['actionplan.mine']!.sequential).toBeLessThanOrEqual(MAX_SEQUENTIAL_GRAPH_REQUESTS);
  }, 60_000);

  it('records a passed quiz within the bound', async () => {
    const anna = person('medarbetare');
    const module = library.byId('natfiske')!;
    const right = (q: number) => String(module.quiz[q]!.choices.findIndex((c) => c.correct));
    const press = async (card: Card, title: string, inputs: Record<string, unknown> = {}, name?: string) => {
      const action = card.actions!.find((a) => a.title === title)!;
      return (name ? await counted(name, anna, action.verb, { ...action.data, ...inputs }) : await invoke(anna, action.verb, { ...action.data, ...inputs })) as Card;
    };
    await counted('learning.list', anna, 'learning.list', {});
    let card = (await invoke(anna, 'learning.start', { moduleId: 'natfiske', at: 'quiz' })) as Card;
    card = await press(card, 'Svara', { answer: right(0) }, 'learning.answer');
    card = await press(card, 'Nästa fråga');
    card = await press(card, 'Svara', { answer: right(1) }, 'learning.answer (passes the quiz)');
    expect(textOfCard(card)).toContain('Godkänt');
    expect(counts['learning.answer (passes the quiz)']!.sequential).toBeLessThanOrEqual(MAX_SEQUENTIAL_GRAPH_REQUESTS);
    expect(counts['learning.list']!.sequential).toBeLessThanOrEqual(MAX_SEQUENTIAL_GRAPH_REQUESTS);
  }, 60_000);
});
