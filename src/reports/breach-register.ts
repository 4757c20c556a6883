import { formatCsv } from '../actionplan/csv';
import { stockholmQuarter, stockholmWallTime } from '../clock/stockholm-time';
import { subjectsDuty } from '../incidents/assessment';
import type { Incident } from '../incidents/incident';
import { t, valueLabel, type Locale, type TextKey } from '../i18n/texts';
import { hasRole, type Committee, type Person } from '../organisation/organisation';
import type { RegisterRow } from '../api/tab-api-types';
import { registerDecisionOf } from './register-decision';

/**
 * The register every controller keeps of its personal data breaches (GDPR art. 33.5): every
 * incident where personal data was involved, notified to IMY or not, with the facts, the
 * assessment and the decision with its reasons. The controller is the committee (nämnd), so the
 * register is kept per committee. A reported weakness is not a breach: nothing has happened yet.
 */

/** Who may read a committee's register: the DPO and the security officer (all), the committee's coordinators (their own). */
export function mayReadRegister(person: Person | undefined, committeeCode: string): boolean {
  if (!person) return false;
  return (['dataskyddsombud', 'sakerhetsansvarig', 'samordnare'] as const).some((role) => hasRole(person, role, committeeCode));
}

/** The committees whose register a person may read. */
export const registerCommitteesOf = (person: Person | undefined, allCommittees: string[]): string[] => allCommittees.filter((code) => mayReadRegister(person, code));

export const belongsInRegister = (incident: Incident): boolean => incident.personalData && incident.kind === 'incident';

/** Discovered in the year, as a calendar year in Stockholm. */
export const discoveredIn = (year: number) => (incident: Incident) => stockholmQuarter(new Date(incident.discoveredAt)).year === year;

const labels = (locale: Locale, kind: 'subjectCategory' | 'dataCategory', values: readonly string[] | undefined) => (values ?? []).map((v) => valueLabel(locale, kind, v));

/** Art. 34 in one cell: told when and how, the exception and why, or whether it is needed. */
function subjectsInformation(incident: Incident, locale: Locale): string {
  const duty = subjectsDuty(incident);
  const when = (iso: string | undefined) => (iso ? formatWhen(iso, locale) : t(locale, 'draft.notSet'));
  if (duty === 'informed') {
    const told = t(locale, 'draft.value.subjectsInformed', { date: when(incident.subjectsInformedAt) });
    return incident.subjectsInformedHow ? `${told} – ${incident.subjectsInformedHow}` : told;
  }
  if (duty === 'exception') {
    const exception = t(locale, 'draft.value.subjectsException', { exception: valueLabel(locale, 'subjectException', incident.subjectsException!) });
    return incident.subjectsExceptionMotivation ? `${exception} – ${incident.subjectsExceptionMotivation}` : exception;
  }
  if (duty === 'required') return t(locale, 'draft.value.subjectsRequired');
  return incident.riskLevel ? t(locale, 'draft.value.subjectsNotRequired') : '';
}

/** A moment as a spreadsheet keeps it as text: "2026-03-02 kl. 09:30" is not read as a date or a number. */
function formatWhen(iso: string, locale: Locale): string {
  const w = stockholmWallTime(new Date(iso));
  const two = (n: number) => String(n).padStart(2, '0');
  return t(locale, 'register.at', { date: `${w.year}-${two(w.month)}-${two(w.day)}`, time: `${two(w.hour)}:${two(w.minute)}` });
}

