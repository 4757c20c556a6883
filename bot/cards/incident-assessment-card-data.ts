import { formatDateTime, stockholmDateAndTime } from '../../src/clock/stockholm-time';
import { ASSESSMENT_FIELDS, NO_CHOICE, subjectsDuty, type AssessmentErrors, type AssessmentField, type AssessmentSection } from '../../src/incidents/assessment';
import { DATA_CATEGORIES, RISK_LEVELS, SECRECY_MARKS, SUBJECT_CATEGORIES, SUBJECT_EXCEPTIONS, TRISTATE, type Incident } from '../../src/incidents/incident';
import type { IncidentRules } from '../../src/incidents/incident-rules';
import { t, valueLabel, type Locale, type TextKey, type ValueKind } from '../../src/i18n/texts';
import type { Role } from '../../src/organisation/organisation';
import type { StoredItem } from '../../src/store/store';
import { authorityShortName } from '../../src/reports/authority-drafts';
import type { Abilities } from './incident-abilities';
import { formatCount } from './incident-texts';

/**
 * The assessment card: the four parts of the assessment (facts, the IMY decision, significance under
 * cybersäkerhetslagen, records), each with its own save button and shown as facts to those whose
 * role does not decide that part. Inputs are named as the domain's fields (src/incidents/assessment.ts).
 */
type Field = {
  id: AssessmentField;
  kind: 'text' | 'multiline' | 'choice' | 'multichoice' | 'radio' | 'toggle' | 'date' | 'time';
  label: string;
  value: string;
  choices: { title: string; value: string }[];
  error: string;
};

const NONE = '–';
const joinLabels = (locale: Locale, kind: ValueKind, values: readonly string[] | undefined) => (values && values.length > 0 ? values.map((v) => valueLabel(locale, kind, v)).join(', ') : NONE);
const when = (locale: Locale, iso: string | undefined) => (iso ? formatDateTime(new Date(iso), locale) : NONE);
const datePart = (iso: string | undefined) => (iso ? stockholmDateAndTime(new Date(iso)) : { date: '', time: '' });

const capitalised = (s: string) => s.charAt(0).toLocaleUpperCase('sv-SE') + s.slice(1);

/** A role list in words: "informationssäkerhetssamordnaren eller informationssäkerhetsansvarig". */
function rolesText(locale: Locale, roles: readonly Role[]): string {
  return new Intl.ListFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { type: 'disjunction' }).format(roles.map((r) => t(locale, `role.${r}` as TextKey)));
}

/** The assessment as facts, for the incident card and for those who see a part without deciding it. */
export function assessmentFacts(locale: Locale, incident: Incident, names: (id: string) => string, section?: AssessmentSection) {
  const f = (key: string, value: string) => ({ title: t(locale, `assessment.fact.${key}` as TextKey), value });
  const imyDecision =
    incident.imyReportable === undefined
      ? t(locale, 'assessment.imy.undecided')
      : incident.imyReportable
        ? incident.imyNotifiedAt
          ? t(locale, 'assessment.imy.notified', { at: when(locale, incident.imyNotifiedAt), caseNumber: incident.imyCaseNumber ?? NONE })
          : t(locale, 'assessment.imy.reportable')
        : t(locale, 'assessment.imy.notReportable', { motivation: incident.imyMotivation ?? NONE });
  const significance =
    incident.significant === undefined
      ? t(locale, 'assessment.nis.undecided')
      : t(locale, incident.significant ? 'assessment.nis.yes' : 'assessment.nis.no', { motivation: incident.significantMotivation ?? NONE, by: names(incident.significantDecidedBy ?? '') });
  const duty = subjectsDuty(incident);
  const subjects = t(locale, `assessment.subjects.${duty}`, {
    at: when(locale, incident.subjectsInformedAt),
    how: incident.subjectsInformedHow ?? NONE,
    exception: incident.subjectsException ? valueLabel(locale, 'subjectException', incident.subjectsException) : NONE,
  });
  const facts = {
    facts: [
      f('risk', incident.riskLevel ? `${valueLabel(locale, 'riskLevel', incident.riskLevel)}${incident.riskMotivation ? ` – ${incident.riskMotivation}` : ''}` : t(locale, 'assessment.notAssessed')),
      ...(incident.personalData
        ? [
            f('subjects', joinLabels(locale, 'subjectCategory', incident.subjectCategories)),
            f('data', joinLabels(locale, 'dataCategory', incident.dataCategories)),
            f(
              'counts',
              incident.approxPeopleAffected === undefined && incident.approxRecords === undefined
                ? t(locale, 'assessment.countsUnknown')
                : t(locale, 'assessment.counts', { people: incident.approxPeopleAffected === undefined ? NONE : formatCount(locale, incident.approxPeopleAffected), records: incident.approxRecords === undefined ? NONE : formatCount(locale, incident.approxRecords) }),
            ),
          ]
        : []),
      ...(incident.consequences ? [f('consequences', incident.consequences)] : []),
      ...(incident.measuresTaken ? [f('measuresTaken', incident.measuresTaken)] : []),
      ...(incident.rootCause ? [f('rootCause', incident.rootCause)] : []),
    ],
    imy: incident.personalData ? [f('imy', imyDecision), f('subjectsInformed', subjects)] : [],
    nis: incident.kind === 'incident' ? [f('significant', significance)] : [],
    records: [f('caseNumber', incident.caseNumber ?? NONE), f('secrecy', incident.secrecy ? valueLabel(locale, 'secrecy', incident.secrecy) : t(locale, 'assessment.noSecrecy'))],
  } satisfies Record<AssessmentSection, { title: string; value: string }[]>;
  return section ? facts[section] : [...facts.imy, ...facts.nis];
}

