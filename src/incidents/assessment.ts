import { z } from 'zod';
import { fromStockholmWallTime } from '../clock/stockholm-time';
import { hasRole, type Person, type Role } from '../organisation/organisation';
import { checkFreeText } from '../text/free-text';
import { deadlinesFor } from './deadlines';
import { TRIAGER_ROLES } from './triage-roles';
import {
  DATA_CATEGORIES,
  RISK_LEVELS,
  SECRECY_MARKS,
  SUBJECT_CATEGORIES,
  SUBJECT_EXCEPTIONS,
  TRISTATE,
  type Incident,
} from './incident';
import type { IncidentRules } from './incident-rules';

/**
 * The assessment at triage, in four parts that are saved apart because different people answer
 * for them:
 * - facts: what happened to whose data, the risk, the measures (any triager, the DPO included);
 * - imy: the committee's decision to notify IMY or not, and telling the people concerned (the
 *   roles in rules.decisions.imy: the controller decides, the DPO advises and does not notify);
 * - nis: whether the incident is significant under cybersäkerhetslagen (rules.decisions.significance);
 * - records: diarienummer and secrecy (any triager).
 * Each part is checked whole; a part with an error stores nothing.
 */
export const ASSESSMENT_SECTIONS = ['facts', 'imy', 'nis', 'records'] as const;
export type AssessmentSection = (typeof ASSESSMENT_SECTIONS)[number];
/** The parts that must be made before an incident is closed (the records are not required). */
export type RequiredSection = Exclude<AssessmentSection, 'records'>;

export const ASSESSMENT_FIELDS = {
  facts: [
    'personalData', 'riskLevel', 'riskMotivation', 'subjectCategories', 'dataCategories', 'approxPeopleAffected', 'approxRecords',
    'consequences', 'measuresTaken', 'measuresPlanned', 'encrypted', 'crimeSuspected', 'policeReport', 'crossBorder', 'rootCause',
  ],
  imy: [
    'imyReportable', 'imyMotivation', 'imyNotifiedDate', 'imyNotifiedTime', 'imyCaseNumber', 'imyLateReason', 'imySupplementDate', 'imySupplementTime',
    'subjectsException', 'subjectsExceptionMotivation', 'subjectsInformedDate', 'subjectsInformedTime', 'subjectsInformedHow',
  ],
  nis: ['significant', 'significantMotivation'],
  records: ['caseNumber', 'secrecy'],
} as const satisfies Record<AssessmentSection, readonly string[]>;
export type AssessmentField = (typeof ASSESSMENT_FIELDS)[AssessmentSection][number];

export const ASSESSMENT_ERROR_CODES = [
  'required', 'tooLong', 'badCharacters', 'onlyInvisible', 'chooseOption', 'notInteger', 'tooLarge', 'badDate', 'badTime', 'dateForTime',
  'inFuture', 'beforeDiscovery', 'motivateNotReportable', 'motivateRisk', 'motivateSignificance', 'motivateException', 'lateReasonRequired',
  'onlyWhenReportable', 'howInformed', 'notPersonalData', 'alreadyNotified', 'timeForDate', 'assessRiskFirst', 'notReportableWithRisk',
  'decidedAsPersonalData', 'notForWeakness', 'beforeNotification',
] as const;
export type AssessmentErrorCode = (typeof ASSESSMENT_ERROR_CODES)[number];
export type AssessmentErrors = Partial<Record<AssessmentField, AssessmentErrorCode>>;

/** Long enough for a motivation IMY reads; short enough that every part of the assessment fits one Teams card (28 KB). */
export const LONG_TEXT_MAX = 1500;
export const SHORT_TEXT_MAX = 255;

/** Who may save a part of the assessment: the committee's triagers for facts and records, the rules' roles for the decisions. */
export function mayAssess(person: Person | undefined, incident: Pick<Incident, 'committeeCode'>, section: AssessmentSection, rules: IncidentRules): boolean {
  if (!person) return false;
  // Every role counts for the incident's committee only; a role held for all committees ("*") counts everywhere.
  const holds = (roles: readonly Role[]) => roles.some((role) => hasRole(person, role, incident.committeeCode));
  if (section === 'imy') return holds(rules.decisions.imy);
  if (section === 'nis') return holds(rules.decisions.significance);
  return holds(TRIAGER_ROLES);
}

const codeOf = (message: string): AssessmentErrorCode => ((ASSESSMENT_ERROR_CODES as readonly string[]).includes(message) ? (message as AssessmentErrorCode) : 'chooseOption');

