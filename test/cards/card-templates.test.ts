import { CARD_TEMPLATES, renderCard, TEAMS_CARD_LIMIT_BYTES, type CardName } from '../../bot/cards/card-templates';
import { helpCardData, welcomeCardData } from '../../bot/cards/card-data';
import { actionPlanCardData } from '../../bot/cards/actionplan-card-data';
import { messageFormData } from '../../bot/cards/incident-message-form-card-data';
import { incidentCardData, incidentFormData, incidentListData, incidentReceiptData } from '../../bot/cards/incident-card-data';
import { assessmentCardData } from '../../bot/cards/incident-assessment-card-data';
import { draftCardData } from '../../bot/cards/incident-draft-card-data';
import { actionFormData } from '../../bot/cards/incident-action-card-data';
import { authorityDraft } from '../../src/reports/authority-drafts';
import { LONG_TEXT_MAX } from '../../src/incidents/assessment';
import { deadlinesFor } from '../../src/incidents/deadlines';
import { loadIncidentRules } from '../../src/incidents/incident-rules';
import { loadConfig } from '../../src/config/config';
import { incident as sampleIncident } from '../contract/store-contract';
import { adaptiveCardProblems } from '../support/adaptive-card-validation';
import { learningListData, moduleCardData } from '../../bot/cards/learning-card-data';
import { loadModuleLibrary } from '../../src/learning/module-library';

const library = loadModuleLibrary(loadConfig({}).learning.dir);
const longest = [...library.modules].sort((a, b) => JSON.stringify(b).length - JSON.stringify(a).length)[0]!;

const rules = loadIncidentRules(loadConfig({}).incidentRulesFile);
const incident = sampleIncident('INC-2026-0042', { personalData: true, essentialService: true, approxPeopleAffected: 120, severity: 'hög' });
const committees = [{ code: 'SN', name: 'Socialnämnden', administration: 'Socialförvaltningen' }];
const long = (c: string) => c.repeat(LONG_TEXT_MAX);
const longest_assessed = {
  ...incident,
  description: 'd'.repeat(4000),
  riskLevel: 'hog' as const,
  riskMotivation: long('r'),
  consequences: long('c'),
  measuresTaken: long('m'),
  measuresPlanned: long('p'),
  rootCause: long('o'),
  imyReportable: true,
  imyMotivation: long('i'),
  imyNotifiedAt: '2026-03-09T10:00:00.000Z',
  imyLateReason: long('l'),
  subjectsException: 'oproportionerlig-anstrangning' as const,
  subjectsExceptionMotivation: long('e'),
  significant: true,
  significantMotivation: long('s'),
  caseNumber: 'x'.repeat(255),
  secrecy: 'osl-26' as const,
};