/** The stored values as the card's inputs hold them. */
function storedValues(incident: Incident): Partial<Record<AssessmentField, string>> {
  const s = (v: string | number | undefined) => (v === undefined ? '' : String(v));
  const notified = datePart(incident.imyNotifiedAt);
  const informed = datePart(incident.subjectsInformedAt);
  return {
    personalData: String(incident.personalData),
    riskLevel: s(incident.riskLevel),
    riskMotivation: s(incident.riskMotivation),
    subjectCategories: (incident.subjectCategories ?? []).join(','),
    dataCategories: (incident.dataCategories ?? []).join(','),
    approxPeopleAffected: s(incident.approxPeopleAffected),
    approxRecords: s(incident.approxRecords),
    consequences: s(incident.consequences),
    measuresTaken: s(incident.measuresTaken),
    measuresPlanned: s(incident.measuresPlanned),
    encrypted: s(incident.encrypted),
    crimeSuspected: s(incident.crimeSuspected),
    policeReport: s(incident.policeReport),
    crossBorder: s(incident.crossBorder),
    rootCause: s(incident.rootCause),
    imyReportable: incident.imyReportable === undefined ? '' : incident.imyReportable ? 'ja' : 'nej',
    imyMotivation: s(incident.imyMotivation),
    imyNotifiedDate: notified.date,
    imyNotifiedTime: notified.time,
    imyCaseNumber: s(incident.imyCaseNumber),
    imyLateReason: s(incident.imyLateReason),
    subjectsException: incident.subjectsException ?? NO_CHOICE,
    subjectsExceptionMotivation: s(incident.subjectsExceptionMotivation),
    subjectsInformedDate: informed.date,
    subjectsInformedTime: informed.time,
    subjectsInformedHow: s(incident.subjectsInformedHow),
    significant: incident.significant === undefined ? '' : incident.significant ? 'ja' : 'nej',
    significantMotivation: s(incident.significantMotivation),
    caseNumber: s(incident.caseNumber),
    secrecy: incident.secrecy ?? NO_CHOICE,
  };
}

const KINDS: Record<AssessmentField, Field['kind']> = {
  personalData: 'toggle', riskLevel: 'radio', riskMotivation: 'multiline', subjectCategories: 'multichoice', dataCategories: 'multichoice',
  // Counts are text inputs: a number input shows an unknown count as 0, which would be saved as "no one".
  approxPeopleAffected: 'text', approxRecords: 'text', consequences: 'multiline', measuresTaken: 'multiline', measuresPlanned: 'multiline', encrypted: 'choice', crimeSuspected: 'choice', policeReport: 'text',
  crossBorder: 'choice', rootCause: 'multiline', imyReportable: 'radio', imyMotivation: 'multiline', imyNotifiedDate: 'date', imyNotifiedTime: 'time', imyCaseNumber: 'text',
  imyLateReason: 'multiline', imySupplementDate: 'date', imySupplementTime: 'time', subjectsException: 'choice', subjectsExceptionMotivation: 'multiline', subjectsInformedDate: 'date',
  subjectsInformedTime: 'time', subjectsInformedHow: 'text', significant: 'radio', significantMotivation: 'multiline', caseNumber: 'text', secrecy: 'choice',
};

