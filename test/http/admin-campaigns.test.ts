import { demoPersonByPersona, DEMO_PEOPLE } from '../../src/demo/demo-organisation';
import { learningCampaignsJob } from '../../src/jobs/learning-campaigns-job';
import { runJob } from '../../src/jobs/run-job';
import { statusTalliesJob } from '../../src/jobs/status-tallies-job';
import type { Campaign } from '../../src/learning/campaign';
import { entryOf } from '../../src/learning/campaign-messages';
import { composeDomain } from '../../src/server/compose-domain';
import type { AdminCampaignsResponse } from '../../src/api/tab-api-types';
import { postActivity, startTestApp } from '../support/app-harness';
import { FakeBotConnector } from '../support/fake-bot-connector';
import { installationUpdateActivity } from '../support/teams-activities';
import { movingClock } from '../support/moving-clock';

const NOW = new Date('2026-11-24T09:00:00Z'); // a Tuesday, 10:00 in Stockholm
const person = (persona: string) => demoPersonByPersona(persona)!;
const campaign = (campaignId: string, startDate: string, dueDate: string): Campaign => ({
  campaignId,
  moduleId: 'sekretess-och-epost',
  audience: 'namnder',
  committeeCodes: ['SN'],
  startDate,
  dueDate,
  reminderEveryDays: 7,
  maxReminders: 2,
  createdBy: person('sakerhetsansvarig').id,
  createdAt: '2026-08-01T08:00:00.000Z',
});

