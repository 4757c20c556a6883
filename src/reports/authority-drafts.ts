import { formatDateTime } from '../clock/stockholm-time';
import { subjectsDuty } from '../incidents/assessment';
import { deadlinesFor, type Deadline } from '../incidents/deadlines';
import type { Incident } from '../incidents/incident';
import type { DeadlineDoneField, IncidentRules } from '../incidents/incident-rules';
import { t, valueLabel, type Locale, type TextKey, type ValueKind } from '../i18n/texts';
import { registerDecisionOf } from './register-decision';

/**
 * What the committee pastes into an authority's e-service: the IMY notification of a personal
 * data breach (GDPR art. 33) and the CSIRT report of a significant incident (cybersäkerhetslagen),
 * in the order each form asks. Nothing here sends anything; the texts come from the locale files
 * and the authority's name and address from the rules, since the CSIRT has moved before.
 */
export type DraftKind = 'imy' | 'csirt';
export const DRAFT_KINDS: readonly DraftKind[] = ['imy', 'csirt'];

export interface DraftLine {
  label: string;
  value: string;
}
export interface DraftSection {
  heading: string;
  lines: DraftLine[];
}
export interface AuthorityDraft {
  kind: DraftKind;
  title: string;
  recipient: string;
  eService: string;
  /** '' when none */
  secrecyNote: string;
  sections: DraftSection[];
}

export interface DraftContext {
  locale: Locale;
  rules: IncidentRules;
  committee: { name: string; administration: string };
  names: (personId: string) => string;
  now: Date;
}

/** Whether a draft can be made: imy when personalData && imyReportable === true; csirt when significant === true. */
export function mayDraft(kind: DraftKind, incident: Incident): boolean {
  return kind === 'imy' ? incident.personalData && incident.imyReportable === true : incident.significant === true;
}

/** The name people use for an authority: the abbreviation in its configured name ("… (IMY)"), or the name itself. */
export function authorityShortName(authority: { name: string }): string {
  return /\(([^()]+)\)\s*$/.exec(authority.name)?.[1]?.trim() || authority.name;
}

const capitalised = (s: string) => (s ? s[0]!.toLocaleUpperCase('sv-SE') + s.slice(1) : s);

/** The value writers of one locale: every missing value reads "Ej angivet", never blank. */
function writer(ctx: DraftContext) {
  const { locale } = ctx;
  const text = (key: TextKey, vars?: Record<string, string | number>) => t(locale, key, vars);
  const notSet = text('draft.notSet');
  const when = (iso: string | undefined) => (iso ? formatDateTime(new Date(iso), locale) : notSet);
  return {
    text,
    notSet,
    when,
    or: (value: string | undefined) => (value?.trim() ? value : notSet),
    count: (n: number | undefined) => (n === undefined ? notSet : n.toLocaleString(locale === 'en' ? 'en-GB' : 'sv-SE')),
    yesNo: (b: boolean | undefined) => (b === undefined ? notSet : text(b ? 'incident.yes' : 'incident.no')),
    label: (kind: ValueKind, value: string | undefined) => (value ? capitalised(valueLabel(locale, kind, value)) : notSet),
    list: (kind: ValueKind, values: readonly string[] | undefined) => (values?.length ? capitalised(values.map((v) => valueLabel(locale, kind, v)).join(', ')) : notSet),
    /** A decision's time and who made it. */
    by: (iso: string | undefined, personId: string | undefined) =>
      !iso ? notSet : personId ? text('draft.value.dateBy', { date: when(iso), name: ctx.names(personId) }) : when(iso),
    line: (key: TextKey, value: string, vars?: Record<string, string | number>): DraftLine => ({ label: text(key, vars), value }),
  };
}
type Writer = ReturnType<typeof writer>;

/** Yes when the marker is there, no when the list was filled in without it (or the reporter said no), otherwise not stated. */
function present(w: Writer, has: boolean, answered: boolean): string {
  return has ? w.yesNo(true) : answered ? w.yesNo(false) : w.notSet;
}

