import { formatDateTime, formatDay } from '../../src/clock/stockholm-time';
import type { Deadline } from '../../src/incidents/deadlines';
import { INCIDENT_CATEGORIES, SECURITY_ASPECTS, SEVERITIES, type Incident } from '../../src/incidents/incident';
import { FORM_FIELDS, type FormError, type FormErrors, type FormField } from '../../src/incidents/incident-report';
import { NEXT_STATUS } from '../../src/incidents/triage';
import { t, valueLabel, type Locale, type TextKey } from '../../src/i18n/texts';
import type { Role } from '../../src/organisation/organisation';
import type { StoredItem } from '../../src/store/store';
import type { DraftKind } from '../../src/reports/authority-drafts';
import type { Abilities } from './incident-abilities';
import { assessmentFacts } from './incident-assessment-card-data';
import { reportedMessageView } from './reported-message-view';
import { deadlineRow } from './incident-deadline-rows';
import type { Verb } from './verbs';
import { formatCount, reporterAdviceFor } from './incident-texts';
import type { IncidentRules } from '../../src/incidents/incident-rules';
import type { Campaign } from '../../src/learning/campaign';

/** Data for the incident cards; texts from the locale files, dates in Stockholm time. */
const FIELDS = FORM_FIELDS;

/** The form's inputs a report cannot be sent without (isRequired in incident-form-card.json). */
export const REQUIRED_FIELDS = ['kind', 'category', 'description', 'discoveredDate', 'discoveredTime', 'committeeCode'] as const satisfies readonly FormField[];

/** A form error in words: "Beskrivning: högst 4 000 tecken." */
export function formErrorText(locale: Locale, field: FormField, error: FormError): string {
  return t(locale, `incident.formError.${error.code}`, { field: t(locale, `incident.errorField.${field}`), max: error.max === undefined ? '' : formatCount(locale, error.max) });
}

export type FormValues = Partial<Record<FormField, string>>;

/** Keeps what the person typed as text, to put back in the form when it is shown again with errors. */
export function formValuesFrom(input: unknown): FormValues {
  const values: FormValues = {};
  if (!input || typeof input !== 'object') return values;
  for (const field of FIELDS) {
    const v = (input as Record<string, unknown>)[field];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') values[field] = String(v).slice(0, 4000);
  }
  return values;
}

export function incidentFormData(
  locale: Locale,
  options: { submissionId: string; committees: { code: string; name: string; administration: string }[]; assets?: { assetId: string; label: string }[]; values: FormValues; errors?: FormErrors; notice?: string },
) {
  const label = (f: string) => t(locale, `incident.field.${f}` as TextKey);
  const errors = Object.fromEntries(FIELDS.map((f) => [f, options.errors?.[f] ? formErrorText(locale, f, options.errors[f]) : '']));
  return {
    title: t(locale, 'incident.form.title'),
    intro: t(locale, 'incident.form.intro'),
    problem: options.notice ?? (options.errors && Object.keys(options.errors).length > 0 ? t(locale, 'incident.form.problem') : ''),
    submissionId: options.submissionId,
    // No asterisk in the labels: Teams marks an isRequired input itself.
    labels: {
      ...Object.fromEntries([...FIELDS, 'descriptionHint', 'personalDataHint', 'aspectsHint', 'affectedSystemHint', 'assetIdPlaceholder', 'choose'].map((f) => [f, label(f)])),
      submit: t(locale, 'incident.submit'),
    },
    /** What the card says under a required input left empty: what to do, not the label again. */
    required: Object.fromEntries(REQUIRED_FIELDS.map((f) => [f, t(locale, `incident.required.${f}`)])),
    values: {
      ...Object.fromEntries(FIELDS.map((f) => [f, ''])),
      kind: 'incident',
      personalData: 'false',
      sensitiveData: 'false',
      personalIdentityNumbers: 'false',
      ongoing: 'false',
      essentialService: 'false',
      ...options.values,
    },
    errors,
    kindChoices: (['incident', 'weakness'] as const).map((k) => ({ title: t(locale, `incident.kind.${k}`), value: k })),
    categoryChoices: INCIDENT_CATEGORIES.map((c) => ({ title: t(locale, `incident.category.${c}`), value: c })),
    // Each aspect with what it means in plain words: staff seldom know the terms.
    aspectChoices: SECURITY_ASPECTS.map((a) => ({ title: t(locale, `incident.aspectChoice.${a}`), value: a })),
    committeeChoices: options.committees.map((c) => ({ title: `${c.administration} (${c.name})`, value: c.code })),
    // The register's systems to choose from; an empty register shows no list, only the free text.
    assetChoices: (options.assets ?? []).map((a) => ({ title: a.label, value: a.assetId })),
    hasAssets: (options.assets ?? []).length > 0,
  };
}

