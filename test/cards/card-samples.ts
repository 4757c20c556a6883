import { actionPlanCardData, actionPlanSummaryData } from '../../bot/cards/actionplan-card-data';
import { helpCardData, welcomeCardData } from '../../bot/cards/card-data';
import { renderCard, type AdaptiveCard, type CardName } from '../../bot/cards/card-templates';
import { messageFormData } from '../../bot/cards/incident-message-form-card-data';
import { incidentCardData, incidentFormData, incidentListData, incidentReceiptData } from '../../bot/cards/incident-card-data';
import type { Abilities } from '../../bot/cards/incident-abilities';
import { assessmentCardData } from '../../bot/cards/incident-assessment-card-data';
import { draftCardData } from '../../bot/cards/incident-draft-card-data';
import { actionFormData } from '../../bot/cards/incident-action-card-data';
import { targetQuarters } from '../../src/actionplan/incident-action';
import { deadlineLabel, triageRefusalText, triageSavedText } from '../../bot/cards/incident-texts';
import { ASSESSMENT_ERROR_CODES, ASSESSMENT_FIELDS, ASSESSMENT_SECTIONS, type AssessmentSection } from '../../src/incidents/assessment';
import { authorityDraft } from '../../src/reports/authority-drafts';
import { learningListData } from '../../bot/cards/learning-card-data';
import { campaignCard, moduleIntroCard, modulePositionCard } from '../../bot/cards/learning-cards';
import { loadConfig } from '../../src/config/config';
import { deadlinesFor } from '../../src/incidents/deadlines';
import { INCIDENT_CATEGORIES, type Incident } from '../../src/incidents/incident';
import { FORM_ERROR_CODES, FORM_FIELDS } from '../../src/incidents/incident-report';
import { loadIncidentRules } from '../../src/incidents/incident-rules';
import { t, type Locale } from '../../src/i18n/texts';
import type { Campaign } from '../../src/learning/campaign';
import type { LearningModule } from '../../src/learning/learning-module';
import { libraryOf } from '../../src/learning/module-library';
import { startState } from '../../src/learning/module-steps';

/**
 * Every card the bot sends, in every state that changes its buttons or texts, rendered through the
 * same builders the flows use. The data is free of Swedish words (names and the module are made up
 * in English), so whatever Swedish a card shows in English comes from the texts.
 */
const swedishRules = loadIncidentRules(loadConfig({}).incidentRulesFile);
/** The authorities' names come from the rules file (Swedish proper names); made-up ones here, as for people and committees. */
const rules = {
  ...swedishRules,
  authorities: { imy: { name: 'Privacy Authority', eService: 'https://privacy.example/' }, csirt: { name: 'Response Team', organisation: 'Civil Defence Agency', eService: 'https://csirt.example/' } },
};
const committees = [{ code: 'SN', name: 'Social Committee', administration: 'Social Services' }];

const base: Incident = {
  reference: 'INC-2026-0042',
  kind: 'incident',
  category: 'natfiske',
  description: 'A mail that pretended to come from IT',
  discoveredAt: '2026-03-02T08:00:00.000Z',
  occurredAt: '2026-03-02T07:00:00.000Z',
  committeeCode: 'SN',
  affectedSystem: 'Mail',
  personalData: true,
  approxPeopleAffected: 120,
  sensitiveData: true,
  personalIdentityNumbers: true,
  aspects: ['konfidentialitet', 'riktighet', 'tillganglighet', 'sparbarhet'],
  ongoing: true,
  essentialService: true,
  reporterId: 'a1',
  reportedAt: '2026-03-02T09:00:00.000Z',
  status: 'Ny',
  severity: 'hög',
};

