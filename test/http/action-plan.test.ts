import { demoPersonByPersona, type DemoPerson } from '../../src/demo/demo-organisation';
import { startTestApp, postActivity } from '../support/app-harness';
import { cardsIn, FakeBotConnector, textOfCard } from '../support/fake-bot-connector';
import { executeActivity, messageActivity } from '../support/teams-activities';

const person = (persona: string): DemoPerson => demoPersonByPersona(persona)!;

describe('the action plan from the card', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const connector = new FakeBotConnector();
  // Second quarter of 2022, the year of the demo plan.
  const NOW = new Date('2022-05-10T08:00:00Z');
  beforeAll(async () => {
    await connector.start();
    app = await startTestApp({}, { clock: { now: () => new Date(NOW) } });
  });
  afterAll(async () => {
    await app.stop();
    await connector.stop();
  });
  beforeEach(() => connector.reset());

  const statusOf = async (activityId: string, committee: string, quarter: number) =>
    (await app.store.activityStatuses.query({ field: 'committeeCode', op: 'eq', value: committee })).find((s) => s.value.activityId === activityId && s.value.quarter === quarter)!;
  const cardFor = async (who: DemoPerson) => {
    await postActivity(app.url, messageActivity(who, connector.url, 'mina aktiviteter'));
    return cardsIn(connector.received);
  };
  const saveData = (card: Record<string, unknown>) => (card.actions as { data: Record<string, unknown> }[])[0]!.data;
  const pickerValues = (card: Record<string, unknown>) =>
    Object.fromEntries([...JSON.stringify(card).matchAll(/"id":"(status__[^"]+)",(?:"[a-z]+":"[^"]*",)*?"value":"([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));

  it('gives the coordinator this quarter’s card for each committee she coordinates', async () => {
    const cards = await cardFor(person('samordnare'));
    expect(cards.map((c) => textOfCard(c).split('\n')[0])).toEqual(['Handlingsplan 2022, kvartal 2 – Socialnämnden', 'Handlingsplan 2022, kvartal 2 – Kultur- och fritidsnämnden']);
    const text = textOfCard(cards[0]);
    expect(text).toContain('Registerförteckningar');
    // The demo's Socialnämnden has no second-quarter status for it yet; the follow-up's activities of the central function are Kommunstyrelsen's only
    expect(text).toContain('Registerförteckningar\nNu: Ej påbörjad');
    expect(text).not.toContain('Informationsklassning'); // a third- and fourth-quarter activity
    expect(text).not.toContain('Incidenthantering');
    expect(text).toContain('Pågående: arbetet är igång men inte klart');
  });

  it('offers the four clear statuses, with an older word preselected as Pågående', async () => {
    const [card] = await cardFor(person('samordnare'));
    const pickers: { id: string; value: string; choices: { value: string }[] }[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        if ((node as { type?: string }).type === 'Input.ChoiceSet') pickers.push(node as (typeof pickers)[number]);
        Object.values(node).forEach(walk);
      }
    };
    walk(card);
    expect(pickers.length).toBeGreaterThan(3);
    for (const p of pickers) expect(p.choices.map((c) => c.value)).toEqual(['Ej påbörjad', 'Pågående', 'Genomförd', 'Flyttas till nästa år']);
    // Övningar stands at Påbörjad in the demo: shown as it was, the picker on Pågående.
    expect(textOfCard(card)).toMatch(/Övningar\nNu: Påbörjad/);
    expect(pickers.find((p) => p.id === 'status__2022-ovningar')!.value).toBe('Pågående');
  });

  it('tells someone who coordinates nothing that there is nothing to report', async () => {
    await postActivity(app.url, messageActivity(person('medarbetare'), connector.url, 'mina aktiviteter'));
    expect(connector.received[0]!.activity.text).toContain('Du är inte informationssäkerhetssamordnare');
  });

  it('saves a status and a comment from the card, answers with a summary, and records it in the audit trail', async () => {
    const [card] = await cardFor(person('samordnare'));
    // The card's own values, as a press of "Spara status" sends them: untouched older words are not rewritten.
    const data = { ...saveData(card!), ...pickerValues(card!), 'status__2022-registerforteckningar': 'Genomförd', 'comment__2022-registerforteckningar': 'Alla förteckningar reviderade.' };
    const res = await postActivity(app.url, executeActivity(person('samordnare'), connector.url, 'actionplan.save', data));
    const body = (await res.json()) as { value: Record<string, unknown> };
    const text = textOfCard(body.value);
    expect(text).toContain('Registerförteckningar\n→ Genomförd');
    expect(text).toMatch(/Sparat av Sara Lind, /);
    expect(text).not.toContain('Övningar');
    const again = (body.value.actions as { title: string; verb: string; data: Record<string, unknown> }[]).find((a) => a.title === 'Ändra igen')!;
    expect(again.verb).toBe('actionplan.mine');
    // "Ändra igen" brings back the committee's card, now showing the saved status.
    const back = await postActivity(app.url, executeActivity(person('samordnare'), connector.url, 'actionplan.mine', again.data));
    const card2 = textOfCard(((await back.json()) as { value: unknown }).value);
    expect(card2.split('\n')[0]).toBe('Handlingsplan 2022, kvartal 2 – Socialnämnden');
    expect(card2).toContain('Registerförteckningar\nNu: Genomförd (Sara Lind');
    expect((await statusOf('2022-ovningar', 'SN', 2))?.value.status).toBe('Påbörjad');
    const saved = await statusOf('2022-registerforteckningar', 'SN', 2);
    expect(saved.value).toMatchObject({ quarter: 2, status: 'Genomförd', comment: 'Alla förteckningar reviderade.', setBy: person('samordnare').id });
    const audit = await app.store.audit.query({ field: 'recordKey', op: 'eq', value: '2022-registerforteckningar:SN' });
    expect(audit.map((a) => a.value.action)).toEqual(['status kvartal 2 Genomförd']);
    // The third quarter's status and the other committee's are untouched.
    expect((await statusOf('2022-registerforteckningar', 'SN', 3)).value.status).toBe('Delvis genomförd');
    expect((await statusOf('2022-registerforteckningar', 'KFN', 3)).value.status).toBe('Genomförd');
  });

  it('refuses someone who is not a coordinator of that committee, and changes nothing', async () => {
    const [card] = await cardFor(person('samordnare'));
    const before = await statusOf('2022-riskanalys', 'SN', 2);
    for (const who of ['medarbetare', 'chef', 'dataskyddsombud']) {
      const data = { ...saveData(card!), 'status__2022-riskanalys': 'Ej påbörjad' };
      const res = await postActivity(app.url, executeActivity(person(who), connector.url, 'actionplan.save', data));
      expect(((await res.json()) as { value: unknown }).value).toBe('Du kan bara ange status för nämnder där du är informationssäkerhetssamordnare.');
    }
    expect((await statusOf('2022-riskanalys', 'SN', 2)).etag).toBe(before.etag);
  });

  it('does not overwrite a status someone else saved since the card was shown', async () => {
    const [card] = await cardFor(person('samordnare'));
    const data = saveData(card!);
    await postActivity(app.url, executeActivity(person('sakerhetsansvarig'), connector.url, 'actionplan.save', { ...data, 'status__2022-kontinuitetsplanering': 'Pågående' }));
    const res = await postActivity(app.url, executeActivity(person('samordnare'), connector.url, 'actionplan.save', { ...data, 'status__2022-kontinuitetsplanering': 'Delvis genomförd' }));
    expect(textOfCard(((await res.json()) as { value: unknown }).value)).toContain('Någon annan hann ändra Kontinuitetsplanering');
    expect((await statusOf('2022-kontinuitetsplanering', 'SN', 2)).value).toMatchObject({ status: 'Pågående', setBy: person('sakerhetsansvarig').id });
  });

  it('sends the reminder before quarter end with only what is still open, once, through the outbox', async () => {
    const { composeDomain } = await import('../../src/server/compose-domain');
    const { sendPlanReminders } = await import('../../src/actionplan/plan-reminders');
    const later = { now: () => new Date('2022-06-10T07:00:00Z') };
    const deps = composeDomain({ config: app.config, store: app.store, ops: app.ops, clock: later, logger: app.logger, enqueue: (m) => app.ops.outbox.enqueue(m, later.now().toISOString()) }).actionPlan;
    await sendPlanReminders(deps);
    await sendPlanReminders(deps);
    const messages = await app.ops.outbox.messagesOf('actionplan:2022:Q2');
    const beforeEnd = messages.filter((m) => m.key.includes(':beforeEnd:SN:'));
    expect(beforeEnd).toHaveLength(1);
    const card = (beforeEnd[0]!.activity.attachments as { content: unknown }[])[0]!.content;
    const text = textOfCard(card);
    expect(text).toContain('Kvartalet närmar sig sitt slut');
    expect(text).toContain('Övningar'); // Påbörjad
    expect(text).toContain('Kontinuitetsplanering'); // Pågående, set above
    expect(text).not.toContain('Registerförteckningar'); // set to Genomförd above
    expect(text).not.toContain('Riskanalys'); // Genomförd
  });

  it('moves an activity to next year’s plan for the committee', async () => {
    const [, kfn] = await cardFor(person('samordnare'));
    const res = await postActivity(app.url, executeActivity(person('samordnare'), connector.url, 'actionplan.save', { ...saveData(kfn!), 'status__2022-ovningar': 'Flyttas till nästa år' }));
    expect(textOfCard(((await res.json()) as { value: unknown }).value)).toContain('Flyttas till 2023 års handlingsplan: Övningar.');
    const next = (await app.store.activities.query({ field: 'year', op: 'eq', value: 2023 })).map((a) => a.value);
    expect(next).toEqual([expect.objectContaining({ activityId: '2023-ovningar', title: 'Övningar', committees: ['KFN'], quarters: [2, 3] })]);
  });

  it('closes a risk analysis’ measure when the coordinator sets its plan activity Genomförd in the quarter card', async () => {
    await app.store.activities.create('activity:2022-riskatgard-sn-ifo-1', { year: 2022, activityId: '2022-riskatgard-sn-ifo-1', area: 'Åtgärder efter riskanalyser', title: 'Logga uttag ur IFO', description: 'Verksamhetssystemet för IFO: Logga uttag', quarters: [2], committees: ['SN'], ownerId: person('samordnare').id });
    await app.store.assetMeasures.create('measure:sn-ifo-1', { measureId: 'sn-ifo-1', assetId: 'sn-ifo', committeeCode: 'SN', what: 'Logga uttag', dueDate: '2022-04-30', status: 'Pågående', activityId: '2022-riskatgard-sn-ifo-1' });
    const [card] = await cardFor(person('samordnare'));
    expect(textOfCard(card)).toContain('Logga uttag ur IFO');
    await postActivity(app.url, executeActivity(person('samordnare'), connector.url, 'actionplan.save', { ...saveData(card!), 'status__2022-riskatgard-sn-ifo-1': 'Genomförd' }));
    expect((await app.store.assetMeasures.getByKey('measure:sn-ifo-1'))!.value.status).toBe('Genomförd');
    const audit = await app.store.audit.query({ field: 'recordKey', op: 'eq', value: 'sn-ifo-1' });
    expect(audit.map((a) => [a.value.action, a.value.actorId])).toEqual([['genomförd i handlingsplanen', person('samordnare').id]]);
  });
});