const yesNo = (locale: Locale, v: boolean | undefined) => t(locale, v ? 'incident.yes' : 'incident.no');

export function incidentFacts(locale: Locale, incident: Incident, committeeName: string, names: (id: string) => string) {
  const facts = [
    // The diarienummer beside the reference, wherever the reference is shown.
    { title: t(locale, 'incident.fact.reference'), value: incident.caseNumber ? `${incident.reference} · ${t(locale, 'incident.caseNumberShort', { caseNumber: incident.caseNumber })}` : incident.reference },
    { title: t(locale, 'incident.fact.kind'), value: t(locale, `incident.kind.${incident.kind}`) },
    { title: t(locale, 'incident.fact.category'), value: t(locale, `incident.category.${incident.category}`) },
    { title: t(locale, 'incident.fact.committee'), value: committeeName },
    { title: t(locale, 'incident.fact.discovered'), value: formatDateTime(new Date(incident.discoveredAt), locale) },
    ...(incident.occurredAt ? [{ title: t(locale, 'incident.fact.occurred'), value: formatDateTime(new Date(incident.occurredAt), locale) }] : []),
    { title: t(locale, 'incident.fact.status'), value: valueLabel(locale, 'incidentStatus', incident.status) },
    { title: t(locale, 'incident.fact.severity'), value: incident.severity ? valueLabel(locale, 'severity', incident.severity) : t(locale, 'incident.notSet') },
    ...(incident.affectedSystem ? [{ title: t(locale, 'incident.fact.system'), value: incident.affectedSystem }] : []),
    {
      title: t(locale, 'incident.fact.personalData'),
      value: incident.personalData
        ? [yesNo(locale, true), incident.approxPeopleAffected !== undefined ? `~${incident.approxPeopleAffected}` : '', incident.sensitiveData ? t(locale, 'incident.field.sensitiveData') : '', incident.personalIdentityNumbers ? t(locale, 'incident.field.personalIdentityNumbers') : '']
            .filter(Boolean)
            .join(', ')
        : yesNo(locale, false),
    },
    { title: t(locale, 'incident.fact.aspects'), value: incident.aspects.map((a) => t(locale, `incident.aspect.${a}`)).join(', ') || t(locale, 'incident.notSet') },
    { title: t(locale, 'incident.fact.ongoing'), value: yesNo(locale, incident.ongoing) },
    ...(incident.acknowledgedAt ? [{ title: t(locale, 'incident.fact.acknowledged'), value: `${formatDateTime(new Date(incident.acknowledgedAt), locale)}, ${names(incident.acknowledgedBy ?? '')}` }] : []),
    ...(incident.assigneeId ? [{ title: t(locale, 'incident.fact.assignee'), value: names(incident.assigneeId) }] : []),
  ];
  return facts;
}

