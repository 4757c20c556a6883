import type { OrganisationOverview } from '../../src/admin/organisation-overview';
import { demoPersonByPersona } from '../../src/demo/demo-organisation';
import { startTestApp } from '../support/app-harness';

const person = (persona: string) => demoPersonByPersona(persona)!;

/** The organisation in the Administration part: committees, who holds which role, and what is missing. */
describe('the organisation in the Administration part', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp({}, { clock: { now: () => new Date('2026-11-24T09:00:00Z') } });
  });
  afterAll(() => app.stop());
  const organisation = (persona: string) => fetch(`${app.url}/api/tab/admin/organisation`, { headers: { 'X-Infosak-Demo-User': person(persona).id } });

  it('shows committees, their roles and what is missing, read from the roles list', async () => {
    const res = await organisation('sakerhetsansvarig');
    expect(res.status).toBe(200);
    const body = (await res.json()) as OrganisationOverview;
    expect(body.source).toEqual({ people: 'roleslist', roles: 'roleslist' });
    const sn = body.committees.find((c) => c.code === 'SN')!;
    expect(sn).toMatchObject({ name: 'Socialnämnden', administration: 'Socialförvaltningen' });
    expect(sn.roles).toEqual([
      { role: 'samordnare', people: [{ id: person('samordnare').id, name: 'Sara Lind' }] },
      { role: 'chef', people: [{ id: person('chef').id, name: 'Erik Holm' }] },
    ]);
    expect(sn.learners).toBe(4);
    expect(body.municipalityWide.map((r) => [r.role, r.people.map((p) => p.name)])).toEqual([
      ['sakerhetsansvarig', ['Johan Berg']],
      ['itsakerhetsansvarig', ['Omar Haddad']],
      ['dataskyddsombud', ['Maria Ek']],
    ]);
    // The demo's coordinators are Sara's: SN and KFN. Every committee has a municipality-wide triager.
    expect(body.missing.noCoordinator.map((f) => f.administration)).toEqual(['Barn- och utbildningsförvaltningen', 'Kommunledningskontoret', 'Samhällsbyggnadsförvaltningen']);
    expect(body.missing.noTriager).toEqual([]);
  });

  it('is refused to everyone but the security officer and the data protection officer', async () => {
    for (const persona of ['chef', 'samordnare', 'fortroendevald', 'medarbetare']) expect([persona, (await organisation(persona)).status]).toEqual([persona, 403]);
  });
});