/** The Administration part's campaign list: who may see it, and the figures it gives, live from the outbox and the tallies. */
describe('the campaigns in the Administration part', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const connector = new FakeBotConnector();
  const clock = movingClock(NOW);
  beforeAll(async () => {
    await connector.start();
    app = await startTestApp({ STATUS_CACHE_SECONDS: '0' }, { clock });
  });
  afterAll(async () => {
    await app.stop();
    await connector.stop();
  });

  const campaigns = (personId: string) => fetch(`${app.url}/api/tab/admin/campaigns`, { headers: { 'X-Infosak-Demo-User': personId } });

  it('is for the security officer to run and the data protection officer to read; everyone else is refused on the server', async () => {
    const officer = await campaigns(person('sakerhetsansvarig').id);
    expect(officer.status).toBe(200);
    expect(((await officer.json()) as AdminCampaignsResponse).access).toBe('manage');
    const dpo = await campaigns(person('dataskyddsombud').id);
    expect(dpo.status).toBe(200);
    expect(((await dpo.json()) as AdminCampaignsResponse).access).toBe('read');
    for (const persona of ['chef', 'samordnare', 'fortroendevald', 'itsakerhetsansvarig']) {
      const res = await campaigns(person(persona).id);
      expect([persona, res.status]).toEqual([persona, 403]);
      expect(((await res.json()) as { reason: string }).reason).toBe('Administrationen är till för informationssäkerhetsansvarig; dataskyddsombudet kan läsa den.');
    }
    // Staff without a role that opens the tab at all, and nobody signed in.
    expect((await campaigns(person('medarbetare').id)).status).toBe(403);
    expect((await fetch(`${app.url}/api/tab/admin/campaigns`)).status).toBe(401);
  });

  it('gives each campaign its phase, audience, delivered, not reached and why, completed and overdue', async () => {
    const domain = composeDomain({ config: app.config, store: app.store, ops: app.ops, clock, logger: app.logger, enqueue: (m) => app.delivery.enqueue(m) });
    // Anna has a chat with the bot; nobody else in SN has.
    const anna = person('medarbetare');
    await postActivity(app.url, installationUpdateActivity(anna, connector.url));
    await app.store.campaigns.createMany([
      { key: 'sn-now', value: campaign('sn-now', '2026-11-24', '2026-12-18') },
      { key: 'sn-autumn', value: campaign('sn-autumn', '2026-09-01', '2026-10-01') },
      { key: 'sn-next', value: campaign('sn-next', '2026-12-01', '2026-12-20') },
    ]);
    await runJob(learningCampaignsJob, domain);
    await app.delivery.drained();
    // Anna passed the module.
    await app.store.completions.create(`${anna.id}:sekretess-och-epost`, { personId: anna.id, moduleId: 'sekretess-och-epost', moduleVersion: 1, committeeCode: 'SN', completedAt: NOW.toISOString(), score: 1 });
    await runJob(statusTalliesJob, domain);

    const res = await campaigns(person('sakerhetsansvarig').id);
    const body = (await res.json()) as AdminCampaignsResponse;
    expect(body.today).toBe('2026-11-24');
    const ours = body.campaigns.filter((c) => c.campaignId.startsWith('sn-'));
    // Running first, then planned, then ended.
    expect(ours.map((c) => [c.campaignId, c.phase])).toEqual([
      ['sn-now', 'running'],
      ['sn-next', 'planned'],
      ['sn-autumn', 'ended'],
    ]);
    const sn = DEMO_PEOPLE.filter((p) => p.roles.some((r) => (r.role === 'medarbetare' || r.role === 'fortroendevald') && r.committeeCode === 'SN')).length;
    const now = ours[0]!;
    expect(now).toMatchObject({ moduleTitle: expect.stringMatching(/\S/), committees: [{ code: 'SN', name: 'Socialnämnden' }] });
    expect(now.figures).toEqual({ audience: sn, delivered: 1, pending: 0, notReached: sn - 1, notReachedBy: { notInstalled: sn - 1 }, completed: 1, overdue: 0 });
    // The ended one was never sent (its cards went out before there was an outbox for it): what is overdue is who has not completed.
    expect(ours[2]!.figures).toMatchObject({ audience: sn, delivered: 0, completed: 1, overdue: sn - 1 });
    expect(ours[1]!.figures).toMatchObject({ delivered: 0, notReached: 0, overdue: 0 });
  });

  const send = (personId: string, method: string, path: string, body?: unknown) =>
    fetch(`${app.url}/api/tab/admin/campaigns${path}`, {
      method,
      headers: { 'X-Infosak-Demo-User': personId, 'Content-Type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const officer = () => person('sakerhetsansvarig').id;
  const form = { moduleId: 'natfiske', audience: 'namnder', committeeCodes: ['KFN'], startDate: '2026-12-07', dueDate: '2027-01-15', reminderEveryDays: 7, maxReminders: 2 };
  const audit = async (campaignId: string) => (await app.store.audit.query()).map((a) => a.value).filter((a) => a.recordKey === campaignId);

  it("creates a campaign from the form with the command line's checks, and refuses bad input naming what is wrong, storing nothing", async () => {
    const bad = await send(officer(), 'POST', '', { ...form, moduleId: 'finns-inte', committeeCodes: ['XX'] });
    expect(bad.status).toBe(400);
    const reason = ((await bad.json()) as { reason: string }).reason;
    expect(reason).toContain('modulen "finns-inte" finns inte');
    expect(reason).toContain('nämnden "XX" finns inte');
    const backwards = await send(officer(), 'POST', '', { ...form, dueDate: '2026-12-01' });
    expect(((await backwards.json()) as { problems: { message: string }[] }).problems).toEqual([{ where: 'kampanj 1', message: 'slutdatum ligger före startdatum' }]);
    expect((await send(officer(), 'POST', '', { ...form, startDate: '7 december' })).status).toBe(400);
    expect((await send(officer(), 'POST', '', { ...form, extra: 1 })).status).toBe(400);

    const res = await send(officer(), 'POST', '', form);
    expect(res.status).toBe(200);
    const { campaign } = (await res.json()) as { campaign: Campaign };
    expect(campaign).toMatchObject({ campaignId: 'natfiske-kfn-2026-12-07', createdBy: officer(), audience: 'namnder', committeeCodes: ['KFN'] });
    expect(await app.store.campaigns.getByKey('natfiske-kfn-2026-12-07')).toBeDefined();
    expect(await audit('natfiske-kfn-2026-12-07')).toEqual([expect.objectContaining({ actorId: officer(), action: 'skapad', recordKind: 'campaign' })]);
    // The same campaign again: refused, not stored twice.
    expect((await send(officer(), 'POST', '', form)).status).toBe(409);
    // The data protection officer reads, and may not change.
    const dpo = await send(person('dataskyddsombud').id, 'POST', '', { ...form, startDate: '2026-12-08' });
    expect(dpo.status).toBe(403);
    expect(((await dpo.json()) as { reason: string }).reason).toBe('Dataskyddsombudet kan läsa administrationen men inte ändra i den.');
    expect((await send(person('chef').id, 'POST', '', { ...form, startDate: '2026-12-08' })).status).toBe(403);
  });

  it('changes a campaign until it starts, and not after; ends a running one; audits each', async () => {
    const changed = await send(officer(), 'PUT', '/natfiske-kfn-2026-12-07', { ...form, dueDate: '2027-01-29', maxReminders: 3 });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { campaign: Campaign }).campaign).toMatchObject({ dueDate: '2027-01-29', maxReminders: 3 });
    expect((await audit('natfiske-kfn-2026-12-07')).find((a) => a.action === 'ändrad')).toMatchObject({ before: JSON.stringify({ moduleId: 'natfiske', audience: 'namnder', committeeCodes: ['KFN'], startDate: '2026-12-07', dueDate: '2027-01-15', reminderEveryDays: 7, maxReminders: 2 }) });
    const started = await send(officer(), 'PUT', '/sn-now', { ...form, committeeCodes: ['SN'], startDate: '2026-11-24' });
    expect(started.status).toBe(409);
    expect(((await started.json()) as { reason: string }).reason).toContain('kampanjen har börjat och kan inte längre ändras');
    expect((await send(officer(), 'PUT', '/finns-inte', form)).status).toBe(404);

    const ended = await send(officer(), 'POST', '/sn-now/end');
    expect(ended.status).toBe(200);
    // Begun today and ended today: the record stays a period (start and due yesterday), and nothing more goes out.
    expect(((await ended.json()) as { campaign: Campaign }).campaign).toMatchObject({ startDate: '2026-11-23', dueDate: '2026-11-23' });
    const list = (await (await campaigns(officer())).json()) as AdminCampaignsResponse;
    expect(list.campaigns.find((c) => c.campaignId === 'sn-now')?.phase).toBe('ended');
    expect((await audit('sn-now')).map((a) => a.action)).toEqual(['avslutad']);
    expect((await send(officer(), 'POST', '/sn-now/end')).status).toBe(409);
  });

  it('never lets a changed campaign block a new one, nor become the twin of another', async () => {
    const first = { ...form, committeeCodes: ['SN'], startDate: '2026-12-14' };
    expect((await send(officer(), 'POST', '', first)).status).toBe(200);
    // Moved a week, it keeps its id…
    expect((await send(officer(), 'PUT', '/natfiske-sn-2026-12-14', { ...first, startDate: '2026-12-21' })).status).toBe(200);
    // …and a new campaign on the first date can still be made, under the next free id.
    const again = await send(officer(), 'POST', '', first);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { campaign: Campaign }).campaign.campaignId).toBe('natfiske-sn-2026-12-14-2');
    // Changed into what another campaign already sends: refused, naming that one, and left as it was.
    const twin = await send(officer(), 'PUT', '/natfiske-sn-2026-12-14-2', { ...first, startDate: '2026-12-21' });
    expect(twin.status).toBe(409);
    expect(((await twin.json()) as { reason: string }).reason).toBe('det finns redan en kampanj med samma modul, målgrupp och startdatum (natfiske-sn-2026-12-14)');
    expect((await app.store.campaigns.getByKey('natfiske-sn-2026-12-14-2'))?.value.startDate).toBe('2026-12-14');
    expect((await send(officer(), 'POST', '', { ...first, startDate: '2026-12-21' })).status).toBe(409);
  });

  it('creates and changes a campaign for a committee whose code is not plain a–z', async () => {
    await app.store.committees.create('ÖFN', { code: 'ÖFN', name: 'Överförmyndarnämnden', administration: 'Kommunledningskontoret' });
    const made = await send(officer(), 'POST', '', { ...form, committeeCodes: ['ÖFN'], startDate: '2026-12-28' });
    expect(made.status).toBe(200);
    const { campaign } = (await made.json()) as { campaign: Campaign };
    expect(campaign.campaignId).toBe('natfiske-öfn-2026-12-28');
    const changed = await send(officer(), 'PUT', `/${encodeURIComponent(campaign.campaignId)}`, { ...form, committeeCodes: ['ÖFN'], startDate: '2026-12-28', dueDate: '2027-02-26' });
    expect(changed.status).toBe(200);
    expect((await app.store.campaigns.getByKey('natfiske-öfn-2026-12-28'))?.value.dueDate).toBe('2027-02-26');
  });

  it("sends the card to its author first, apart from the campaign's own figures, and reminds now those who have not passed", async () => {
    // Johan needs a chat for the preview to reach him.
    await postActivity(app.url, installationUpdateActivity(person('sakerhetsansvarig'), connector.url));
    connector.reset();
    const preview = await send(officer(), 'POST', '/natfiske-kfn-2026-12-07/preview');
    expect(preview.status).toBe(200);
    await app.delivery.drained();
    expect(connector.received.filter((r) => r.conversationId === `a:personal-sakerhetsansvarig`)).toHaveLength(1);
    expect(await app.ops.outbox.messagesOf('learning:natfiske-kfn-2026-12-07')).toEqual([]);

    const running = campaign('sn-running', '2026-11-20', '2026-12-18');
    await app.store.campaigns.create('sn-running', running);
    // Before anyone has had its first card, there is nobody to remind: a reminder must not come first.
    const early = await send(officer(), 'POST', '/sn-running/remind');
    expect(((await early.json()) as { queued: number }).queued).toBe(0);
    // The first cards went out on Friday, when it started.
    const snIds = DEMO_PEOPLE.filter((p) => p.roles.some((r) => (r.role === 'medarbetare' || r.role === 'fortroendevald') && r.committeeCode === 'SN')).map((p) => p.id.toLowerCase());
    await app.ops.ledger.claimMany(snIds.map((p) => entryOf(running, 0, p)), '2026-11-20T09:00:00.000Z');
    const reminded = await send(officer(), 'POST', '/sn-running/remind');
    expect(reminded.status).toBe(200);
    // Everyone in SN but Anna, who passed.
    const sn = snIds.length;
    expect(((await reminded.json()) as { queued: number }).queued).toBe(sn - 1);
    // Once a day: pressed again, refused, and nothing more goes out (first cards and the reminders).
    const again = await send(officer(), 'POST', '/sn-running/remind');
    expect(again.status).toBe(409);
    expect(((await again.json()) as { reason: string }).reason).toBe('kampanjen har redan påmints i dag');
    expect((await app.ops.outbox.messagesOf('learning:sn-running')).filter((m) => m.key.includes(':manual:'))).toHaveLength(sn - 1);
    expect((await send(officer(), 'POST', '/sn-next/remind')).status).toBe(409);
  });

  it('leaves out, on a day the schedule reminds, those it has already reminded today, and sends the others once', async () => {
    // Begun a week ago: today is the day its first reminder falls due. Everyone had the first card then.
    const week = campaign('sn-week', '2026-11-17', '2026-12-18');
    await app.store.campaigns.create('sn-week', week);
    const snPeople = DEMO_PEOPLE.filter((p) => p.roles.some((r) => (r.role === 'medarbetare' || r.role === 'fortroendevald') && r.committeeCode === 'SN')).map((p) => p.id.toLowerCase());
    const anna = person('medarbetare').id.toLowerCase();
    const others = snPeople.filter((p) => p !== anna);
    await app.ops.ledger.claimMany(others.map((p) => entryOf(week, 0, p)), '2026-11-17T09:00:00.000Z');
    // The schedule has reminded all but one of them this morning.
    const [late, ...remindedToday] = others;
    await app.ops.ledger.claimMany(remindedToday.map((p) => entryOf(week, 1, p)), '2026-11-24T07:00:00.000Z');
    const res = await send(officer(), 'POST', '/sn-week/remind');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { queued: number }).queued).toBe(1);
    const queued = await app.ops.outbox.messagesOf('learning:sn-week');
    expect(queued.map((m) => m.key)).toEqual([`learning:sn-week:1:${late}`]);
    // The schedule running after it sends that reminder no second time.
    const domain = composeDomain({ config: app.config, store: app.store, ops: app.ops, clock, logger: app.logger, enqueue: (m) => app.delivery.enqueue(m) });
    await runJob(learningCampaignsJob, domain);
    expect(await app.ops.outbox.messagesOf('learning:sn-week')).toHaveLength(1);
  });

  it('reminds, on the working day after a reminder fell due on a holiday, none the schedule reminded this morning', async () => {
    // Every third day from Thursday: the first reminder fell due on Sunday; the schedule sent it this morning, after a Monday it did not run.
    const late = campaign('sn-late', '2026-11-19', '2026-12-18');
    late.reminderEveryDays = 3;
    await app.store.campaigns.create('sn-late', late);
    const anna = person('medarbetare').id.toLowerCase();
    const others = DEMO_PEOPLE.filter((p) => p.roles.some((r) => (r.role === 'medarbetare' || r.role === 'fortroendevald') && r.committeeCode === 'SN'))
      .map((p) => p.id.toLowerCase())
      .filter((p) => p !== anna);
    await app.ops.ledger.claimMany(others.map((p) => entryOf(late, 0, p)), '2026-11-19T09:00:00.000Z');
    await app.ops.ledger.claimMany(others.map((p) => entryOf(late, 1, p)), '2026-11-24T07:05:00.000Z');
    const res = await send(officer(), 'POST', '/sn-late/remind');
    expect([res.status, ((await res.json()) as { queued: number }).queued]).toEqual([200, 0]);
    expect(await app.ops.outbox.messagesOf('learning:sn-late')).toEqual([]);
  });

  it('never reminds the day the first card came, and a press with nobody to remind does not use up the day', async () => {
    await app.store.campaigns.create('sn-quiet', campaign('sn-quiet', '2026-11-23', '2026-12-18'));
    const first = await send(officer(), 'POST', '/sn-quiet/remind');
    expect([first.status, ((await first.json()) as { queued: number }).queued]).toEqual([200, 0]);
    // The schedule sends the first cards this morning: still nobody to remind today.
    const domain = composeDomain({ config: app.config, store: app.store, ops: app.ops, clock, logger: app.logger, enqueue: (m) => app.delivery.enqueue(m) });
    await runJob(learningCampaignsJob, domain);
    expect(((await (await send(officer(), 'POST', '/sn-quiet/remind')).json()) as { queued: number }).queued).toBe(0);
    // Another campaign whose first cards went out yesterday: the press reminds them, once.
    const yesterday = campaign('sn-yesterday', '2026-11-23', '2026-12-18');
    await app.store.campaigns.create('sn-yesterday', yesterday);
    const sn = DEMO_PEOPLE.filter((p) => p.roles.some((r) => (r.role === 'medarbetare' || r.role === 'fortroendevald') && r.committeeCode === 'SN')).map((p) => p.id.toLowerCase());
    expect(((await (await send(officer(), 'POST', '/sn-yesterday/remind')).json()) as { queued: number }).queued).toBe(0);
    await app.ops.ledger.claimMany(sn.map((p) => entryOf(yesterday, 0, p)), '2026-11-23T09:00:00.000Z');
    const then = await send(officer(), 'POST', '/sn-yesterday/remind');
    expect([then.status, ((await then.json()) as { queued: number }).queued]).toEqual([200, sn.length - 1]);
  });
});
