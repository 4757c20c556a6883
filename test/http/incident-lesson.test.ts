import { DEMO_PEOPLE, demoPersonByPersona, type DemoPerson } from '../../src/demo/demo-organisation';
import type { Incident } from '../../src/incidents/incident';
import { learningCampaignsJob } from '../../src/jobs/learning-campaigns-job';
import { runJob } from '../../src/jobs/run-job';
import { statusTalliesJob } from '../../src/jobs/status-tallies-job';
import { composeDomain } from '../../src/server/compose-domain';
import { startTestApp, postActivity } from '../support/app-harness';
import { FakeBotConnector, textOfCard } from '../support/fake-bot-connector';
import { incident as incidentFor } from '../contract/store-contract';
import { executeActivity, installationUpdateActivity } from '../support/teams-activities';
import type { AdminCampaignsResponse } from '../../src/api/tab-api-types';

const person = (persona: string): DemoPerson => demoPersonByPersona(persona)!;

interface InvokeBody {
  type: string;
  value: Record<string, unknown> | string;
}

describe('a short lesson where the incidents are', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const connector = new FakeBotConnector();
  // Monday 2 March 2026, 10:00 in Stockholm: within the campaigns' weekday hours.
  const NOW = new Date('2026-03-02T09:00:00Z');
  const clock = { now: () => new Date(NOW) };

  beforeAll(async () => {
    await connector.start();
    app = await startTestApp({}, { clock });
    for (const p of DEMO_PEOPLE) await postActivity(app.url, installationUpdateActivity(p, connector.url));
    await connector.waitForActivities(DEMO_PEOPLE.length);
  });
  afterAll(async () => {
    await app.stop();
    await connector.stop();
  });

  const execute = async (who: DemoPerson, verb: string, data: Record<string, unknown>) => {
    const res = await postActivity(app.url, executeActivity(who, connector.url, verb, data));
    expect(res.status).toBe(200);
    return (await res.json()) as InvokeBody;
  };
  const cardText = (body: InvokeBody) => {
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    return textOfCard(body.value);
  };
  let n = 0;
  /** A reported phishing incident in SN, acknowledged by the coordinator or not. */
  const stored = async (overrides: Partial<Incident> = {}) => {
    const reference = `INC-2026-${String(900 + ++n)}`;
    const value = incidentFor(reference, { category: 'natfiske', committeeCode: 'SN', reportedAt: '2026-02-27T08:00:00.000Z', ...overrides });
    await app.store.incidents.create(`lesson-test-${reference}`, value);
    return reference;
  };
  const lessons = async () => (await app.store.campaigns.query()).map((c) => c.value).filter((c) => c.origin);

  it('is offered to the security officer on a confirmed incident, and sent in one click as a campaign for its committee', async () => {
    const reference = await stored({ acknowledgedAt: '2026-02-27T09:00:00.000Z', acknowledgedBy: person('samordnare').id, status: 'Under utredning' });
    const officer = person('sakerhetsansvarig');
    const card = cardText(await execute(officer, 'incident.refresh', { reference }));
    expect(card).toContain('Skicka en kort utbildning till Socialförvaltningen');
    // The coordinator triages the same incident, but campaigns are the security officer's.
    expect(cardText(await execute(person('samordnare'), 'incident.refresh', { reference }))).not.toContain('Skicka en kort utbildning');

    const after = cardText(await execute(officer, 'incident.lesson', { reference }));
    expect(after).toContain('Utbildningen Nätfiske och bedrägeriförsök skickas till Socialförvaltningen');
    expect(after).toContain(`Kort utbildning skickad till Socialförvaltningen efter ${reference}: Nätfiske och bedrägeriförsök, från 2 mars 2026 till 16 mars 2026.`);
    expect(after).not.toContain('Skicka en kort utbildning');
    const [lesson] = (await lessons()).filter((c) => c.origin!.incidentReference === reference);
    expect(lesson).toMatchObject({
      moduleId: 'natfiske',
      audience: 'namnder',
      committeeCodes: ['SN'],
      startDate: '2026-03-02',
      dueDate: '2026-03-16',
      skipPassedWithinDays: 365,
      origin: { incidentReference: reference, category: 'natfiske' },
      createdBy: officer.id,
    });
    const audit = await app.store.audit.query({ field: 'recordKey', op: 'eq', value: lesson!.campaignId });
    expect(audit.map((a) => a.value.action)).toEqual(['skapad']);

    // A second click makes no second campaign.
    expect(cardText(await execute(officer, 'incident.lesson', { reference }))).toContain(`Utbildningen Nätfiske och bedrägeriförsök går redan till Socialförvaltningen, skickad efter ${reference}, till 16 mars 2026.`);
    expect((await lessons()).filter((c) => c.origin!.incidentReference === reference)).toHaveLength(1);

    // Nor does the next incident of a wave: the running lesson is the one, and its card says so.
    const next = await stored({ acknowledgedAt: '2026-02-28T09:00:00.000Z', status: 'Under utredning' });
    const nextCard = cardText(await execute(officer, 'incident.refresh', { reference: next }));
    expect(nextCard).not.toContain('Skicka en kort utbildning');
    expect(nextCard).toContain(`Kort utbildning skickad till Socialförvaltningen efter ${reference}: Nätfiske och bedrägeriförsök`);
    expect(cardText(await execute(officer, 'incident.lesson', { reference: next }))).toContain(`går redan till Socialförvaltningen, skickad efter ${reference}`);
    expect((await lessons()).filter((c) => c.moduleId === 'natfiske' && c.committeeCodes.includes('SN'))).toHaveLength(1);
  });

  it('is refused on the server to anyone but the security officer, and before the incident is confirmed', async () => {
    const before = (await lessons()).length;
    const confirmed = await stored({ acknowledgedAt: '2026-02-27T09:00:00.000Z', category: 'forlorad-utrustning' });
    expect(await execute(person('samordnare'), 'incident.lesson', { reference: confirmed })).toMatchObject({ value: 'Bara informationssäkerhetsansvarig skickar utbildningar.' });
    expect(await execute(person('medarbetare'), 'incident.lesson', { reference: confirmed })).toMatchObject({ value: 'Bara informationssäkerhetsansvarig skickar utbildningar.' });
    const unconfirmed = await stored({ category: 'forlorad-utrustning' });
    const officer = person('sakerhetsansvarig');
    expect(cardText(await execute(officer, 'incident.refresh', { reference: unconfirmed }))).not.toContain('Skicka en kort utbildning');
    expect(cardText(await execute(officer, 'incident.lesson', { reference: unconfirmed }))).toContain('Det finns ingen kort utbildning för den här incidenten');
    // A category without a module in the rules offers none either.
    const other = await stored({ acknowledgedAt: '2026-02-27T09:00:00.000Z', category: 'annat' });
    expect(cardText(await execute(officer, 'incident.refresh', { reference: other }))).not.toContain('Skicka en kort utbildning');
    expect(await lessons()).toHaveLength(before);
  });

  it('goes to the committee’s staff who have not passed the module in the last twelve months', async () => {
    const [anna, sara, erik] = [person('medarbetare'), person('samordnare'), person('chef')];
    const reference = await stored({ acknowledgedAt: '2026-02-27T09:00:00.000Z', category: 'felskickad-information' });
    cardText(await execute(person('sakerhetsansvarig'), 'incident.lesson', { reference }));
    const [lesson] = (await lessons()).filter((c) => c.origin!.incidentReference === reference);
    expect(lesson!.moduleId).toBe('sekretess-och-epost');
    // Anna passed it in December: recent. Erik passed it two years ago. Sara never did.
    await app.store.completions.create(`${anna.id}:sekretess:lesson`, { personId: anna.id, moduleId: 'sekretess-och-epost', moduleVersion: 1, committeeCode: 'SN', completedAt: '2025-12-01T10:00:00.000Z', score: 1 });
    await app.store.completions.create(`${erik.id}:sekretess:lesson`, { personId: erik.id, moduleId: 'sekretess-och-epost', moduleVersion: 1, committeeCode: 'SN', completedAt: '2024-03-01T10:00:00.000Z', score: 1 });

    const domain = composeDomain({ config: app.config, store: app.store, ops: app.ops, clock, logger: app.logger, enqueue: (m) => app.delivery.enqueue(m) });
    // The nightly recount finds the passes written straight to the list (the app notes its own as they are made).
    await runJob(statusTalliesJob, domain);
    await runJob(learningCampaignsJob, domain);
    const sentTo = new Set((await app.ops.outbox.messagesOf(`learning:${lesson!.campaignId}`)).map((m) => m.personId.toLowerCase()));
    expect(sentTo.has(sara.id.toLowerCase())).toBe(true);
    expect(sentTo.has(erik.id.toLowerCase())).toBe(true);
    expect(sentTo.has(anna.id.toLowerCase())).toBe(false);
    // Nobody outside SN.
    expect(sentTo.has(person('itsakerhetsansvarig').id.toLowerCase())).toBe(false);
  });

  it('shows the security officer, per committee and category, the incidents before the lesson and since', async () => {
    // SBN's outages: two in the 90 days before, one long before, one since the start; others that do not count.
    const origin = await stored({ committeeCode: 'SBN', category: 'avbrott', reportedAt: '2026-02-20T08:00:00.000Z', acknowledgedAt: '2026-02-20T09:00:00.000Z' });
    await stored({ committeeCode: 'SBN', category: 'avbrott', reportedAt: '2026-01-10T08:00:00.000Z' });
    await stored({ committeeCode: 'SBN', category: 'avbrott', reportedAt: '2025-10-01T08:00:00.000Z' });
    await stored({ committeeCode: 'SBN', category: 'avbrott', reportedAt: '2026-03-02T07:30:00.000Z' });
    await stored({ committeeCode: 'SBN', category: 'natfiske', reportedAt: '2026-01-10T08:00:00.000Z' });
    await stored({ committeeCode: 'KS', category: 'avbrott', reportedAt: '2026-01-10T08:00:00.000Z' });
    await stored({ committeeCode: 'SBN', category: 'avbrott', kind: 'weakness', reportedAt: '2026-01-11T08:00:00.000Z' });
    const officer = person('sakerhetsansvarig');
    cardText(await execute(officer, 'incident.lesson', { reference: origin }));

    const res = await fetch(`${app.url}/api/tab/admin/campaigns`, { headers: { 'X-Infosak-Demo-User': officer.id } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as AdminCampaignsResponse;
    const lesson = body.campaigns.find((c) => c.lesson?.incidentReference === origin)!;
    expect(lesson.moduleId).toBe('reservrutiner');
    expect(lesson.committees).toEqual([{ code: 'SBN', name: 'Samhällsbyggnadsnämnden' }]);
    expect(lesson.lesson).toEqual({ incidentReference: origin, categoryLabel: 'Avbrott eller störning i system', before: 2, after: 1, afterDays: 0, windowDays: 90 });
    // The figures are the security officer's and the DPO's, like the rest of Administration.
    expect((await fetch(`${app.url}/api/tab/admin/campaigns`, { headers: { 'X-Infosak-Demo-User': person('chef').id } })).status).toBe(403);
  });
});
