import type { AnnualReport, ReportActivity } from '../../src/annual-report/annual-report';
import type { StatusName, TrainingFigure } from '../../src/status/status-view-types';

/**
 * Ledningens genomgång 2026 for a municipality with three nämnder, as annualReport would count it:
 * the plan's figures add up across the rollup, the nämnder and the summary, and training per
 * nämnd adds up to the whole. A previous year (2025) is there to compare with; overrides replace
 * whole top-level parts (pass `previous: undefined` for a first year).
 */

const TARGET = 0.8;

function figure(completed: number, expected: number): TrainingFigure {
  const rate = expected > 0 ? completed / expected : null;
  return { completed, expected, rate, meetsTarget: rate !== null && rate >= TARGET };
}

/** An activity whose quarters carry the given statuses; the last one set is where it stands. */
function activity(title: string, statuses: Record<number, StatusName | ''>, comment = '', setBy = '', setAt = ''): ReportActivity {
  const quarters = Object.keys(statuses).map(Number);
  const cells = quarters.map((quarter) => ({ quarter, status: statuses[quarter] ?? '' }));
  const latest = [...cells].reverse().find((c) => c.status !== '')?.status || 'Ej påbörjad';
  return { title, quarters, cells, status: latest, comment, setBy, setAt };
}

const SN = { code: 'SN', name: 'Socialnämnden', administration: 'Socialförvaltningen' };
const KFN = { code: 'KFN', name: 'Kultur- och fritidsnämnden', administration: 'Kultur- och fritidsförvaltningen' };
const KS = { code: 'KS', name: 'Kommunstyrelsen', administration: 'Kommunledningsförvaltningen' };

const A = {
  samordnare: 'Utse informationssäkerhetssamordnare',
  klassning: 'Klassa nämndens informationstillgångar',
  fortroendevalda: 'Grundutbildning i informationssäkerhet för förtroendevalda',
  ovning: 'Öva incidenthantering med förvaltningsledningen',
  kontinuitet: 'Kontinuitetsplan för verksamhetskritiska system',
  register: 'Uppdatera registerförteckningen (artikel 30)',
  kryptering: 'Kryptera hårddiskarna i hemtjänstens bärbara datorer',
};

const CATEGORY_NAMES: Record<string, string> = {
  'forlorad-utrustning': 'Förlorad eller stulen utrustning',
  natfiske: 'Nätfiske eller bedrägeriförsök',
  'skadlig-kod': 'Skadlig kod eller intrång',
  'felskickad-information': 'Felskickad eller röjd information',
  'obehorig-atkomst': 'Obehörig åtkomst',
  avbrott: 'Avbrott eller störning i system',
  annat: 'Annat',
};