/** The register's rows, one per personal-data incident, ordered by committee and then by discovery. */
export function registerRows(incidents: Incident[], ctx: { locale: Locale; committees: Committee[]; names: (personId: string) => string }): RegisterRow[] {
  const { locale } = ctx;
  const committeeName = new Map(ctx.committees.map((c) => [c.code, c.name]));
  return incidents
    .filter(belongsInRegister)
    .map((i): RegisterRow => {
      const decision = registerDecisionOf(i);
      return {
        reference: i.reference,
        caseNumber: i.caseNumber ?? '',
        secrecy: i.secrecy ?? '',
        secrecyLabel: i.secrecy ? valueLabel(locale, 'secrecy', i.secrecy) : '',
        committeeCode: i.committeeCode,
        committee: committeeName.get(i.committeeCode) ?? i.committeeCode,
        discoveredAt: i.discoveredAt,
        category: valueLabel(locale, 'category', i.category),
        description: i.description,
        subjectCategories: labels(locale, 'subjectCategory', i.subjectCategories),
        dataCategories: labels(locale, 'dataCategory', i.dataCategories),
        approxPeopleAffected: i.approxPeopleAffected ?? null,
        approxRecords: i.approxRecords ?? null,
        consequences: i.consequences ?? '',
        measuresTaken: i.measuresTaken ?? '',
        measuresPlanned: i.measuresPlanned ?? '',
        riskLevel: i.riskLevel ? valueLabel(locale, 'riskLevel', i.riskLevel) : '',
        riskMotivation: i.riskMotivation ?? '',
        decision,
        decisionLabel: t(locale, `register.decision.${decision}` as TextKey),
        decisionMotivation: i.imyMotivation ?? '',
        imyNotifiedAt: i.imyNotifiedAt ?? '',
        imyCaseNumber: i.imyCaseNumber ?? '',
        imyLateReason: i.imyLateReason ?? '',
        decidedBy: i.imyDecidedAt ? `${i.imyDecidedBy ? `${ctx.names(i.imyDecidedBy)}, ` : ''}${formatWhen(i.imyDecidedAt, locale)}` : '',
        supplementsAt: i.imySupplementsAt ?? [],
        subjectsInformation: subjectsInformation(i, locale),
      };
    })
    .sort((a, b) => a.committee.localeCompare(b.committee, 'sv') || a.discoveredAt.localeCompare(b.discoveredAt) || a.reference.localeCompare(b.reference));
}

const REGISTER_COLUMNS = [
  'reference', 'caseNumber', 'secrecy', 'committee', 'discovered', 'category', 'description', 'subjects', 'data', 'people', 'records', 'consequences',
  'measuresTaken', 'measuresPlanned', 'riskLevel', 'riskMotivation', 'decision', 'decisionMotivation', 'decidedBy', 'notifiedAt', 'authorityCaseNumber', 'lateReason',
  'supplements', 'subjectsInformation',
] as const;

/**
 * The register as Swedish spreadsheets read CSV (semicolons; the caller adds the BOM). Counts are
 * written "cirka 40" and times "2026-03-02 kl. 09:30": the register keeps approximations and
 * moments as stated, and a spreadsheet must not turn them into numbers or dates of its own.
 */
export function registerCsv(rows: RegisterRow[], ctx: { locale: Locale; authority: string }): string {
  const { locale } = ctx;
  const approx = (n: number | null) => (n === null ? '' : t(locale, 'register.approx', { n }));
  const when = (iso: string) => (iso ? formatWhen(iso, locale) : '');
  const header = REGISTER_COLUMNS.map((c) => t(locale, `register.col.${c}` as TextKey, { authority: ctx.authority }));
  const body = rows.map((r) => [
    r.reference,
    r.caseNumber,
    r.secrecyLabel,
    r.committee,
    when(r.discoveredAt),
    r.category,
    r.description,
    r.subjectCategories.join(', '),
    r.dataCategories.join(', '),
    approx(r.approxPeopleAffected),
    approx(r.approxRecords),
    r.consequences,
    r.measuresTaken,
    r.measuresPlanned,
    r.riskLevel,
    r.riskMotivation,
    r.decisionLabel,
    r.decisionMotivation,
    r.decidedBy,
    when(r.imyNotifiedAt),
    r.imyCaseNumber,
    r.imyLateReason,
    r.supplementsAt.map(when).join(', '),
    r.subjectsInformation,
  ]);
  return formatCsv([header, ...body]);
}