/** The choice a card offers to leave a value unset ("Ingen sekretessmarkering"); a choice cannot have an empty value. */
export const NO_CHOICE = 'none';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && (v.trim() === '' || v === NO_CHOICE) ? undefined : v);
const freeText = (max: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ message: 'chooseOption' })
      .transform((v) => v.trim())
      .pipe(
        z
          .string()
          .max(max, { message: 'tooLong' })
          .superRefine((v, ctx) => {
            const problem = checkFreeText(v);
            if (problem) ctx.addIssue({ code: 'custom', message: problem.code });
          }),
      )
      .optional(),
  );
const choice = <T extends readonly [string, ...string[]]>(values: T) => z.preprocess(blankToUndefined, z.enum(values, { message: 'chooseOption' }).optional());
const yesNo = z.preprocess(blankToUndefined, z.enum(['ja', 'nej'], { message: 'chooseOption' }).optional());
/** A toggle the card did not send leaves the stored value as it is. */
const toggle = z.union([z.literal('true'), z.literal('false'), z.boolean()]).optional().transform((v) => (v === undefined ? undefined : v === true || v === 'true'));
const multi = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .preprocess((v) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter(Boolean) : v === undefined ? [] : v), z.array(z.enum(values, { message: 'chooseOption' })).max(values.length))
    .transform((list) => [...new Set(list)]);
const count = z.preprocess(
  blankToUndefined,
  z
    .union([z.string().regex(/^\s*\d+\s*$/, { message: 'notInteger' }), z.number()])
    .transform(Number)
    .pipe(z.number().int({ message: 'notInteger' }).min(0, { message: 'notInteger' }).max(100_000_000, { message: 'tooLarge' }))
    .optional(),
);
const date = z.preprocess(blankToUndefined, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'badDate' }).optional());
const time = z.preprocess(blankToUndefined, z.string().regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, { message: 'badTime' }).optional());

const SCHEMAS = {
  facts: z.object({
    personalData: toggle,
    riskLevel: choice(RISK_LEVELS),
    riskMotivation: freeText(LONG_TEXT_MAX),
    subjectCategories: multi(SUBJECT_CATEGORIES),
    dataCategories: multi(DATA_CATEGORIES),
    approxPeopleAffected: count,
    approxRecords: count,
    consequences: freeText(LONG_TEXT_MAX),
    measuresTaken: freeText(LONG_TEXT_MAX),
    measuresPlanned: freeText(LONG_TEXT_MAX),
    encrypted: choice(TRISTATE),
    crimeSuspected: choice(TRISTATE),
    policeReport: freeText(SHORT_TEXT_MAX),
    crossBorder: choice(TRISTATE),
    rootCause: freeText(LONG_TEXT_MAX),
  }),
  imy: z.object({
    imyReportable: yesNo,
    imyMotivation: freeText(LONG_TEXT_MAX),
    imyNotifiedDate: date,
    imyNotifiedTime: time,
    imyCaseNumber: freeText(SHORT_TEXT_MAX),
    imyLateReason: freeText(LONG_TEXT_MAX),
    imySupplementDate: date,
    imySupplementTime: time,
    subjectsException: choice(SUBJECT_EXCEPTIONS),
    subjectsExceptionMotivation: freeText(LONG_TEXT_MAX),
    subjectsInformedDate: date,
    subjectsInformedTime: time,
    subjectsInformedHow: freeText(SHORT_TEXT_MAX),
  }),
  nis: z.object({ significant: yesNo, significantMotivation: freeText(LONG_TEXT_MAX) }),
  records: z.object({ caseNumber: freeText(SHORT_TEXT_MAX), secrecy: choice(SECRECY_MARKS) }),
};

/** A date and time from the card as an instant (Stockholm time); an error code for the date field when it is not one. */
function instantOf(dateText: string | undefined, timeText: string | undefined): Date | AssessmentErrorCode | undefined {
  if (!dateText && !timeText) return undefined;
  if (!dateText) return 'dateForTime';
  // A legal report's time is counted in hours: a date alone would read as midnight.
  if (!timeText) return 'timeForDate';
  const [y, m, d] = dateText.split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return 'badDate';
  const [hh, mm] = timeText.split(':').map(Number) as [number, number];
  return fromStockholmWallTime({ year: y, month: m, day: d, hour: hh, minute: mm, second: 0 });
}

/** Every field a part sets, with `undefined` for what was emptied: the store clears those. */
type Patch = Partial<Incident>;

export type AssessmentOutcome = { patch: Patch; event: string } | { errors: AssessmentErrors };