/** Data for each template, as the flows fill it in; the test fails for a template without sample data. */
const SAMPLES: Record<CardName, object> = {
  welcome: welcomeCardData('sv', 'http://localhost:3978/tab/', { activities: true, status: true }),
  help: helpCardData('sv', 'Du är Sara Lind – informationssäkerhetssamordnare i Socialnämnden.', 'http://localhost:3978/tab/', { activities: true, status: true }),
  incidentForm: incidentFormData('sv', {
    submissionId: '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e',
    committees,
    values: { description: 'x'.repeat(4000) },
    errors: { description: { code: 'required' }, discoveredDate: { code: 'inFuture' } },
  }),
  // A message at the form's limit in two thousand lines, from a sender with the longest name, and errors: the largest the dialog gets.
  incidentMessageForm: messageFormData('sv', {
    submissionId: '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e',
    committees,
    values: { description: 'x'.repeat(4000) },
    errors: { description: { code: 'required' }, discoveredDate: { code: 'inFuture' } },
    message: { senderName: 'n'.repeat(200), senderKind: 'extern', sentAt: '2026-03-02T07:45:00.000Z', place: 'kanal', link: 'https://teams.microsoft.com/l/message/19:grupp@thread.v2/1763970000000', text: 'm\n'.repeat(2000).trim() },
    messageSig: 'x'.repeat(43),
  }),
  incidentReceipt: incidentReceiptData('sv', incident, 'Socialförvaltningen', true, [{ name: 'Sara Lind', role: 'samordnare' }], rules),
  incident: incidentCardData('sv', {
    item: {
      id: '1',
      key: 'k',
      etag: '"a,1"',
      createdAt: '',
      modifiedAt: '',
      value: {
        ...incident,
        description: 'y'.repeat(4000),
        reportedMessage: { senderName: 'n'.repeat(200), senderKind: 'extern', sentAt: '2026-03-02T07:45:00.000Z', place: 'kanal', link: 'https://teams.microsoft.com/l/message/19:grupp@thread.v2/1763970000000', text: 'm'.repeat(4000) },
      },
    },
    committeeName: 'Socialförvaltningen',
    deadlines: deadlinesFor(incident, rules),
    abilities: { triage: true, facts: true, imy: true, nis: true, records: true, deadlineFields: ['nisEarlyWarningAt'], createAction: true },
    drafts: ['imy', 'csirt'],
    csirt: 'CERT-SE',
    refreshUserIds: Array.from({ length: 60 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`),
    names: (id) => id,
    now: new Date('2026-03-02T10:00:00Z'),
    message: { text: 'Sparat.', kind: 'good' },
    lesson: { moduleTitle: 'Nätfiske och bedrägeriförsök' },
  }),
  actionPlan: actionPlanCardData('sv', {
    year: 2026,
    quarter: 2,
    committeeCode: 'SN',
    committeeName: 'Socialnämnden',
    intro: 'quarterStart',
    names: (id) => id,
    message: { text: 'Sparat: Riskanalys.', kind: 'good' },
    activities: Array.from({ length: 12 }, (_, i) => ({
      activity: { year: 2026, activityId: `2026-a${i}`, area: 'Nätverk', title: `Aktivitet ${i} med ett ganska långt namn`, description: 'd'.repeat(400), quarters: [2, 3], committees: ['*'] },
      ...(i % 2
        ? { status: { id: String(i), key: 'k', etag: `"x,${i}"`, createdAt: '', modifiedAt: '', value: { year: 2026, activityId: `2026-a${i}`, committeeCode: 'SN', status: 'Pågående' as const, comment: 'c'.repeat(1000), setBy: 'sara', setAt: '2026-05-01T08:00:00.000Z' } } }
        : {}),
    })),
  }),
  learningModule: moduleCardData('sv', {
    module: longest,
    state: { m: longest.id, v: longest.version, p: longest.steps.length + longest.quiz.length - 1, a: longest.quiz.map(() => 0), n: 'attempt' },
    result: { quiz: { right: 1, total: longest.quiz.length, score: 0.5, passed: false }, needed: 2 },
    notice: 'Utbildningen har uppdaterats.',
    actions: [
      { title: 'Försök igen', verb: 'learning.start', data: { moduleId: longest.id, at: 'quiz' } },
      { title: 'Läs igen', verb: 'learning.start', data: { moduleId: longest.id } },
    ],
  }),
  learningList: learningListData('sv', {
    left: library.modules.slice(0, 6).map((module, i) => ({ module, ...(i < 2 ? { dueDate: '2026-12-18' } : {}) })),
    done: library.modules.slice(6).map((module) => ({ module, completedAt: '2026-11-20T09:00:00.000Z' })),
  }),
  // The worst case: every free text at its longest.
  incidentAssessment: assessmentCardData('sv', {
    item: { id: '1', key: 'k', etag: '"a,1"', createdAt: '', modifiedAt: '', value: longest_assessed },
    abilities: { triage: true, facts: true, imy: true, nis: true, records: true, deadlineFields: [], createAction: true },
    rules,
    names: (id) => id,
    committeeName: 'Socialförvaltningen',
  }),
  incidentAction: actionFormData('sv', {
    incident,
    formId: '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e',
    targets: [{ year: 2026, quarter: 4 }, { year: 2027, quarter: 1 }],
    owners: Array.from({ length: 40 }, (_, i) => ({ id: `p${i}`, name: `Person med ett ganska långt namn ${i}` })),
    defaultOwner: 'p0',
    values: { title: 't'.repeat(255), target: '2027-1', owner: 'p1' },
    problem: 'Vad ska göras: högst 255 tecken.',
  }),
  incidentDraft: draftCardData('sv', 'INC-2026-0042', authorityDraft('imy', longest_assessed, { locale: 'sv', rules, committee: committees[0]!, names: (id) => id, now: new Date('2026-03-10T10:00:00Z') })),
  incidentList: incidentListData('sv', [{ heading: 'Mina rapporter', own: true, incidents: Array.from({ length: 30 }, (_, i) => ({ ...incident, reference: `INC-2026-${i}` })) }]),
};

describe.each(Object.keys(CARD_TEMPLATES) as CardName[])('card template %s', (name) => {
  const template = CARD_TEMPLATES[name];

  it('is an Adaptive Card of schema 1.5', () => {
    expect(template).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  });

  it('parses without a single warning, as a template and once filled in', () => {
    expect(adaptiveCardProblems(template)).toEqual([]);
    expect(adaptiveCardProblems(renderCard(name, SAMPLES[name]))).toEqual([]);
  });

  it('leaves no binding unfilled and stays under Teams’ size limit', () => {
    const json = JSON.stringify(renderCard(name, SAMPLES[name]));
    expect(json).not.toContain('${');
    expect(Buffer.byteLength(json)).toBeLessThan(TEAMS_CARD_LIMIT_BYTES);
  });
});

describe('the incident card offers only what fits the state', () => {
  const all = { triage: true, facts: true, imy: true, nis: true, records: true, deadlineFields: [], createAction: true };
  const card = (value: typeof incident) =>
    renderCard('incident', incidentCardData('sv', { item: { id: '1', key: 'k', etag: '"a,1"', createdAt: '', modifiedAt: '', value }, committeeName: 'Socialförvaltningen', deadlines: [], abilities: all, drafts: [], csirt: 'CERT-SE', refreshUserIds: [], names: (id) => id, now: new Date('2026-03-02T10:00:00Z') }));
  const verbs = (c: object) => [...JSON.stringify(c).matchAll(/"verb":"([^"]+)"/g)].map((m) => m[1]);

  it('acknowledge and assign until someone has; the closing note only once it is Åtgärdad', () => {
    const fresh = card({ ...incident, status: 'Ny' });
    expect(verbs(fresh)).toEqual(expect.arrayContaining(['incident.acknowledge', 'incident.assignToMe', 'incident.status', 'incident.assessment']));
    expect(JSON.stringify(fresh)).not.toContain('"id":"closingNote"');
    const taken = card({ ...incident, status: 'Under utredning', acknowledgedAt: '2026-03-02T09:00:00.000Z', acknowledgedBy: 'sara', assigneeId: 'sara' });
    expect(verbs(taken)).not.toContain('incident.acknowledge');
    expect(verbs(taken)).not.toContain('incident.assignToMe');
    const resolved = card({ ...incident, status: 'Åtgärdad', acknowledgedAt: '2026-03-02T09:00:00.000Z', assigneeId: 'sara' });
    expect(JSON.stringify(resolved)).toContain('"id":"closingNote"');
    expect(verbs(resolved)).toContain('incident.close');
    expect(verbs(resolved)).not.toContain('incident.status');
  });
});

describe('the validator', () => {
  it('does complain about a broken card, so the checks above can fail', () => {
    const problems = adaptiveCardProblems({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'NoSuchElement' }, { type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }],
    });
    expect(problems.length).toBeGreaterThanOrEqual(2);
  });
});