export const englishModule: LearningModule = {
  id: 'phishing',
  version: 1,
  title: 'Phishing',
  minutes: 3,
  summary: 'Spot a fake mail.',
  order: 1,
  steps: [
    { title: 'One', text: 'Look at the sender.' },
    { title: 'Two', text: 'Look at the link.' },
  ],
  quiz: [
    { question: 'Click the link?', choices: [{ text: 'No', correct: true, feedback: 'Right.' }, { text: 'Yes', correct: false, feedback: 'Wrong.' }] },
    { question: 'Tell IT?', choices: [{ text: 'Yes', correct: true, feedback: 'Right.' }, { text: 'No', correct: false, feedback: 'Wrong.' }] },
  ],
};

export interface RenderedCard {
  name: CardName;
  state: string;
  card: AdaptiveCard;
}

export function allCards(locale: Locale): RenderedCard[] {
  const cards: RenderedCard[] = [];
  const add = (name: CardName, state: string, data: object) => cards.push({ name, state, card: renderCard(name, data) });
  const statusUrl = 'http://localhost:3978/tab/';
  for (const [state, may] of [['staff', { activities: false, status: false }], ['coordinator', { activities: true, status: true }]] as const) {
    add('welcome', state, welcomeCardData(locale, statusUrl, may));
    add('help', state, helpCardData(locale, t(locale, 'help.signedInAs', { name: 'Ann Smith', roles: t(locale, 'role.in', { role: t(locale, 'role.samordnare'), committee: 'Social Committee' }) }), statusUrl, may));
  }
  add('help', 'unknown person', helpCardData(locale, t(locale, 'help.unknownPerson'), statusUrl, { activities: false, status: false }));
  add('incidentForm', 'new', incidentFormData(locale, { submissionId: '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e', committees, values: {} }));
  add('incidentForm', 'with the register', incidentFormData(locale, { submissionId: '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e', committees, assets: [{ assetId: 'sn-ifo', label: 'Case management (Social Committee)' }], values: { assetId: 'sn-ifo' } }));
  for (const code of FORM_ERROR_CODES) {
    const errors = Object.fromEntries(FORM_FIELDS.map((f) => [f, { code, max: 4000 }]));
    add('incidentForm', `errors ${code}`, incidentFormData(locale, { submissionId: '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e', committees, values: {}, errors }));
  }
  const message = { senderName: 'Service Desk', senderKind: 'extern' as const, sentAt: '2026-03-02T07:45:00.000Z', place: 'gruppchatt' as const, link: 'https://teams.microsoft.com/l/message/19:x/1', text: 'Your password expires today. Sign in here [https://login.example.net].' };
  add('incidentMessageForm', 'from a message', messageFormData(locale, { submissionId: '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e', committees, values: { category: 'natfiske' }, message, messageSig: 'sig' }));
  add('incidentMessageForm', 'errors', messageFormData(locale, { submissionId: '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e', committees, values: {}, message: { ...message, senderName: '', senderKind: 'okand', text: '' }, messageSig: 'sig', errors: { description: { code: 'describe' } } }));
  add('incidentReceipt', 'pending, nobody reachable', incidentReceiptData(locale, base, 'Social Services', true, [], rules));
  add('incidentReceipt', 'two told', incidentReceiptData(locale, base, 'Social Services', false, [{ name: 'Ann Smith', role: 'samordnare' }, { name: 'Bo Lee', role: 'dataskyddsombud' }], rules));
  // The advice for every category, and for a weakness
  for (const category of INCIDENT_CATEGORIES) add('incidentReceipt', `advice ${category}`, incidentReceiptData(locale, { ...base, category }, 'Social Services', false, [], rules));
  add('incidentReceipt', 'advice weakness', incidentReceiptData(locale, { ...base, kind: 'weakness' }, 'Social Services', false, [], rules));
  const item = (value: Incident) => ({ id: '1', key: 'k', etag: '"a,1"', createdAt: '', modifiedAt: '', value });
  const messages = [
    ...(['acknowledge', 'assignToMe', 'deadlineDone', 'close'] as const).map((type) =>
      triageSavedText(locale, type === 'close' ? { type, note: 'x' } : type === 'deadlineDone' ? { type, field: 'nisEarlyWarningAt', at: '2026-03-02T10:00:00.000Z' } : { type }, 'Ann Smith', rules),
    ),
    triageSavedText(locale, { type: 'severity', severity: 'kritisk' }, 'Ann Smith'),
    triageSavedText(locale, { type: 'status', status: 'Under utredning' }, 'Ann Smith'),
    ...ASSESSMENT_SECTIONS.map((section) => triageSavedText(locale, { type: 'assess', section, input: {} }, 'Ann Smith')),
    ...(
      [
        { code: 'closed' }, { code: 'alreadyAcknowledged' }, { code: 'alreadyAssigned' }, { code: 'unknownSeverity' }, { code: 'unknownStatus' },
        { code: 'closeWithNote' }, { code: 'sameSeverity', severity: 'låg' }, { code: 'statusStep', from: 'Ny', to: 'Under utredning', requested: 'Åtgärdad' },
        { code: 'noTime' }, { code: 'noDoneTime' }, { code: 'timeInFuture' }, { code: 'timeBeforeDiscovery' }, { code: 'alreadyRecorded' }, { code: 'unknownDeadline' },
        { code: 'closeWhenResolved', status: 'Under utredning' }, { code: 'noteRequired' }, { code: 'noteTooLong' },
        { code: 'noteBadCharacters' }, { code: 'noteOnlyInvisible' }, { code: 'assessFirst', missing: ['facts', 'imy', 'nis'] as AssessmentSection[] }, { code: 'useAssessment' },
        { code: 'invalidAssessment', section: 'facts', errors: {} }, { code: 'unknownSection' },
      ] as const
    ).map((r) => triageRefusalText(locale, r)),
    t(locale, 'incident.conflict.changedSince'),
    t(locale, 'incident.conflict.changedConcurrently'),
    t(locale, 'incident.error.notYourDecision'),
    t(locale, 'draftCard.notYet.imy'),
    t(locale, 'draftCard.notYet.csirt'),
    t(locale, 'draftCard.unknown'),
  ];
  const everything: Abilities = { triage: true, facts: true, imy: true, nis: true, records: true, deadlineFields: ['nisEarlyWarningAt', 'nisNotificationAt', 'nisProgressReportAt', 'nisFinalReportAt'], createAction: true };
  const nothing: Abilities = { triage: false, facts: false, imy: false, nis: false, records: false, deadlineFields: [], createAction: false };
  const now = new Date('2026-03-02T10:00:00Z');
  for (const status of ['Ny', 'Under utredning', 'Åtgärdad', 'Stängd'] as const) {
    const value: Incident = { ...base, status, ...(status !== 'Ny' ? { acknowledgedAt: '2026-03-02T10:00:00.000Z', acknowledgedBy: 'Ann', assigneeId: 'Ann', imyReportable: true, imyNotifiedAt: '2026-03-02T11:00:00.000Z', significant: true, significantDecidedAt: '2026-03-02T09:00:00.000Z', caseNumber: 'KS 2026/123', secrecy: 'osl-18-8' } : {}) };
    messages.forEach((text, i) =>
      add('incident', `${status} message ${i}`, incidentCardData(locale, {
        item: item(value),
        committeeName: 'Social Services',
        deadlines: deadlinesFor(value, rules),
        abilities: status === 'Stängd' ? nothing : everything,
        drafts: status === 'Ny' ? [] : ['imy', 'csirt'],
        csirt: 'Response Team',
        refreshUserIds: [],
        names: (id) => id,
        now,
        message: { text, kind: i % 2 ? 'good' : 'attention' },
      })),
    );
  }
  // Every deadline state and urgency: waiting, running far off and soon, late, done in time and late, not required.
  const clocks: Incident = { ...base, significant: true, significantDecidedAt: '2026-03-01T08:00:00.000Z', nisEarlyWarningAt: '2026-03-02T09:30:00.000Z', imyReportable: false, imyMotivation: 'Encrypted laptop' };
  for (const at of ['2026-03-01T09:00:00Z', '2026-03-04T07:00:00Z', '2026-03-06T10:00:00Z', '2026-05-01T10:00:00Z']) {
    add('incident', `clocks at ${at}`, incidentCardData(locale, { item: item(clocks), committeeName: 'Social Services', deadlines: deadlinesFor(clocks, rules), abilities: everything, drafts: ['csirt'], csirt: 'Response Team', refreshUserIds: [], names: (id) => id, now: new Date(at) }));
  }
  // The assessment card: each part editable or shown as facts, and each part shown again with every error.
  const assessed: Incident = { ...base, riskLevel: 'hog', riskMotivation: 'Health data', subjectCategories: ['klienter-patienter', 'skyddad-identitet'], dataCategories: ['sarskilda-art9', 'personnummer'], approxRecords: 300, imyReportable: true, imyNotifiedAt: '2026-03-04T09:00:00.000Z', imyCaseNumber: 'IMY-2026-1', subjectsException: 'risken-undanrojd', subjectsExceptionMotivation: 'Wiped remotely', significant: false, significantMotivation: 'No service hit', caseNumber: 'KS 2026/9', secrecy: 'osl-26' };
  for (const [name, abilities] of [['all parts', everything], ['facts only', { ...nothing, triage: true, facts: true, records: true }], ['read only', nothing]] as const) {
    add('incidentAssessment', name, assessmentCardData(locale, { item: item(assessed), abilities, rules, names: (id) => id, committeeName: 'Social Services' }));
  }
  add('incidentAssessment', 'not personal data', assessmentCardData(locale, { item: item({ ...base, personalData: false }), abilities: everything, rules, names: (id) => id, committeeName: 'Social Services' }));
  for (const section of ASSESSMENT_SECTIONS) {
    const errors = Object.fromEntries(ASSESSMENT_FIELDS[section].map((f, i) => [f, ASSESSMENT_ERROR_CODES[i % ASSESSMENT_ERROR_CODES.length]!]));
    add('incidentAssessment', `errors in ${section}`, assessmentCardData(locale, { item: item(base), abilities: everything, rules, names: (id) => id, committeeName: 'Social Services', retry: { section, errors }, typed: { values: { riskMotivation: 'typed' } }, message: { text: triageRefusalText(locale, { code: 'invalidAssessment', section, errors }), kind: 'attention' } }));
  }
  // An incident with an action taken after it, and the form that makes one (fresh, and shown again with what is wrong)
  const lessonCampaign = { campaignId: 'natfiske-sn-2026-03-02', moduleId: 'natfiske', audience: 'namnder' as const, committeeCodes: ['SN'], startDate: '2026-03-02', dueDate: '2026-03-16', reminderEveryDays: 7, maxReminders: 1, createdBy: 'x', createdAt: '2026-03-02T09:00:00.000Z' };
  const reported = { ...assessed, reportedMessage: { senderName: 'Service Desk', senderKind: 'extern' as const, sentAt: '2026-03-02T07:45:00.000Z', place: 'kanal' as const, link: 'https://teams.microsoft.com/l/message/19:x/1', text: 'Your password expires today.' } };
  add('incident', 'reported from a message, lesson offered', incidentCardData(locale, { item: item(reported), committeeName: 'Social Services', deadlines: [], abilities: everything, drafts: [], csirt: 'Response Team', refreshUserIds: [], names: (id) => id, lesson: { moduleTitle: 'Phishing' }, now }));
  add('incident', 'lesson sent', incidentCardData(locale, { item: item(assessed), committeeName: 'Social Services', deadlines: [], abilities: everything, drafts: [], csirt: 'Response Team', refreshUserIds: [], names: (id) => id, lesson: { moduleTitle: 'Phishing', sent: lessonCampaign }, now }));
  add('incident', 'with actions', incidentCardData(locale, { item: item(assessed), committeeName: 'Social Services', deadlines: [], abilities: everything, drafts: [], csirt: 'Response Team', actionLines: [{ title: 'Phishing drill', value: t(locale, 'incidentAction.line', { when: t(locale, 'incidentAction.form.quarter', { quarter: 1, year: 2027 }), owner: 'Ann Smith' }) }], refreshUserIds: [], names: (id) => id, now }));
  const targets = targetQuarters(now);
  add('incidentAction', 'new', actionFormData(locale, { incident: base, formId: '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e', targets, owners: [{ id: 'ann', name: 'Ann Smith' }], defaultOwner: 'ann' }));
  for (const code of ['titleRequired', 'titleTooLong', 'titleBadCharacters', 'quarterPassed', 'unknownQuarter', 'unknownOwner'] as const) {
    add('incidentAction', `refused ${code}`, actionFormData(locale, { incident: base, formId: '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e', targets, owners: [{ id: 'ann', name: 'Ann Smith' }], defaultOwner: 'ann', values: { title: 'x', target: '2026-1', owner: 'ann' }, problem: t(locale, `incidentAction.refused.${code}`) }));
  }
  for (const kind of ['imy', 'csirt'] as const) {
    const draft = authorityDraft(kind, assessed, { locale, rules, committee: committees[0]!, names: (id) => id, now });
    add('incidentDraft', kind, draftCardData(locale, base.reference, draft));
  }
  add('incidentList', 'sections', incidentListData(locale, [{ heading: t(locale, 'incident.list.mine'), own: true, incidents: (['Ny', 'Under utredning', 'Åtgärdad', 'Stängd'] as const).map((status) => ({ ...base, status, ...(status === 'Åtgärdad' ? { caseNumber: 'KS 2026/1', secrecy: 'osl-18-8' as const } : {}) })) }], (i) => (i.status === 'Ny' ? t(locale, 'incident.list.late', { label: deadlineLabel(locale, rules.deadlines[0]!) }) : i.status === 'Under utredning' ? t(locale, 'incident.list.missing', { parts: t(locale, 'assessment.section.imy') }) : '')));
  add('incidentList', 'to handle', incidentListData(locale, [{ heading: t(locale, 'incident.list.all'), incidents: (['Ny', 'Under utredning', 'Åtgärdad'] as const).map((status) => ({ ...base, status, kind: status === 'Ny' ? 'weakness' : 'incident' })) }]));
  add('incidentList', 'empty', incidentListData(locale, []));
  const statuses = ['Ej påbörjad', 'Påbörjad', 'Delvis påbörjad', 'Pågående', 'Delvis genomförd', 'Genomförd', 'Flyttas till nästa år'] as const;
  for (const intro of ['quarterStart', 'beforeEnd', 'onDemand'] as const) {
    add('actionPlan', intro, actionPlanCardData(locale, {
      year: 2026,
      quarter: 2,
      committeeCode: 'SN',
      committeeName: 'Social Committee',
      intro,
      names: (id) => id,
      activities: statuses.map((status, i) => ({
        activity: { year: 2026, activityId: `2026-a${i}`, area: 'Network', title: `Activity ${i}`, description: 'd', quarters: [2, 3], committees: ['*'] },
        ...(i ? { status: { id: String(i), key: 'k', etag: `"x,${i}"`, createdAt: '', modifiedAt: '', value: { year: 2026, activityId: `2026-a${i}`, committeeCode: 'SN', status, comment: 'ok', setBy: 'Ann', setAt: '2026-05-01T08:00:00.000Z' } } } : {}),
      })),
    }));
  }
  add('actionPlan', 'empty', actionPlanCardData(locale, { year: 2026, quarter: 2, committeeCode: 'SN', committeeName: 'Social Committee', intro: 'onDemand', names: (id) => id, activities: [] }));
  // Started from the previous quarter's older word: shown as it was, the picker on the offered status.
  add('actionPlan', 'from previous quarter', actionPlanCardData(locale, {
    year: 2026,
    quarter: 3,
    committeeCode: 'SN',
    committeeName: 'Social Committee',
    intro: 'onDemand',
    names: (id) => id,
    activities: [{
      activity: { year: 2026, activityId: '2026-a', area: 'Network', title: 'Activity', description: 'd', quarters: [2, 3], committees: ['*'] },
      previous: { id: '1', key: 'k', etag: '"x,1"', createdAt: '', modifiedAt: '', value: { year: 2026, activityId: '2026-a', committeeCode: 'SN', quarter: 2, status: 'Delvis genomförd', comment: 'ok', setBy: 'Ann', setAt: '2026-05-01T08:00:00.000Z' } },
    }],
  }));
  const target = { year: 2026, quarter: 2 as const, committeeCode: 'SN', committeeName: 'Social Committee' };
  const at = new Date('2026-05-10T08:00:00Z');
  add('actionPlan', 'summary: saved', actionPlanSummaryData(locale, target, { changes: [{ title: 'Activity 1', status: 'Genomförd' }, { title: 'Activity 2', status: 'Flyttas till nästa år' }], carriedOver: ['Activity 2'], problems: [], who: 'Ann', at }));
  add('actionPlan', 'summary: problems', actionPlanSummaryData(locale, target, {
    changes: [{ title: 'Activity 1', status: 'Pågående' }],
    carriedOver: [],
    problems: [t(locale, 'plan.problem.commentTooLong', { title: 'Activity 3', max: 1000 }), t(locale, 'plan.summary.conflict', { titles: 'Activity 4' })],
    who: 'Ann',
    at,
  }));
  add('actionPlan', 'summary: only problems', actionPlanSummaryData(locale, target, { changes: [], carriedOver: [], problems: [t(locale, 'plan.problem.unknownStatus', { title: 'Activity 3' })], who: 'Ann', at }));
  add('actionPlan', 'summary: nothing changed', actionPlanSummaryData(locale, target, { changes: [], carriedOver: [], problems: [], who: 'Ann', at }));

  const settings = { library: libraryOf([englishModule]), passScore: 0.8, secret: 'k'.repeat(32) };
  const module = englishModule;
  const position = (p: number, a: number[]) => ({ ...startState(module, 'start'), p, a });
  const campaign: Campaign = { campaignId: 'c', moduleId: module.id, audience: 'alla', committeeCodes: [], startDate: '2026-11-23', dueDate: '2026-12-18', reminderEveryDays: 5, maxReminders: 2, createdBy: 'x', createdAt: '2026-11-01T00:00:00.000Z' };
  cards.push({ name: 'learningModule', state: 'invitation', card: campaignCard(locale, module, campaign, 0) });
  cards.push({ name: 'learningModule', state: 'reminder', card: campaignCard(locale, module, campaign, 1) });
  cards.push({ name: 'learningModule', state: 'stale', card: moduleIntroCard(locale, module, { notice: t(locale, 'learning.card.stale') }) });
  const states: [string, ReturnType<typeof position>][] = [
    ['first step', position(0, [])],
    ['last step', position(1, [])],
    ['first question', position(2, [])],
    ['answered first', position(2, [0])],
    ['second question', position(3, [0])],
    ['passed', position(3, [0, 0])],
    ['failed', position(3, [1, 1])],
  ];
  for (const [state, s] of states) cards.push({ name: 'learningModule', state, card: modulePositionCard(locale, settings, 'a1', module, s, state === 'passed' ? { completedAt: '2026-11-23T09:00:00.000Z' } : {}) });
  add('learningList', 'left and done', learningListData(locale, { left: [{ module, dueDate: '2026-12-18' }], done: [{ module, completedAt: '2026-11-20T09:00:00.000Z' }] }));
  add('learningList', 'nothing', learningListData(locale, { left: [], done: [] }));
  return cards;
}

/** Every `verb` a card sends: Action.Execute's verb and the data.verb of Action.Submit. */
export function verbsIn(card: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(card)) card.forEach((c) => verbsIn(c, found));
  else if (card && typeof card === 'object') {
    for (const [key, value] of Object.entries(card)) {
      if (key === 'verb' && typeof value === 'string') found.add(value);
      else verbsIn(value, found);
    }
  }
  return found;
}
