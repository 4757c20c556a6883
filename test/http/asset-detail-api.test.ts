import { randomUUID } from 'node:crypto';
import { demoPersonByPersona } from '../../src/demo/demo-organisation';
import type { AssetDetailResponse, AssetsResponse, MeResponse } from '../../src/api/tab-api-types';
import { quarterActivities } from '../../src/actionplan/quarter-activities';
import { reportIncident } from '../../src/incidents/report-incident';
import { assetById } from '../../src/assets/asset-store';
import { startTestApp } from '../support/app-harness';
import { validForm } from '../support/incident-forms';

const id = (persona: string) => demoPersonByPersona(persona)!.id;

/**
 * One asset opened in the tab: a risk analysis recorded with its measures, a measure's status set
 * and a measure put in the nämnd's action plan (where the quarter card then has it), each checked
 * on the server for who may. The demo register, on 24 November 2026.
 */
describe('an asset, its risk analyses and measures in the tab', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp({}, { clock: { now: () => new Date('2026-11-24T09:00:00Z') } });
  });
  afterAll(() => app.stop());
  const call = async <T>(method: 'GET' | 'POST', path: string, persona: string, body?: object) => {
    const res = await fetch(`${app.url}/api/tab/${path}`, {
      method,
      headers: { 'X-Infosak-Demo-User': id(persona), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as T & { reason?: string; problems?: { field: string; message: string }[] } };
  };
  const detail = (persona: string, assetId = 'sn-ifo') => call<AssetDetailResponse>('GET', `assets/${assetId}`, persona);

  it('opens an asset for its nämnd’s coordinator, the officers and its systemägare, and for no one else', async () => {
    const coordinator = await detail('samordnare');
    expect(coordinator.status).toBe(200);
    expect(coordinator.body.asset).toMatchObject({ assetName: 'Verksamhetssystemet för individ- och familjeomsorg', committee: 'Socialnämnden', systemOwner: 'Erik Holm', informationOwner: 'Erik Holm' });
    expect(coordinator.body.may).toEqual({ edit: true, plan: true });
    // Erik owns the system: he records its analyses, but the plan is the coordinator's and the security officer's.
    expect((await detail('chef')).body.may).toEqual({ edit: true, plan: false });
    // The data protection officer reads.
    expect((await detail('dataskyddsombud')).body.may).toEqual({ edit: false, plan: false });
    // Sara coordinates SN and KFN, not SBN; staff and elected officials see no asset at all: as if it did not exist.
    expect((await detail('samordnare', 'sbn-va-styrning')).status).toBe(404);
    expect((await detail('medarbetare')).status).toBe(404);
    expect((await detail('fortroendevald')).status).toBe(404);
    expect((await detail('samordnare', 'finns-inte')).status).toBe(404);
  });

  it('records a risk analysis with its measures once, and refuses a bad one in Swedish with nothing stored', async () => {
    const bad = await call('POST', 'assets/sn-ifo/analyses', 'chef', {
      formId: randomUUID(),
      analysedOn: '2026-12-01',
      summary: '',
      reviewOn: '2026-01-01',
      measures: [{ what: 'Inför tvåfaktorsinloggning', ownerId: 'någon-okänd', dueDate: '2027-02-30' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.problems!.map((p) => p.message)).toEqual([
      'Analysdatum: kan inte ligga efter i dag.',
      'Sammanfattning: måste fyllas i.',
      'Nästa analys: ska ligga efter analysdatumet.',
      'Åtgärd 1, klart senast: ska vara ett datum ÅÅÅÅ-MM-DD.',
      'Åtgärd 1, ansvarig: välj någon av dem som listas.',
    ]);
    expect(await app.store.riskAnalyses.query({ field: 'assetId', op: 'eq', value: 'sn-ifo' })).toHaveLength(0);

    const form = {
      formId: randomUUID(),
      analysedOn: '2026-11-20',
      summary: 'Behörigheter, loggning och reservrutiner vid avbrott.',
      reviewOn: '',
      measures: [
        { what: 'Inför tvåfaktorsinloggning för alla handläggare', ownerId: id('samordnare'), dueDate: '2027-03-31' },
        { what: 'Öva reservrutinen vid avbrott', ownerId: '', dueDate: '2026-11-01' },
      ],
    };
    expect((await call('POST', 'assets/sn-ifo/analyses', 'chef', form)).status).toBe(201);
    // The same form sent again (a double click, a retry) stores nothing twice.
    expect((await call('POST', 'assets/sn-ifo/analyses', 'chef', form)).status).toBe(201);
    // Another analysis for the same day is refused, not written over the first.
    const other = await call('POST', 'assets/sn-ifo/analyses', 'samordnare', { ...form, formId: randomUUID(), summary: 'Något annat' });
    expect(other.status).toBe(400);
    expect(other.body.reason).toBe('Analysdatum: tillgången har redan en annan riskanalys den dagen.');
    // Staff may not, even knowing the asset's id.
    expect((await call('POST', 'assets/sn-ifo/analyses', 'dataskyddsombud', { ...form, formId: randomUUID(), analysedOn: '2026-11-21' })).status).toBe(403);

    const { body } = await detail('samordnare');
    expect(body.analyses).toEqual([{ analysisKey: 'sn-ifo:2026-11-20', analysedOn: '2026-11-20', summary: 'Behörigheter, loggning och reservrutiner vid avbrott.', reviewDue: '2027-11-20', current: true }]);
    expect(body.measures.map((m) => [m.what, m.owner, m.dueDate, m.status, m.late])).toEqual([
      ['Öva reservrutinen vid avbrott', 'Erik Holm', '2026-11-01', 'Ej påbörjad', true],
      ['Inför tvåfaktorsinloggning för alla handläggare', 'Sara Lind', '2027-03-31', 'Ej påbörjad', false],
    ]);
    expect(body.asset).toMatchObject({ analysedOn: '2026-11-20', analysisCurrent: true, measuresOpen: 2, measuresLate: 1 });
    // The register's coverage counts it.
    const register = await call<AssetsResponse>('GET', 'assets', 'sakerhetsansvarig');
    expect(register.body.coverage.find((c) => c.committeeCode === 'SN')).toMatchObject({ analysed: 1, measuresOpen: 2, measuresLate: 1 });
  });

  it('sets a measure’s status against the version seen, and puts a measure in the plan’s quarter card once', async () => {
    const { body } = await detail('samordnare');
    const late = body.measures.find((m) => m.late)!;
    const done = await call<{ status: string }>('POST', `assets/sn-ifo/measures/${late.measureId}/status`, 'chef', { status: 'Genomförd', etag: late.etag });
    expect(done).toMatchObject({ status: 200, body: { status: 'Genomförd' } });
    // A second person with the old version sees that it changed, and nothing is overwritten.
    const stale = await call('POST', `assets/sn-ifo/measures/${late.measureId}/status`, 'samordnare', { status: 'Struken', etag: late.etag });
    expect(stale.status).toBe(409);
    expect(stale.body.reason).toContain('Någon annan ändrade åtgärden');
    expect((await call('POST', `assets/sn-ifo/measures/${late.measureId}/status`, 'chef', { status: 'Klar', etag: late.etag })).status).toBe(400);
    // Without the version seen, nothing is written (SharePoint would take an empty If-Match as any version).
    expect((await call('POST', `assets/sn-ifo/measures/${late.measureId}/status`, 'chef', { status: 'Struken' })).status).toBe(400);

    const open = body.measures.find((m) => !m.late)!;
    const plan = { title: 'Tvåfaktorsinloggning i IFO-systemet', target: '2027-1', ownerId: id('samordnare') };
    // The systemägare records measures but does not plan the nämnd's work.
    expect((await call('POST', `assets/sn-ifo/measures/${open.measureId}/activity`, 'chef', plan)).status).toBe(403);
    const made = await call<{ title: string; year: number; quarter: number }>('POST', `assets/sn-ifo/measures/${open.measureId}/activity`, 'samordnare', plan);
    expect(made).toMatchObject({ status: 201, body: { title: 'Tvåfaktorsinloggning i IFO-systemet', year: 2027, quarter: 1 } });
    const again = await call('POST', `assets/sn-ifo/measures/${open.measureId}/activity`, 'sakerhetsansvarig', plan);
    expect(again.status).toBe(409);
    // In the quarter card of SN for Q1 2027, with the asset named.
    const q1 = await quarterActivities(app.store, 2027, 1, 'SN');
    const planned = q1.filter((a) => a.activity.area === 'Åtgärder efter riskanalyser');
    expect(planned.map((a) => [a.activity.title, a.activity.description])).toEqual([['Tvåfaktorsinloggning i IFO-systemet', 'Verksamhetssystemet för individ- och familjeomsorg: Inför tvåfaktorsinloggning för alla handläggare']]);
    expect((await detail('samordnare')).body.measures.find((m) => m.measureId === open.measureId)!.plannedIn).toEqual({ year: 2027, quarter: 1 });
  });

  it('shows the incidents reported against the asset, chosen from the register in the report form, and never their description', async () => {
    const clock = { now: () => new Date('2026-11-24T09:00:00Z') };
    const reported = await reportIncident(
      { store: app.store, ops: app.ops, clock },
      { reporterId: id('medarbetare'), submissionId: randomUUID(), form: validForm({ assetId: 'sn-ifo', affectedSystem: '', description: 'Fel person kunde läsa en journal', discoveredDate: '2026-11-24', occurredDate: '2026-11-24', occurredTime: '08:00', discoveredTime: '09:30' }), committees: ['KS', 'SN', 'BUN', 'KFN', 'SBN'], findAsset: async (assetId) => (await assetById(app.store, assetId))?.value },
    );
    expect(reported.outcome).toBe('stored');
    const stored = 'incident' in reported ? reported.incident : undefined;
    expect(stored).toMatchObject({ assetId: 'sn-ifo', affectedSystem: 'Verksamhetssystemet för individ- och familjeomsorg' });
    // Marked secret under OSL 26 by the triager: the mark goes with it wherever it is listed.
    const [item] = await app.store.incidents.query({ field: 'reference', op: 'eq', value: stored!.reference });
    await app.store.incidents.update(item!.id, item!.etag, { secrecy: 'osl-26' });
    const { body } = await detail('samordnare');
    expect(body.incidents).toEqual([{ reference: stored!.reference, reportedAt: '2026-11-24T09:00:00.000Z', category: 'Nätfiske eller bedrägeriförsök', status: 'Ny', secrecyLabel: 'Sekretess enligt OSL 26 kap. (socialtjänst)' }]);
    expect(JSON.stringify(body)).not.toContain('Fel person kunde läsa');
    // Erik owns the system but does not handle SN's incidents: he sees none of them here either.
    expect((await detail('chef')).body.incidents).toEqual([]);
    // Another system's page does not list it.
    expect((await detail('samordnare', 'sn-trygghetslarm')).body.incidents).toEqual([]);
  });

  it('lets a systemägare who holds no other role open the tab, which shows only their systems', async () => {
    // Before they own anything, staff are refused as before.
    expect((await call('GET', 'me', 'medarbetare')).status).toBe(403);
    const [asset] = await app.store.assets.query({ field: 'assetId', op: 'eq', value: 'kfn-bibliotek' });
    await app.store.assets.update(asset!.id, asset!.etag, { systemOwnerId: id('medarbetare') });
    const me = await call<MeResponse>('GET', 'me', 'medarbetare');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ committees: [], registerCommittees: [], assets: true });
    expect((await call<AssetsResponse>('GET', 'assets', 'medarbetare')).body.assets.map((a) => a.assetId)).toEqual(['kfn-bibliotek']);
    expect((await detail('medarbetare', 'kfn-bibliotek')).body.may).toEqual({ edit: true, plan: false });
    // Everything else of the tab stays closed to them.
    expect((await call('GET', 'overview?year=2026', 'medarbetare')).status).toBe(403);
    expect((await call('GET', 'committees/KFN?year=2026', 'medarbetare')).status).toBe(403);
  });
});