function controllerLines(incident: Incident, ctx: DraftContext, w: Writer, nameKey: TextKey): DraftLine[] {
  return [
    w.line(nameKey, ctx.committee.name),
    w.line('draft.label.administration', w.or(ctx.committee.administration)),
    w.line('draft.label.contact', w.text('draft.fillIn')),
    w.line('draft.label.caseNumber', w.or(incident.caseNumber)),
    w.line('draft.label.reference', incident.reference),
  ];
}

const measures = (incident: Incident, w: Writer): DraftSection => ({
  heading: w.text('draft.section.measures'),
  lines: [w.line('draft.label.measuresTaken', w.or(incident.measuresTaken)), w.line('draft.label.measuresPlanned', w.or(incident.measuresPlanned))],
});

/** Whether it is still going on: handled once Åtgärdad, otherwise as the reporter said. */
function ongoingNow(incident: Incident, w: Writer): string {
  return incident.resolvedAt ? w.text('draft.value.resolved', { date: w.when(incident.resolvedAt) }) : w.yesNo(incident.ongoing);
}

/** Art. 34: told when and how, or the exception and why, or not required. */
function subjectsLines(incident: Incident, w: Writer): DraftLine[] {
  const duty = subjectsDuty(incident);
  if (duty === 'informed') {
    return [
      w.line('draft.label.subjectsInformed', w.text('draft.value.subjectsInformed', { date: w.when(incident.subjectsInformedAt) })),
      w.line('draft.label.subjectsHow', w.or(incident.subjectsInformedHow)),
    ];
  }
  if (duty === 'exception') {
    return [
      w.line('draft.label.subjectsInformed', w.text('draft.value.subjectsException', { exception: w.label('subjectException', incident.subjectsException) })),
      w.line('draft.label.exceptionMotivation', w.or(incident.subjectsExceptionMotivation)),
    ];
  }
  if (duty === 'required') return [w.line('draft.label.subjectsInformed', w.text('draft.value.subjectsRequired'))];
  // Not required because the risk is not high; without a risk assessment nobody has said so.
  return [w.line('draft.label.subjectsInformed', incident.riskLevel ? w.text('draft.value.subjectsNotRequired') : w.notSet)];
}

/** Art. 33.1: within the rules' deadline, or the reasons for the delay. */
function timingLines(incident: Incident, ctx: DraftContext, w: Writer, clocks: Deadline[]): DraftLine[] {
  const rule = ctx.rules.deadlines.find((r) => r.doneField === 'imyNotifiedAt');
  const clock = clocks.find((d) => d.doneField === 'imyNotifiedAt');
  const due = clock?.dueAt;
  const notified = incident.imyNotifiedAt;
  const late = due !== undefined && (notified ? Date.parse(notified) > Date.parse(due) : ctx.now.getTime() > Date.parse(due));
  const inTime = notified
    ? late
      ? w.text('draft.value.notifiedLate', { date: w.when(notified), due: w.when(due) })
      : w.text('draft.value.notifiedInTime', { date: w.when(notified) })
    : due
      ? late
        ? w.text('draft.value.overdue', { due: w.when(due) })
        : w.text('draft.value.dueBy', { due: w.when(due) })
      : w.notSet;
  const decision = w.text(`register.decision.${registerDecisionOf(incident)}` as TextKey);
  return [
    w.line('draft.label.decision', capitalised(incident.imyDecidedAt ? w.text('draft.value.decision', { decision, when: w.by(incident.imyDecidedAt, incident.imyDecidedBy) }) : decision)),
    rule?.hours !== undefined ? w.line('draft.label.withinHours', inTime, { hours: rule.hours }) : w.line('draft.label.withinDeadline', inTime),
    w.line('draft.label.lateReason', late ? w.or(incident.imyLateReason) : (incident.imyLateReason ?? w.text('draft.notApplicable'))),
    w.line('draft.label.authorityCaseNumber', w.or(incident.imyCaseNumber)),
    w.line('draft.label.supplements', incident.imySupplementsAt?.length ? incident.imySupplementsAt.map((s) => w.when(s)).join(', ') : w.text('draft.none')),
  ];
}