export function sampleAnnualReport(overrides: Partial<AnnualReport> = {}): AnnualReport {
  const overall = figure(1234, 1990);
  const electedOfficials = figure(33, 61);
  const base: AnnualReport = {
    year: 2026,
    municipality: 'Exempelby kommun',
    scope: { whole: true, committees: [SN, KFN, KS] },
    generatedAt: '2026-11-24T07:45:00.000Z',
    trainingTarget: TARGET,
    auditBaseline: 0.48,
    assets: {
      asOf: '2026-11-24',
      reviewMonths: 12,
      committees: [
        { code: 'SN', name: SN.name, critical: 3, classified: 2, analysed: 1, measuresOpen: 4, measuresLate: 1 },
        { code: 'KFN', name: KFN.name, critical: 0, classified: 0, analysed: 0, measuresOpen: 0, measuresLate: 0 },
        { code: 'KS', name: KS.name, critical: 2, classified: 2, analysed: 2, measuresOpen: 1, measuresLate: 0 },
      ],
      measures: { total: 7, byStatus: [{ status: 'Ej påbörjad', count: 2 }, { status: 'Pågående', count: 3 }, { status: 'Genomförd', count: 1 }, { status: 'Struken', count: 1 }], late: 1 },
    },
    summary: {
      plan: {
        total: 18,
        done: 8,
        carriedOver: 3,
        byStatus: { 'Ej påbörjad': 2, Påbörjad: 1, Pågående: 3, 'Delvis genomförd': 1, Genomförd: 8, 'Flyttas till nästa år': 3 },
      },
      training: { overall, electedOfficials },
      incidents: { incidents: 16, weaknesses: 6, personalData: 6, reportedToImy: 2, reportedToCsirt: 1 },
      deadlines: { total: 5, met: 3, late: 1, running: 1 },
    },
    plan: {
      rollup: [
        { activityId: 'a1', area: 'Styrning och ledning', title: A.samordnare, applies: 3, done: 3, byStatus: { Genomförd: 3 } },
        { activityId: 'a2', area: 'Informationsklassning', title: A.klassning, applies: 3, done: 1, byStatus: { 'Delvis genomförd': 1, Genomförd: 1, 'Flyttas till nästa år': 1 } },
        { activityId: 'a3', area: 'Utbildning och medvetenhet', title: A.fortroendevalda, applies: 3, done: 2, byStatus: { Pågående: 1, Genomförd: 2 } },
        { activityId: 'a4', area: 'Incidenthantering', title: A.ovning, applies: 3, done: 0, byStatus: { 'Ej påbörjad': 2, Påbörjad: 1 } },
        { activityId: 'a5', area: 'Kontinuitet', title: A.kontinuitet, applies: 2, done: 0, byStatus: { Pågående: 1, 'Flyttas till nästa år': 1 } },
        { activityId: 'a6', area: 'Dataskydd', title: A.register, applies: 3, done: 2, byStatus: { Genomförd: 2, 'Flyttas till nästa år': 1 } },
        { activityId: 'i1', area: 'Incidenthantering', title: A.kryptering, applies: 1, done: 0, byStatus: { Pågående: 1 } },
      ],
      committees: [
        {
          ...SN,
          progress: { total: 7, done: 2, byStatus: { 'Ej påbörjad': 1, Pågående: 2, 'Delvis genomförd': 1, Genomförd: 2, 'Flyttas till nästa år': 1 } },
          areas: [
            { area: 'Styrning och ledning', activities: [activity(A.samordnare, { 1: 'Genomförd' }, 'Utsedd av förvaltningschefen den 12 februari.', 'Maria Lindqvist', '2026-02-13T09:10:00Z')] },
            {
              area: 'Informationsklassning',
              activities: [activity(A.klassning, { 2: 'Påbörjad', 3: 'Delvis genomförd' }, 'Verksamhetssystemet för individ- och familjeomsorg är klassat; hemtjänstens system återstår.', 'Maria Lindqvist', '2026-09-30T14:00:00Z')],
            },
            { area: 'Utbildning och medvetenhet', activities: [activity(A.fortroendevalda, { 1: 'Påbörjad', 3: 'Genomförd' }, 'Genomförd på nämndsammanträdet i september.', 'Maria Lindqvist', '2026-09-18T11:30:00Z')] },
            {
              area: 'Incidenthantering',
              activities: [
                activity(A.ovning, { 4: '' }),
                activity(A.kryptering, { 4: 'Pågående' }, 'Hälften av datorerna är krypterade.', 'Johan Berg', '2026-11-10T08:00:00Z'),
              ],
            },
            { area: 'Kontinuitet', activities: [activity(A.kontinuitet, { 2: 'Påbörjad', 3: 'Pågående', 4: '' }, 'Väntar på riskanalysen från IT-enheten.', 'Johan Berg', '2026-09-29T10:00:00Z')] },
            { area: 'Dataskydd', activities: [activity(A.register, { 3: 'Flyttas till nästa år' }, 'Skjuts upp till 2027 när det nya verksamhetssystemet är på plats.', 'Maria Lindqvist', '2026-09-25T13:15:00Z')] },
          ],
        },
        {
          ...KFN,
          progress: { total: 5, done: 3, byStatus: { 'Ej påbörjad': 1, Pågående: 1, Genomförd: 3 } },
          areas: [
            { area: 'Styrning och ledning', activities: [activity(A.samordnare, { 1: 'Genomförd' }, 'Klart.', 'Sara Ek', '2026-03-02T12:00:00Z')] },
            { area: 'Informationsklassning', activities: [activity(A.klassning, { 2: 'Pågående', 3: 'Genomförd' }, 'Bibliotekets och fritidsgårdarnas information klassad.', 'Sara Ek', '2026-09-20T09:00:00Z')] },
            { area: 'Utbildning och medvetenhet', activities: [activity(A.fortroendevalda, { 1: '', 3: 'Pågående' }, 'Hälften av ledamöterna har gått utbildningen.', 'Sara Ek', '2026-10-01T09:00:00Z')] },
            { area: 'Incidenthantering', activities: [activity(A.ovning, { 4: '' })] },
            { area: 'Dataskydd', activities: [activity(A.register, { 3: 'Genomförd' }, '', 'Sara Ek', '2026-08-28T15:00:00Z')] },
          ],
        },
        {
          ...KS,
          progress: { total: 6, done: 3, byStatus: { Påbörjad: 1, Genomförd: 3, 'Flyttas till nästa år': 2 } },
          areas: [
            { area: 'Styrning och ledning', activities: [activity(A.samordnare, { 1: 'Genomförd' }, 'Säkerhetssamordnaren är utsedd.', 'Ali Hassan', '2026-01-28T10:00:00Z')] },
            { area: 'Informationsklassning', activities: [activity(A.klassning, { 2: 'Påbörjad', 3: 'Flyttas till nästa år' }, 'Flyttas: förvaltningen omorganiseras under hösten.', 'Ali Hassan', '2026-09-15T08:30:00Z')] },
            { area: 'Utbildning och medvetenhet', activities: [activity(A.fortroendevalda, { 1: 'Pågående', 3: 'Genomförd' }, 'Alla ledamöter och ersättare har gått den.', 'Ali Hassan', '2026-09-10T16:00:00Z')] },
            { area: 'Incidenthantering', activities: [activity(A.ovning, { 4: 'Påbörjad' }, 'Övningen är bokad till den 9 december.', 'Ali Hassan', '2026-11-03T09:45:00Z')] },
            { area: 'Kontinuitet', activities: [activity(A.kontinuitet, { 2: 'Påbörjad', 3: 'Flyttas till nästa år', 4: '' }, 'Görs tillsammans med den nya driftleverantören 2027.', 'Ali Hassan', '2026-09-15T08:40:00Z')] },
            { area: 'Dataskydd', activities: [activity(A.register, { 3: 'Genomförd' }, 'Registerförteckningen är uppdaterad och publicerad.', 'Ali Hassan', '2026-09-12T13:00:00Z')] },
          ],
        },
      ],
      carriedOver: [
        { committee: SN.name, activity: A.register, comment: 'Skjuts upp till 2027 när det nya verksamhetssystemet är på plats.' },
        { committee: KS.name, activity: A.klassning, comment: 'Flyttas: förvaltningen omorganiseras under hösten.' },
        { committee: KS.name, activity: A.kontinuitet, comment: 'Görs tillsammans med den nya driftleverantören 2027.' },
      ],
      fromIncidents: [{ committee: SN.name, title: A.kryptering, quarter: 4, year: 2026, status: 'Pågående' }],
    },
    training: {
      overall,
      electedOfficials,
      modules: [
        { moduleId: 'natfiske', title: 'Känn igen nätfiske', figure: figure(1612, 1990), previous: figure(1050, 1810) },
        { moduleId: 'personuppgifter', title: 'Säker hantering av personuppgifter', figure: figure(1190, 1990), previous: figure(930, 1810) },
        { moduleId: 'tvastegs', title: 'Lösenord och tvåstegsverifiering', figure: figure(900, 1990) },
      ],
      committees: [
        {
          code: 'SN',
          name: SN.name,
          figure: figure(656, 1150),
          previous: figure(520, 1060),
          modules: [
            { moduleId: 'natfiske', title: 'Känn igen nätfiske', figure: figure(890, 1150) },
            { moduleId: 'personuppgifter', title: 'Säker hantering av personuppgifter', figure: figure(640, 1150) },
          ],
        },
        {
          code: 'KFN',
          name: KFN.name,
          figure: figure(357, 420),
          previous: figure(240, 400),
          modules: [{ moduleId: 'natfiske', title: 'Känn igen nätfiske', figure: figure(372, 420) }],
        },
        { code: 'KS', name: KS.name, figure: figure(221, 420), previous: figure(220, 350), modules: [{ moduleId: 'tvastegs', title: 'Lösenord och tvåstegsverifiering', figure: figure(221, 420) }] },
      ],
    },
    incidents: {
      figures: {
        total: 22,
        open: 3,
        weaknesses: 6,
        byCategory: {
          'forlorad-utrustning': [1, 0, 2, 1],
          natfiske: [2, 3, 1, 2],
          'skadlig-kod': [0, 1, 0, 0],
          'felskickad-information': [1, 2, 1, 1],
          'obehorig-atkomst': [0, 0, 1, 0],
          avbrott: [1, 0, 0, 1],
          annat: [0, 1, 0, 0],
        },
        byQuarter: [5, 7, 5, 5],
      },
      categoryNames: CATEGORY_NAMES,
      byAuditGroup: { it: 9, lostOrStolen: 4, personalData: 6, other: 5 },
      imy: { personalData: 6, reported: 2, inTime: 1, notReportable: 3, undecided: 1 },
      csirt: { judged: 4, significant: 1, reported: 1, inTime: 1, notSignificant: 3 },
      medianHours: { toAcknowledgement: 5.5, toClosure: 72 },
    },
    previous: {
      year: 2025,
      plan: { total: 15, done: 9, carriedOver: 2, byStatus: { Pågående: 2, 'Delvis genomförd': 2, Genomförd: 9, 'Flyttas till nästa år': 2 } },
      training: { overall: figure(980, 1810), electedOfficials: figure(22, 58) },
      incidents: { incidents: 9, weaknesses: 3, personalData: 4, reportedToImy: 1, reportedToCsirt: 0 },
    },
  };
  return { ...base, ...overrides };
}