/** The rules between fields of a part, on the card's raw values (blank, or the "none" choice, counts as not given). */
function requiredTogether(section: AssessmentSection, input: Record<string, unknown>, incident: Incident): AssessmentErrors {
  const given = (field: string) => blankToUndefined(input[field]) !== undefined;
  const is = (field: string, value: string) => input[field] === value || (value === 'true' && input[field] === true);
  const errors: AssessmentErrors = {};
  switch (section) {
    case 'facts': {
      const personalData = input.personalData === undefined ? incident.personalData : is('personalData', 'true');
      if (personalData && !given('riskLevel')) errors.riskLevel = 'required';
      if (personalData && given('riskLevel') && !given('riskMotivation')) errors.riskMotivation = 'motivateRisk';
      // Once the committee has decided on IMY, the breach stays one: it must stay in the register (art. 33.5).
      if (!personalData && incident.personalData && (incident.imyReportable !== undefined || incident.imyNotifiedAt)) errors.personalData = 'decidedAsPersonalData';
      break;
    }
    case 'imy':
      if (incident.kind === 'weakness') return { imyReportable: 'notForWeakness' };
      if (!incident.personalData) return { imyReportable: 'notPersonalData' };
      if (!given('imyReportable')) errors.imyReportable = 'required';
      if (is('imyReportable', 'nej') && incident.imyNotifiedAt) errors.imyReportable = 'alreadyNotified';
      // Art. 33.1: not reportable only when the breach is unlikely to result in a risk, as the saved risk assessment says.
      else if (is('imyReportable', 'nej') && !incident.riskLevel) errors.imyReportable = 'assessRiskFirst';
      else if (is('imyReportable', 'nej') && incident.riskLevel !== 'ingen') errors.imyReportable = 'notReportableWithRisk';
      if (is('imyReportable', 'nej') && !given('imyMotivation')) errors.imyMotivation = 'motivateNotReportable';
      if (given('subjectsException') && !given('subjectsExceptionMotivation')) errors.subjectsExceptionMotivation = 'motivateException';
      break;
    case 'nis':
      if (incident.kind === 'weakness') return { significant: 'notForWeakness' };
      if (!given('significant')) errors.significant = 'required';
      if (!given('significantMotivation')) errors.significantMotivation = 'motivateSignificance';
      break;
    case 'records':
      break;
  }
  return errors;
}

/**
 * One part of the assessment as the card sent it: the patch and the history line, or every
 * problem at once, by field. Times may not lie in the future or before the incident was discovered.
 */