function choicesFor(locale: Locale, field: AssessmentField): Field['choices'] {
  // Labels are written to run in a sentence ("hög risk"); as choices they start with a capital.
  const of = (kind: ValueKind, values: readonly string[]) => values.map((v) => ({ title: capitalised(valueLabel(locale, kind, v)), value: v }));
  switch (field) {
    case 'riskLevel': return of('riskLevel', RISK_LEVELS);
    case 'subjectCategories': return of('subjectCategory', SUBJECT_CATEGORIES);
    case 'dataCategories': return of('dataCategory', DATA_CATEGORIES);
    case 'encrypted': case 'crimeSuspected': case 'crossBorder': return of('tristate', TRISTATE);
    case 'subjectsException': return [{ title: t(locale, 'assessment.noException'), value: NO_CHOICE }, ...of('subjectException', SUBJECT_EXCEPTIONS)];
    case 'secrecy': return [{ title: t(locale, 'assessment.noSecrecy'), value: NO_CHOICE }, ...of('secrecy', SECRECY_MARKS)];
    case 'imyReportable': return [{ title: t(locale, 'assessment.imy.choiceYes'), value: 'ja' }, { title: t(locale, 'assessment.imy.choiceNo'), value: 'nej' }];
    case 'significant': return [{ title: t(locale, 'assessment.nis.choiceYes'), value: 'ja' }, { title: t(locale, 'assessment.nis.choiceNo'), value: 'nej' }];
    default: return [];
  }
}

/**
 * The card's inputs by field. Each input's id carries its kind ("multiline:riskMotivation"), so that
 * the template's one element per kind has ids of its own; the domain sees plain field names.
 */
export function assessmentInputsFrom(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const [kind, field] = key.split(':');
    if (field && Object.hasOwn(KINDS, field) && KINDS[field as AssessmentField] === kind) out[field] = value;
  }
  return out;
}

export interface AssessmentCardOptions {
  item: StoredItem<Incident>;
  abilities: Abilities;
  rules: IncidentRules;
  names: (id: string) => string;
  committeeName: string;
  message?: { text: string; kind: 'good' | 'attention' };
  /** After a refused save: the part and what is wrong with it. */
  retry?: { section: AssessmentSection; errors: AssessmentErrors };
  /**
   * What the person had typed on the card they acted on (a save sends every part's inputs): shown
   * again, so that nothing typed in another part, or lost to a conflict, has to be typed twice.
   * `except` is the part just saved, which shows what was stored.
   */
  typed?: { values: Record<string, unknown>; except?: AssessmentSection };
}

export function assessmentCardData(locale: Locale, o: AssessmentCardOptions) {
  const incident = o.item.value;
  const stored = storedValues(incident);
  const shown: AssessmentSection[] = ['facts', ...(incident.personalData && incident.kind === 'incident' ? (['imy'] as const) : []), ...(incident.kind === 'incident' ? (['nis'] as const) : []), 'records'];
  const deciders: Record<AssessmentSection, string> = {
    facts: '',
    imy: rolesText(locale, o.rules.decisions.imy),
    nis: rolesText(locale, o.rules.decisions.significance),
    records: '',
  };
  const sections = shown.map((section) => {
    const editable = o.abilities[section];
    const retry = o.retry?.section === section ? o.retry : undefined;
    const fields: Field[] = ASSESSMENT_FIELDS[section].map((id) => {
      const typed = o.typed && o.typed.except !== section ? o.typed.values[id] : undefined;
      const error = retry?.errors[id];
      return {
        id,
        kind: KINDS[id],
        label: t(locale, `assessment.field.${id}` as TextKey),
        value: typeof typed === 'string' || typeof typed === 'number' || typeof typed === 'boolean' ? String(typed).slice(0, 4000) : (stored[id] ?? ''),
        choices: choicesFor(locale, id),
        error: error ? t(locale, `assessment.error.${error}` as TextKey, { field: t(locale, `assessment.field.${id}` as TextKey) }) : '',
      };
    });
    return {
      id: section,
      heading: t(locale, `assessment.section.${section}` as TextKey),
      intro: t(locale, `assessment.intro.${section}` as TextKey, { csirt: authorityShortName(o.rules.authorities.csirt) }),
      note: editable || !deciders[section] ? '' : t(locale, 'assessment.decidedBy', { roles: deciders[section] }),
      editable,
      facts: assessmentFacts(locale, incident, o.names, section),
      fields,
      save: t(locale, `assessment.save.${section}` as TextKey),
      problem: retry ? t(locale, 'assessment.problem') : '',
    };
  });
  return {
    title: t(locale, 'assessment.title', { reference: incident.reference }),
    subtitle: `${t(locale, `incident.category.${incident.category}`)} · ${o.committeeName}`,
    secrecy: incident.secrecy ? valueLabel(locale, 'secrecy', incident.secrecy) : '',
    reference: incident.reference,
    etag: o.item.etag,
    goodMessage: o.message?.kind === 'good' ? o.message.text : '',
    attentionMessage: o.message?.kind === 'attention' ? o.message.text : '',
    sections,
    back: t(locale, 'assessment.back'),
  };
}