/** IMY's form for personal data breaches, in its order. */
function imySections(incident: Incident, ctx: DraftContext, w: Writer): DraftSection[] {
  const data = incident.dataCategories ?? [];
  const subjects = incident.subjectCategories ?? [];
  const clocks = deadlinesFor(incident, ctx.rules);
  return [
    { heading: w.text('draft.imy.section.controller'), lines: controllerLines(incident, ctx, w, 'draft.label.controller') },
    {
      heading: w.text('draft.imy.section.incident'),
      lines: [
        w.line('draft.label.category', w.label('category', incident.category)),
        w.line('draft.label.description', w.or(incident.description)),
        w.line('draft.label.affectedSystem', w.or(incident.affectedSystem)),
        w.line('draft.label.occurredAt', w.when(incident.occurredAt)),
        w.line('draft.label.discoveredAt', w.when(incident.discoveredAt)),
        // Staff are part of the controller: the committee became aware when the incident was discovered, as the 72 hours count.
        w.line('draft.label.awareAt', w.when(incident.discoveredAt)),
        w.line('draft.label.how', w.text('draft.value.how', { date: w.when(incident.reportedAt) })),
        w.line('draft.label.ongoing', ongoingNow(incident, w)),
      ],
    },
    {
      heading: w.text('draft.imy.section.data'),
      lines: [
        w.line('draft.label.subjectCategories', w.list('subjectCategory', subjects)),
        w.line('draft.label.protectedIdentity', present(w, subjects.includes('skyddad-identitet'), subjects.length > 0)),
        w.line('draft.label.dataCategories', w.list('dataCategory', data)),
        w.line('draft.label.art9', present(w, data.includes('sarskilda-art9') || incident.sensitiveData === true, data.length > 0 || incident.sensitiveData === false)),
        w.line('draft.label.art10', present(w, data.includes('lagovertradelser-art10'), data.length > 0)),
        w.line(
          'draft.label.personalIdentityNumbers',
          present(w, data.includes('personnummer') || incident.personalIdentityNumbers === true, data.length > 0 || incident.personalIdentityNumbers === false),
        ),
        w.line('draft.label.approxPeople', w.count(incident.approxPeopleAffected)),
        w.line('draft.label.approxRecords', w.count(incident.approxRecords)),
      ],
    },
    { heading: w.text('draft.imy.section.consequences'), lines: [w.line('draft.label.consequences', w.or(incident.consequences))] },
    measures(incident, w),
    {
      heading: w.text('draft.imy.section.risk'),
      lines: [w.line('draft.label.riskLevel', w.label('riskLevel', incident.riskLevel)), w.line('draft.label.motivation', w.or(incident.riskMotivation))],
    },
    { heading: w.text('draft.imy.section.subjects'), lines: subjectsLines(incident, w) },
    { heading: w.text('draft.imy.section.timing'), lines: timingLines(incident, ctx, w, clocks) },
    {
      heading: w.text('draft.imy.section.other'),
      lines: [
        w.line('draft.label.encrypted', w.label('tristate', incident.encrypted)),
        w.line('draft.label.crossBorder', w.label('tristate', incident.crossBorder)),
        w.line('draft.label.crimeSuspected', w.label('tristate', incident.crimeSuspected)),
        w.line('draft.label.policeReport', w.or(incident.policeReport)),
      ],
    },
  ];
}

const NIS_REPORTS: [DeadlineDoneField, TextKey][] = [
  ['nisEarlyWarningAt', 'draft.label.earlyWarning'],
  ['nisNotificationAt', 'draft.label.notification'],
  ['nisProgressReportAt', 'draft.label.progressReport'],
  ['nisFinalReportAt', 'draft.label.finalReport'],
];

/** Each report to the CSIRT: made when, or due when, or not yet (or not applicable: a progress report only while it goes on). */
function reportLines(incident: Incident, w: Writer, clocks: Deadline[]): DraftLine[] {
  return NIS_REPORTS.map(([field, key]) => {
    const done = incident[field];
    const clock = clocks.find((d) => d.doneField === field);
    const value = done
      ? w.text('draft.value.reportDone', { date: w.when(done) })
      : clock?.state === 'running'
        ? w.text('draft.value.reportDue', { due: w.when(clock.dueAt) })
        : clock || field !== 'nisProgressReportAt'
          ? w.text('draft.value.reportNotYet')
          : w.text('draft.notApplicable');
    return w.line(key, value);
  });
}