export function assess(incident: Incident, section: AssessmentSection, input: Record<string, unknown>, rules: IncidentRules, actorId: string, now: Date): AssessmentOutcome {
  const errors: AssessmentErrors = {};
  const parsed = SCHEMAS[section].safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as AssessmentField;
      if (!errors[field]) errors[field] = codeOf(issue.message);
    }
  }
  // What one field requires of another is checked on what was typed, so every problem is named at once.
  for (const [field, code] of Object.entries(requiredTogether(section, input, incident)) as [AssessmentField, AssessmentErrorCode][]) {
    if (!errors[field]) errors[field] = code;
  }
  if (Object.keys(errors).length > 0) return { errors };
  const at = now.toISOString();
  const when = (field: AssessmentField, d: string | undefined, t: string | undefined): string | undefined => {
    const value = instantOf(d, t);
    if (value === undefined) return undefined;
    if (typeof value === 'string') errors[field] = value;
    else if (value.getTime() > now.getTime()) errors[field] = 'inFuture';
    else if (value.getTime() < Date.parse(incident.discoveredAt) - 60_000) errors[field] = 'beforeDiscovery';
    else return value.toISOString();
    return undefined;
  };

  switch (section) {
    case 'facts': {
      const f = SCHEMAS.facts.parse(input);
      const personalData = f.personalData ?? incident.personalData;
      const patch: Patch = {
        personalData,
        riskLevel: personalData ? f.riskLevel : undefined,
        riskMotivation: f.riskMotivation,
        subjectCategories: personalData ? f.subjectCategories : [],
        dataCategories: personalData ? f.dataCategories : [],
        approxPeopleAffected: personalData ? f.approxPeopleAffected : undefined,
        approxRecords: personalData ? f.approxRecords : undefined,
        consequences: f.consequences,
        measuresTaken: f.measuresTaken,
        measuresPlanned: f.measuresPlanned,
        encrypted: f.encrypted,
        crimeSuspected: f.crimeSuspected,
        policeReport: f.policeReport,
        crossBorder: f.crossBorder,
        rootCause: f.rootCause,
        assessedAt: at,
        assessedBy: actorId,
      };
      return { patch, event: `bedömning${f.riskLevel ? ` risk ${f.riskLevel}` : ''}` };
    }
    case 'imy': {
      const f = SCHEMAS.imy.parse(input);
      const reportable = f.imyReportable === 'ja';
      // The card shows the recorded times in its inputs: an emptied one is a correction, and is cleared.
      const notified = when('imyNotifiedDate', f.imyNotifiedDate, f.imyNotifiedTime);
      const supplement = when('imySupplementDate', f.imySupplementDate, f.imySupplementTime);
      const informed = when('subjectsInformedDate', f.subjectsInformedDate, f.subjectsInformedTime);
      if (supplement && notified && Date.parse(supplement) < Date.parse(notified)) errors.imySupplementDate = 'beforeNotification';
      if (!reportable && (f.imyNotifiedDate || f.imyCaseNumber || f.imySupplementDate) && !errors.imyReportable) {
        const field = f.imyNotifiedDate ? 'imyNotifiedDate' : f.imyCaseNumber ? 'imyCaseNumber' : 'imySupplementDate';
        errors[field] = 'onlyWhenReportable';
      }
      if (supplement && !notified && !errors.imySupplementDate) errors.imySupplementDate = 'onlyWhenReportable';
      // Art. 33.1: a notification after 72 hours is accompanied by the reasons for the delay.
      const imyClock = deadlinesFor({ ...incident, imyReportable: true }, rules).find((d) => d.doneField === 'imyNotifiedAt');
      if (reportable && notified && imyClock?.dueAt && Date.parse(notified) > Date.parse(imyClock.dueAt) && !f.imyLateReason) errors.imyLateReason = 'lateReasonRequired';
      if (informed && !f.subjectsInformedHow && !errors.subjectsInformedDate) errors.subjectsInformedHow = 'howInformed';
      if (Object.keys(errors).length > 0) return { errors };
      const changedDecision = incident.imyReportable !== reportable;
      const patch: Patch = {
        imyReportable: reportable,
        imyMotivation: f.imyMotivation,
        ...(changedDecision || !incident.imyDecidedAt ? { imyDecidedAt: at, imyDecidedBy: actorId } : {}),
        imyNotifiedAt: reportable ? notified : undefined,
        imyCaseNumber: reportable ? f.imyCaseNumber : undefined,
        imyLateReason: reportable ? f.imyLateReason : undefined,
        ...(supplement ? { imySupplementsAt: [...new Set([...(incident.imySupplementsAt ?? []), supplement])].sort() } : {}),
        subjectsException: f.subjectsException,
        subjectsExceptionMotivation: f.subjectsException ? f.subjectsExceptionMotivation : undefined,
        subjectsInformedAt: informed,
        subjectsInformedHow: informed ? f.subjectsInformedHow : undefined,
      };
      return { patch, event: reportable ? (notified && !incident.imyNotifiedAt ? 'anmäld till IMY' : 'anmälningspliktig till IMY') : 'ej anmälningspliktig till IMY' };
    }
    case 'nis': {
      const f = SCHEMAS.nis.parse(input);
      const significant = f.significant === 'ja';
      // The clocks count from the first time it was judged significant; a corrected motivation does not restart them.
      const keepsTime = incident.significant === true && significant;
      const patch: Patch = {
        significant,
        significantMotivation: f.significantMotivation,
        significantDecidedAt: keepsTime ? incident.significantDecidedAt : at,
        significantDecidedBy: keepsTime ? incident.significantDecidedBy : actorId,
      };
      return { patch, event: significant ? 'betydande incident' : 'inte betydande incident' };
    }
    case 'records': {
      const f = SCHEMAS.records.parse(input);
      return { patch: { caseNumber: f.caseNumber, secrecy: f.secrecy }, event: `diarium${f.caseNumber ? ` ${f.caseNumber}` : ''}${f.secrecy ? ` sekretess ${f.secrecy}` : ''}` };
    }
  }
}

/**
 * What an incident still lacks before it may be closed: the facts and risk, the IMY decision when
 * personal data is involved, the significance when the reporter said a service for residents is hit.
 */
export function missingAssessment(incident: Incident): RequiredSection[] {
  const missing: RequiredSection[] = [];
  if (!incident.assessedAt) missing.push('facts');
  if (incident.kind === 'incident' && incident.personalData && incident.imyReportable === undefined) missing.push('imy');
  if (incident.kind === 'incident' && incident.essentialService && incident.significant === undefined) missing.push('nis');
  return missing;
}

/** Art. 34: whether the people concerned must be told, and where that stands. */
export type SubjectsDuty = 'notAssessed' | 'notRequired' | 'required' | 'exception' | 'informed';
export function subjectsDuty(incident: Incident): SubjectsDuty {
  if (incident.subjectsInformedAt) return 'informed';
  if (incident.personalData && !incident.riskLevel) return 'notAssessed';
  if (!incident.personalData || incident.riskLevel !== 'hog') return 'notRequired';
  return incident.subjectsException ? 'exception' : 'required';
}
