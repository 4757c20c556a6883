import { demoPersonByPersona } from '../../src/demo/demo-organisation';
import { t, type TextKey } from '../../src/i18n/texts';
import type { OverviewResponse } from '../../src/status/status-view-types';
import type { AssetsResponse } from '../../src/api/tab-api-types';
import type { Incident } from '../../src/incidents/incident';
import { incident as incidentFor } from '../contract/store-contract';
import { startTestApp } from '../support/app-harness';
import { docxParagraphs, docxTables } from '../support/docx-text';

const person = (persona: string) => demoPersonByPersona(persona)!;
const NBSP = '\u00a0';
/** A count as the Swedish report writes it (a no-break space between thousands). */
const n = (value: number) => new Intl.NumberFormat('sv-SE').format(value).replace(/\s/g, NBSP);

/**
 * Ledningens genomgång from the status tab: the Word document a person downloads, opened as a
 * reader would — its sections, its figures beside the tab's own for the same year and person, the
 * nämnder it covers, and nothing an incident's reporter or triager wrote.
 */
describe('the annual report from the status tab', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  // The year's reports: one notified to IMY in time, one judged not reportable, one significant under cybersäkerhetslagen (early warning late), one weakness.
  const reports: Incident[] = [
    incidentFor('INC-2026-0101', { committeeCode: 'SN', category: 'felskickad-information', description: 'Utredning om ett barn skickad till fel vårdnadshavare.', discoveredAt: '2026-03-02T08:00:00.000Z', reportedAt: '2026-03-02T09:00:00.000Z', acknowledgedAt: '2026-03-02T11:00:00.000Z', personalData: true, imyReportable: true, imyNotifiedAt: '2026-03-03T10:00:00.000Z', imyMotivation: 'Känsliga uppgifter om ett barn.', secrecy: 'osl-26', status: 'Stängd', closingNote: 'Rutinen för utskick är ändrad.' }),
    incidentFor('INC-2026-0102', { committeeCode: 'KFN', category: 'forlorad-utrustning', description: 'Krypterad dator glömd på pendeltåget.', discoveredAt: '2026-05-11T07:00:00.000Z', reportedAt: '2026-05-11T07:30:00.000Z', acknowledgedAt: '2026-05-11T13:30:00.000Z', personalData: true, imyReportable: false, imyMotivation: 'Disken är krypterad och nyckeln har inte röjts.' }),
    incidentFor('INC-2026-0103', { committeeCode: 'KS', category: 'skadlig-kod', description: 'Utpressningsprogram på en filserver i stadshuset.', discoveredAt: '2026-09-14T06:00:00.000Z', reportedAt: '2026-09-14T06:20:00.000Z', personalData: false, significant: true, significantDecidedAt: '2026-09-14T08:00:00.000Z', significantMotivation: 'Flera förvaltningar utan filer i två dygn.', nisEarlyWarningAt: '2026-09-15T12:00:00.000Z', nisNotificationAt: '2026-09-16T07:00:00.000Z', resolvedAt: '2026-09-18T12:00:00.000Z', nisFinalReportAt: '2026-10-12T08:00:00.000Z' }),
    incidentFor('INC-2026-0104', { kind: 'weakness', committeeCode: 'SN', category: 'obehorig-atkomst', description: 'Delad inloggning till journalsystemet på avdelningen.', discoveredAt: '2026-10-01T08:00:00.000Z', reportedAt: '2026-10-01T08:10:00.000Z', personalData: false }),
  ];
  beforeAll(async () => {
    app = await startTestApp({ STATUS_CACHE_SECONDS: '0', MUNICIPALITY_NAME: 'Exempelby kommun' }, { clock: { now: () => new Date('2026-11-24T09:00:00Z') } });
    for (const i of reports) await app.store.incidents.create(`test:${i.reference}`, i);
    // Actions taken into the plan after two of them: one under secrecy (osl-26), one not.
    await app.store.activities.create('activity:2026-atgard-sekretess', { year: 2026, activityId: '2026-atgard-sekretess', area: 'Åtgärder efter incidenter', title: 'Ny rutin för utskick av utredningar om barn', description: '', quarters: [4], committees: ['SN'], ownerId: person('samordnare').id, incidentRef: 'INC-2026-0101' });
    await app.store.activities.create('activity:2026-atgard-oppen', { year: 2026, activityId: '2026-atgard-oppen', area: 'Åtgärder efter incidenter', title: 'Kryptering och fjärrlåsning på alla bärbara datorer', description: '', quarters: [4], committees: ['KFN'], ownerId: person('samordnare').id, incidentRef: 'INC-2026-0102' });
    await app.store.incidentEvents.create('test:INC-2026-0101:stangd', { reference: 'INC-2026-0101', at: '2026-03-20T14:00:00.000Z', actorId: person('samordnare').id, action: 'stängd', detail: 'Rutinen för utskick är ändrad.' });
  });
  afterAll(() => app.stop());

  const get = (persona: string | undefined, query: string) => fetch(`${app.url}/api/tab/report.docx${query}`, { headers: persona ? { 'X-Infosak-Demo-User': person(persona).id } : {} });
  const report = async (persona: string, query = '?year=2026') => {
    const res = await get(persona, query);
    expect([persona, res.status]).toEqual([persona, 200]);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    return Buffer.from(await res.arrayBuffer());
  };
  const overview = async (persona: string) => (await (await fetch(`${app.url}/api/tab/overview?year=2026`, { headers: { 'X-Infosak-Demo-User': person(persona).id } })).json()) as OverviewResponse;
  /** The summary's table: key figure → this year's value. */
  const summary = (file: Buffer) => new Map(docxTables(file)[0]!.rows.slice(1).map((r) => [r[0]!, r[1]!]));

  it("holds the sections of Ledningens genomgång, titled for the year and the municipality, with headings left for people to write", async () => {
    const file = await report('sakerhetsansvarig');
    const paragraphs = docxParagraphs(file);
    expect(paragraphs.find((p) => p.style === 'Title')?.text).toBe('Ledningens genomgång – informationssäkerhet och dataskydd 2026');
    expect(paragraphs.some((p) => p.text === 'Exempelby kommun')).toBe(true);
    expect(paragraphs.some((p) => p.text === 'Omfattning: hela kommunen')).toBe(true);
    expect(paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual([
      'Sammanfattning',
      'Handlingsplanen',
      'Utbildning',
      'Incidenter',
      'Informationstillgångar',
      'Jämförelse med föregående år',
      'Analys',
      'Slutsatser',
      'Beslut',
      'Prioriteringar för nästa år',
    ]);
    // Every table's header row repeats on each page.
    expect(docxTables(file).every((t) => t.header)).toBe(true);
  });

  it("gives the figures the tab gives the same person for the same year", async () => {
    for (const persona of ['sakerhetsansvarig', 'chef']) {
      const file = await report(persona);
      const tab = await overview(persona);
      const figures = summary(file);
      const plan = tab.committees.reduce((sum, c) => ({ done: sum.done + c.plan.done, total: sum.total + c.plan.total }), { done: 0, total: 0 });
      expect([persona, figures.get('Handlingsplanen: genomförda aktiviteter')]).toEqual([persona, expect.stringMatching(new RegExp(`^${n(plan.done)} av ${n(plan.total)}`))]);
      const training = tab.training.overall;
      expect([persona, figures.get('Utbildning: samtliga')]).toEqual([persona, expect.stringMatching(new RegExp(`^${n(training.completed)} av ${n(training.expected)}`))]);
      expect([persona, figures.get('Incidenter')]).toEqual([persona, n(tab.incidents.total - tab.incidents.weaknesses)]);
      expect([persona, figures.get('Brister')]).toEqual([persona, n(tab.incidents.weaknesses)]);
      expect(tab.incidents.total).toBeGreaterThan(0);
      // By category and quarter, as the tab's incident table.
      const categories = docxTables(file).find((t) => t.rows[0]![0] === 'Kategori')!;
      for (const [code, quarters] of Object.entries(tab.incidents.byCategory)) {
        const row = categories.rows.find((r) => r[0] === t('sv', `incident.category.${code}` as TextKey));
        expect([persona, code, row?.slice(1, 5)]).toEqual([persona, code, quarters.map(n)]);
      }
    }
  });

  it('counts the reports to the authorities from the records: IMY in time, not reportable, CERT-SE late, and the times to acknowledge and close', async () => {
    const file = await report('sakerhetsansvarig');
    const figures = summary(file);
    expect(figures.get('Personuppgiftsincidenter')).toBe('2');
    expect(figures.get('Anmälda till IMY')).toBe('1');
    expect(figures.get('Rapporterade till CERT-SE')).toBe('1');
    // IMY within 72 h; the early warning 28 h after the decision (24 h allowed); the notification within 72 h and the final report within the month.
    expect(figures.get('Lagstadgade tidsfrister som hölls')).toBe('3 av 4');
    expect(figures.get('Lagstadgade tidsfrister som missades')).toBe('1');
    const rows = docxTables(file).flatMap((t) => t.rows);
    const value = (label: string) => rows.find((r) => r[0] === label)?.[1];
    expect(value('Bedömda som inte anmälningspliktiga')).toBe('1');
    expect(value('varav inom 72 timmar')).toBe('1');
    // Acknowledged after 2 h and 6 h: the median 4 h; closed after 18 days and 5 h.
    expect(value('Från rapport till kvittens')).toBe('4 timmar');
    expect(value('Från rapport till avslut')).toBe('18,2 dygn');
  });

  it('counts the critical systems’ classification and risk analysis per nämnd as the register in the tab does, and the measures by status', async () => {
    await app.store.riskAnalyses.create('analysis:sn-ifo:2026-06-01', { analysisKey: 'sn-ifo:2026-06-01', assetId: 'sn-ifo', committeeCode: 'SN', analysedOn: '2026-06-01', summary: 'Behörigheter' });
    await app.store.assetMeasures.create('measure:m1', { measureId: 'm1', assetId: 'sn-ifo', committeeCode: 'SN', what: 'Logguppföljning', dueDate: '2026-10-31', status: 'Pågående' });
    await app.store.assetMeasures.create('measure:m2', { measureId: 'm2', assetId: 'sn-ifo', committeeCode: 'SN', what: 'Behörighetsöversyn', dueDate: '2026-09-30', status: 'Genomförd' });
    const tab = (await (await fetch(`${app.url}/api/tab/assets`, { headers: { 'X-Infosak-Demo-User': person('sakerhetsansvarig').id } })).json()) as AssetsResponse;
    const file = await report('sakerhetsansvarig');
    const coverage = docxTables(file).find((t) => t.rows[0]!.join('|') === 'Nämnd|Kritiska system|Aktuell klassning|Aktuell riskanalys|Öppna åtgärder|Försenade')!;
    const share = (part: number, of: number) => (of === 0 ? '–' : `${part} av ${of} (${Math.round((part / of) * 100)}${NBSP}%)`);
    expect(coverage.rows.slice(1).sort()).toEqual(
      tab.coverage.map((c) => [c.committee, String(c.critical), share(c.classified, c.critical), share(c.analysed, c.critical), String(c.measuresOpen), String(c.measuresLate)]).sort(),
    );
    expect(coverage.rows.find((r) => r[0] === 'Socialnämnden')).toEqual(['Socialnämnden', '3', `1 av 3 (33${NBSP}%)`, `1 av 3 (33${NBSP}%)`, '1', '1']);
    const measures = docxTables(file).find((t) => t.rows.some((r) => r[0] === 'varav försenade'))!;
    expect(measures.rows.slice(1)).toEqual([['Ej påbörjad', '0'], ['Pågående', '1'], ['Genomförd', '1'], ['Struken', '0'], ['varav försenade', '1']]);
    // A manager's report: their nämnd's systems only.
    const own = docxTables(await report('chef')).find((t) => t.rows[0]![0] === 'Nämnd' && t.rows[0]![1] === 'Kritiska system')!;
    expect(own.rows.slice(1).map((r) => r[0])).toEqual(['Socialnämnden']);
  });

  it("holds a manager's own nämnd only, and refuses another", async () => {
    const erik = person('chef');
    const own = (await overview('chef')).committees.map((c) => c.name);
    const others = (await overview('sakerhetsansvarig')).committees.map((c) => c.name).filter((name) => !own.includes(name));
    expect(own.length).toBeGreaterThan(0);
    expect(others.length).toBeGreaterThan(0);
    const text = docxParagraphs(await report('chef'))
      .map((p) => p.text)
      .join('\n');
    expect(text).toContain(`Omfattning: ${own.join(', ')}`);
    for (const name of others) expect([erik.displayName, name, text.includes(name)]).toEqual([erik.displayName, name, false]);
    const refused = await get('chef', '?year=2026&committee=KFN');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { reason: string }).reason).toBe('Du har ingen roll som ger dig tillgång till Kultur- och fritidsnämnden.');
    // The security officer may ask for one nämnd.
    expect(docxParagraphs(await report('sakerhetsansvarig', '?year=2026&committee=KFN')).some((p) => p.text === 'Omfattning: Kultur- och fritidsnämnden')).toBe(true);
  });

  it("holds nothing an incident's reporter or triager wrote, nor its secrecy-marked details", async () => {
    const text = docxParagraphs(await report('sakerhetsansvarig'))
      .map((p) => p.text)
      .join('\n');
    const incidents = (await app.store.incidents.query()).map((i) => i.value);
    expect(incidents.length).toBeGreaterThan(0);
    const written = incidents.flatMap((i) => [i.description, i.closingNote, i.consequences, i.measuresTaken, i.riskMotivation, i.imyMotivation, i.significantMotivation, i.affectedSystem].filter((s): s is string => Boolean(s && s.length > 8)));
    expect(written.length).toBeGreaterThan(0);
    for (const s of written) expect([s, text.includes(s)]).toEqual([s, false]);
    // The action after the incident under secrecy is there, but not what it says; the other by its title.
    expect(text).not.toContain('Ny rutin för utskick av utredningar om barn');
    expect(text).toContain('Åtgärd efter en incident under sekretess');
    expect(text).toContain('Kryptering och fjärrlåsning på alla bärbara datorer');
  });

  it('refuses staff without a status role, a bad year and an unknown nämnd, in Swedish', async () => {
    expect((await get('medarbetare', '?year=2026')).status).toBe(403);
    expect((await get(undefined, '?year=2026')).status).toBe(401);
    const bad = await get('sakerhetsansvarig', '?year=1999');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { reason: string }).reason).toMatch(/^Året ska vara ett år från/);
    expect((await get('sakerhetsansvarig', '?year=2026&committee=XYZ')).status).toBe(404);
  });
});