/** The CSIRT reporting under cybersäkerhetslagen: what the early warning, the notification and the final report ask. */
function csirtSections(incident: Incident, ctx: DraftContext, w: Writer): DraftSection[] {
  const clocks = deadlinesFor(incident, ctx.rules);
  return [
    { heading: w.text('draft.csirt.section.organisation'), lines: controllerLines(incident, ctx, w, 'draft.label.organisation') },
    {
      heading: w.text('draft.csirt.section.significance'),
      lines: [
        w.line('draft.label.significant', w.yesNo(incident.significant)),
        w.line('draft.label.motivation', w.or(incident.significantMotivation)),
        w.line('draft.label.significantDecided', w.by(incident.significantDecidedAt, incident.significantDecidedBy)),
      ],
    },
    {
      heading: w.text('draft.csirt.section.timing'),
      lines: [
        w.line('draft.label.occurredAt', w.when(incident.occurredAt)),
        w.line('draft.label.discoveredAt', w.when(incident.discoveredAt)),
        w.line('draft.label.significantAt', w.when(incident.significantDecidedAt)),
      ],
    },
    {
      heading: w.text('draft.csirt.section.what'),
      lines: [
        w.line('draft.label.category', w.label('category', incident.category)),
        w.line('draft.label.description', w.or(incident.description)),
        w.line('draft.label.service', w.or(incident.affectedSystem)),
        w.line('draft.label.aspects', w.list('aspect', incident.aspects)),
        w.line('draft.label.essentialService', w.yesNo(incident.essentialService)),
        w.line('draft.label.ongoing', ongoingNow(incident, w)),
      ],
    },
    {
      heading: w.text('draft.csirt.section.malicious'),
      lines: [w.line('draft.label.maliciousAct', w.label('tristate', incident.crimeSuspected)), w.line('draft.label.policeReport', w.or(incident.policeReport))],
    },
    { heading: w.text('draft.csirt.section.crossBorder'), lines: [w.line('draft.label.crossBorder', w.label('tristate', incident.crossBorder))] },
    {
      heading: w.text('draft.csirt.section.impact'),
      lines: [
        w.line('draft.label.severity', w.label('severity', incident.severity)),
        w.line('draft.label.impact', w.or(incident.consequences)),
        w.line('draft.label.personalData', w.yesNo(incident.personalData)),
        w.line('draft.label.approxPeople', w.count(incident.approxPeopleAffected)),
      ],
    },
    { heading: w.text('draft.csirt.section.rootCause'), lines: [w.line('draft.label.rootCause', w.or(incident.rootCause))] },
    measures(incident, w),
    { heading: w.text('draft.csirt.section.reports'), lines: reportLines(incident, w, clocks) },
  ];
}

export function authorityDraft(kind: DraftKind, incident: Incident, ctx: DraftContext): AuthorityDraft {
  const w = writer(ctx);
  const authority = ctx.rules.authorities[kind];
  return {
    kind,
    title: w.text(kind === 'imy' ? 'draft.imy.title' : 'draft.csirt.title', { authority: authority.name, reference: incident.reference }),
    recipient: authority.organisation ? `${authority.name}, ${authority.organisation}` : authority.name,
    eService: authority.eService,
    secrecyNote: incident.secrecy ? valueLabel(ctx.locale, 'secrecy', incident.secrecy) : '',
    sections: kind === 'imy' ? imySections(incident, ctx, w) : csirtSections(incident, ctx, w),
  };
}

/** The draft as plain text (headings, "Label: value" lines), for the card's copy box. */
export function draftAsText(draft: AuthorityDraft): string {
  const out: string[] = [];
  if (draft.secrecyNote) out.push(draft.secrecyNote, '');
  out.push(draft.title, `${draft.recipient}: ${draft.eService}`);
  for (const section of draft.sections) {
    out.push('', section.heading);
    // Continuation lines are indented, so a pasted multi-line answer still reads as one field.
    for (const line of section.lines) out.push(`${line.label}: ${line.value.replace(/\r?\n/g, '\n  ')}`);
  }
  return `${out.join('\n')}\n`;
}
