import { demoPersonByPersona, DEMO_PEOPLE } from '../../src/demo/demo-organisation';
import { learningCampaignsJob } from '../../src/jobs/learning-campaigns-job';
import { runJob } from '../../src/jobs/run-job';
import { statusTalliesJob } from '../../src/jobs/status-tallies-job';
import type { Campaign } from '../../src/learning/campaign';
import { composeDomain } from '../../src/server/compose-domain';
import type { AdminCampaignsResponse } from '../../src/api/tab-api-types';
import { postActivity, startTestApp } from '../support/app-harness';
import { FakeBotConnector } from '../support/fake-bot-connector';
import { installationUpdateActivity } from '../support/teams-activities';

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
  const startedAt = Date.now();
  const clock = { now: () => new Date(NOW.getTime() + (Date.now() - startedAt)) };
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
      expect(((await res.json()) as { reason: string }).reason).toBe('Administrationen är för informationssäkerhetsansvarig, och dataskyddsombudet kan läsa den.');
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
});