export function incidentCardData(
  locale: Locale,
  options: {
    item: StoredItem<Incident>;
    committeeName: string;
    deadlines: Deadline[];
    abilities: Abilities;
    drafts: DraftKind[];
    /** The plan's actions taken after this incident, as lines to show. */
    actionLines?: { title: string; value: string }[];
    /** The CSIRT's short name from the rules file ("CERT-SE"): it has moved before. */
    csirt: string;
    refreshUserIds: string[];
    message?: { text: string; kind: 'good' | 'attention' };
    names: (id: string) => string;
    /** For the security officer: the short lesson this incident's category has (incident-lesson.ts). */
    lesson?: LessonOffer;
    now: Date;
  },
) {
  const { item, abilities: may } = options;
  const incident = item.value;
  const action = (title: string, verb: Verb, extra: { field?: string; status?: string; kind?: string } = {}) => ({
    title,
    verb,
    reference: incident.reference,
    etag: item.etag,
    field: extra.field ?? '',
    status: extra.status ?? '',
    kind: extra.kind ?? '',
  });
  const next = NEXT_STATUS[incident.status];
  // Only what fits the state: no "Kvittera" once acknowledged, no "Tilldela mig" once someone has it.
  const actions: ReturnType<typeof action>[] = !may.triage
    ? []
    : [
        ...(!incident.acknowledgedAt ? [action(t(locale, 'incident.action.acknowledge'), 'incident.acknowledge')] : []),
        ...(!incident.assigneeId ? [action(t(locale, 'incident.action.assignToMe'), 'incident.assignToMe')] : []),
        ...(next && next !== 'Stängd' ? [action(t(locale, 'incident.action.status', { status: valueLabel(locale, 'incidentStatus', next) }), 'incident.status', { status: next })] : []),
        action(t(locale, 'incident.action.assessment'), 'incident.assessment'),
      ];
  if (may.createAction) actions.push(action(t(locale, 'incident.action.createAction'), 'incident.actionForm'));
  // On a row of its own, by what it says once sent: the card's own actions may already be five, Teams' most.
  const lesson = options.lesson;
  const lessonActions = lesson && !lesson.sent ? [action(t(locale, 'incident.action.lesson', { committee: options.committeeName }), 'incident.lesson')] : [];
  const lessonLine = lesson?.sent
    ? t(locale, 'incident.lesson.sent', {
        module: lesson.moduleTitle,
        committee: options.committeeName,
        reference: lesson.sent.origin?.incidentReference ?? incident.reference,
        start: formatDay(lesson.sent.startDate, locale),
        due: formatDay(lesson.sent.dueDate, locale),
      })
    : '';
  const rows = options.deadlines.map((d) => {
    const row = deadlineRow(locale, d, options.now);
    const recordable = row.state === 'running' && may.deadlineFields.includes(d.doneField);
    return { ...row, recordable, record: action(t(locale, 'incident.action.deadlineDone'), 'incident.deadlineDone', { field: d.doneField }) };
  });
  const recordable = rows.some((r) => r.recordable);
  return {
    title: t(locale, 'incident.card.title', { reference: incident.reference, category: t(locale, `incident.category.${incident.category}`) }),
    reference: incident.reference,
    secrecy: incident.secrecy ? valueLabel(locale, 'secrecy', incident.secrecy) : '',
    goodMessage: options.message?.kind === 'good' ? options.message.text : '',
    attentionMessage: options.message?.kind === 'attention' ? options.message.text : '',
    facts: incidentFacts(locale, incident, options.committeeName, options.names),
    description: incident.description,
    reportedMessage: incident.reportedMessage ? { heading: t(locale, 'incident.fact.reportedMessage'), ...reportedMessageView(locale, incident.reportedMessage) } : { heading: '', fromLabel: '', sender: '', facts: [], lines: [], link: '', openLabel: '' },
    assessment: assessmentFacts(locale, incident, options.names),
    actionLines: options.actionLines ?? [],
    lessonLine,
    lessonActions,
    deadlines: rows,
    recordable,
    canTriage: may.triage,
    severity: incident.severity ?? '',
    severityChoices: SEVERITIES.map((s) => ({ title: valueLabel(locale, 'severity', s), value: s })),
    severityAction: action(t(locale, 'incident.action.severity'), 'incident.severity'),
    closing: may.triage && incident.status === 'Åtgärdad',
    closeAction: action(t(locale, 'incident.action.close'), 'incident.close'),
    actions,
    draftActions: options.drafts.map((kind) => action(t(locale, `incident.action.draft.${kind}`, { csirt: options.csirt }), 'incident.draft', { kind })),
    refreshUserIds: options.refreshUserIds.slice(0, 60),
    labels: {
      refresh: t(locale, 'incident.action.refresh'),
      deadlines: t(locale, 'incident.deadlines'),
      assessment: t(locale, 'incident.assessmentHeading'),
      actions: t(locale, 'incident.actionsHeading'),
      severity: t(locale, 'incident.label.severity'),
      doneDate: t(locale, 'incident.label.doneDate'),
      doneTime: t(locale, 'incident.label.doneTime'),
      closingNote: t(locale, 'incident.label.closingNote'),
    },
  };
}

