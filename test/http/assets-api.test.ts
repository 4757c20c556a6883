import { demoPersonByPersona } from '../../src/demo/demo-organisation';
import type { AssetsResponse, MeResponse } from '../../src/api/tab-api-types';
import { startTestApp } from '../support/app-harness';

const id = (persona: string) => demoPersonByPersona(persona)!.id;

/** The register of information assets through the tab's API, as each demo person gets it (local demo sign-in). */
describe('the register of information assets in the tab', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp({}, { clock: { now: () => new Date('2026-11-24T09:00:00Z') } });
  });
  afterAll(() => app.stop());
  const get = async <T>(path: string, persona: string) => {
    const res = await fetch(`${app.url}/api/tab/${path}`, { headers: { 'X-Infosak-Demo-User': id(persona) } });
    return { status: res.status, body: (await res.json()) as T & { reason?: string } };
  };

  it('shows the security officer every nämnd’s critical systems: classified, analysed, measures', async () => {
    const { status, body } = await get<AssetsResponse>('assets', 'sakerhetsansvarig');
    expect(status).toBe(200);
    expect(body.reviewMonths).toBe(12);
    // The demo register: SN's three critical systems, one classified within the year, none analysed yet.
    expect(body.coverage.find((c) => c.committeeCode === 'SN')).toEqual({ committeeCode: 'SN', committee: 'Socialnämnden', critical: 3, classified: 1, analysed: 0, measuresOpen: 0, measuresLate: 0 });
    expect(body.coverage.find((c) => c.committeeCode === 'KFN')).toMatchObject({ critical: 0, classified: 0 });
    expect(body.coverage.map((c) => c.committeeCode).sort()).toEqual(['BUN', 'KFN', 'KS', 'SBN', 'SN']);
    expect(body.assets).toHaveLength(12);
    // The critical first.
    expect(body.assets.slice(0, 9).every((a) => a.critical)).toBe(true);
    const larm = body.assets.find((a) => a.assetId === 'sn-trygghetslarm')!;
    expect(larm).toMatchObject({ committee: 'Socialnämnden', criticalityLabel: 'Samhällsviktig', levels: { confidentiality: 2, integrity: 3, availability: 4, traceability: null }, classificationCurrent: false, analysedOn: '', systemOwner: 'Erik Holm' });
    expect(body.assets.find((a) => a.assetId === 'sn-hemtjanst-planering')).toMatchObject({ classifiedOn: '', classificationDue: '', classificationCurrent: false });
  });

  it('counts a risk analysis and a late measure where they are recorded', async () => {
    await app.store.riskAnalyses.create('analysis:sn-ifo:2026-06-01', { analysisKey: 'sn-ifo:2026-06-01', assetId: 'sn-ifo', committeeCode: 'SN', analysedOn: '2026-06-01', summary: 'Behörigheter och loggning' });
    await app.store.assetMeasures.create('measure:sn-ifo-logg', { measureId: 'sn-ifo-logg', assetId: 'sn-ifo', committeeCode: 'SN', analysisKey: 'sn-ifo:2026-06-01', what: 'Följ upp loggarna varje månad', dueDate: '2026-10-31', status: 'Pågående' });
    const { body } = await get<AssetsResponse>('assets', 'samordnare');
    expect(body.coverage.find((c) => c.committeeCode === 'SN')).toEqual({ committeeCode: 'SN', committee: 'Socialnämnden', critical: 3, classified: 1, analysed: 1, measuresOpen: 1, measuresLate: 1 });
    expect(body.assets.find((a) => a.assetId === 'sn-ifo')).toMatchObject({ analysedOn: '2026-06-01', analysisCurrent: true, measuresOpen: 1, measuresLate: 1 });
  });

  it('gives a coordinator their nämnd, a systemägare their own systems, and refuses everyone else on the server', async () => {
    // Sara coordinates SN and KFN.
    const coordinator = await get<AssetsResponse>('assets', 'samordnare');
    expect(coordinator.body.coverage.map((c) => c.committeeCode)).toEqual(['SN', 'KFN']);
    expect(new Set(coordinator.body.assets.map((a) => a.committeeCode))).toEqual(new Set(['SN', 'KFN']));
    // Erik manages SN and owns its three systems, but reads no nämnd's register.
    const owner = await get<AssetsResponse>('assets', 'chef');
    expect(owner.status).toBe(200);
    expect(owner.body.coverage).toEqual([]);
    expect(owner.body.assets.map((a) => a.assetId).sort()).toEqual(['sn-hemtjanst-planering', 'sn-ifo', 'sn-trygghetslarm']);
    const elected = await get<AssetsResponse>('assets', 'fortroendevald');
    expect(elected.status).toBe(403);
    expect(elected.body.reason).toContain('Registret över informationstillgångar är till för');
    expect((await get('assets', 'medarbetare')).status).toBe(403);
    expect((await fetch(`${app.url}/api/tab/assets`)).status).toBe(401);
    // The tab offers the register to those it answers.
    expect((await get<MeResponse>('me', 'sakerhetsansvarig')).body.assets).toBe(true);
    expect((await get<MeResponse>('me', 'chef')).body.assets).toBe(true);
    expect((await get<MeResponse>('me', 'fortroendevald')).body.assets).toBeUndefined();
  });
});