/** The short lesson offered on the card: the module's title, and the campaign when it has been sent. */
export interface LessonOffer {
  moduleTitle: string;
  sent?: Campaign;
}

/** The people a receipt names: only those who were told, by name and role. */
export interface ToldPerson {
  name: string;
  role: Role;
}

/** The receipt: the reference, what to do now (the rules file's advice for the category), who was told and the facts. */
export function incidentReceiptData(locale: Locale, incident: Incident, committeeName: string, pending: boolean, told: ToldPerson[], rules: Pick<IncidentRules, 'reporterAdvice'>) {
  const people = new Intl.ListFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { type: 'conjunction' }).format(
    told.map((p) => t(locale, 'incident.receipt.person', { name: p.name, role: t(locale, `role.${p.role}`) })),
  );
  return {
    title: t(locale, 'incident.receipt.title'),
    referenceLine: t(locale, 'incident.receipt.reference', { reference: incident.reference }),
    pendingNote: pending ? t(locale, 'incident.receipt.pending') : '',
    adviceHeading: t(locale, 'incident.receipt.adviceHeading'),
    advice: reporterAdviceFor(locale, incident, rules).map((text) => ({ text })),
    nextSteps: told.length > 0 ? t(locale, 'incident.receipt.told', { people }) : t(locale, 'incident.receipt.nobody'),
    contact: t(locale, 'incident.receipt.contact'),
    facts: [
      { title: t(locale, 'incident.fact.category'), value: t(locale, `incident.category.${incident.category}`) },
      { title: t(locale, 'incident.fact.discovered'), value: formatDateTime(new Date(incident.discoveredAt), locale) },
      { title: t(locale, 'incident.fact.committee'), value: committeeName },
    ],
  };
}

/**
 * A date and time that a narrow card cannot break: a no-break space between the date and the clock,
 * and a word joiner after each hyphen (browsers break "2026-11-" / "24" otherwise). The word joiner
 * has no glyph, so it needs nothing of the font.
 */
const unbroken = (text: string) => text.replace(/ /g, '\u00a0').replace(/-/g, '-\u2060');

/**
 * `mina incidenter`: each row with **Öppna**, which brings up the live card; what needs attention (a late clock, a missing decision) said on the row.
 * Each row says whether it is an incident or a weakness. In the reporter's own section the status says what happens next
 * ("Mottagen – säkerhetsfunktionen tittar på den"); a triager's sections keep the status's short name.
 */
export function incidentListData(locale: Locale, sections: { heading: string; incidents: Incident[]; own?: boolean }[], alertOf: (incident: Incident) => string = () => '') {
  return {
    title: t(locale, 'incident.list.title'),
    empty: t(locale, 'incident.list.empty'),
    openLabel: t(locale, 'incident.action.open'),
    sections: sections
      .filter((s) => s.incidents.length > 0)
      .map((s) => ({
        heading: s.heading,
        rows: s.incidents.slice(0, 30).map((i) => ({
          reference: i.reference,
          title: `${i.reference} · ${t(locale, `incident.kindShort.${i.kind}`)}${i.caseNumber ? ` · ${t(locale, 'incident.caseNumberShort', { caseNumber: i.caseNumber })}` : ''}${i.secrecy ? ` · ${t(locale, 'incident.secrecyShort')}` : ''}`,
          value: `${t(locale, `incident.category.${i.category}`)} · ${t(locale, 'incident.list.reported', { date: unbroken(formatDateTime(new Date(i.reportedAt), locale)) })}`,
          status: s.own ? t(locale, `incident.list.status.${i.status}`) : valueLabel(locale, 'incidentStatus', i.status),
          alert: alertOf(i),
        })),
      })),
  };
}
