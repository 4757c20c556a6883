import type { Deadline } from '../../src/incidents/deadlines';
import { CLOSING_NOTE_MAX, type TriageAction, type TriageRefusal } from '../../src/incidents/triage';
import { SEVERITIES } from '../../src/incidents/incident';
import { t, valueLabel, type Locale, type TextKey } from '../../src/i18n/texts';
import { formatDateTime } from '../../src/clock/stockholm-time';
import type { IncidentRules } from '../../src/incidents/incident-rules';
import type { Incident } from '../../src/incidents/incident';

/** 4000 → "4 000" (sv) or "4,000" (en). */
export const formatCount = (locale: Locale, n: number) => n.toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB').replace(/\u00a0/g, ' ');

/** A legal deadline's name in the reader's language (the rules file may give an English one). */
export const deadlineLabel = (locale: Locale, d: Pick<Deadline, 'label' | 'labelEn'>) => (locale === 'en' && d.labelEn ? d.labelEn : d.label);

/** Why a triage action was refused, in the reader's language. */
export function triageRefusalText(locale: Locale, refusal: TriageRefusal): string {
  const key = `incident.refused.${refusal.code}` as TextKey;
  switch (refusal.code) {
    case 'unknownSeverity':
      return t(locale, key, { choices: SEVERITIES.map((s) => valueLabel(locale, 'severity', s)).join(', ') });
    case 'sameSeverity':
      return t(locale, key, { severity: valueLabel(locale, 'severity', refusal.severity) });
    case 'statusStep':
      return t(locale, key, {
        from: valueLabel(locale, 'incidentStatus', refusal.from),
        to: refusal.to ? valueLabel(locale, 'incidentStatus', refusal.to) : '–',
        requested: valueLabel(locale, 'incidentStatus', refusal.requested),
      });
    case 'closeWhenResolved':
      return t(locale, key, { status: valueLabel(locale, 'incidentStatus', refusal.status) });
    case 'noteTooLong':
      return t(locale, key, { max: formatCount(locale, CLOSING_NOTE_MAX) });
    case 'reportsOutstanding':
      return t(locale, key, { reports: refusal.deadlines.map((d) => deadlineLabel(locale, d)).join(', ') });
    case 'assessFirst':
      return t(locale, key, { parts: refusal.missing.map((m) => t(locale, `assessment.section.${m}`)).join(', ') });
    default:
      return t(locale, key);
  }
}

/** What a saved triage action did, said back on the card in the words a triager uses: "Kvitterad av Johan Berg." */
export function triageSavedText(locale: Locale, action: TriageAction, actorName: string, rules?: IncidentRules): string {
  switch (action.type) {
    case 'acknowledge':
      return t(locale, 'incident.saved.acknowledgedBy', { name: actorName });
    case 'assignToMe':
      return t(locale, 'incident.saved.assignedTo', { name: actorName });
    case 'assess':
      return t(locale, `incident.saved.assess.${action.section}`);
    case 'deadlineDone': {
      const rule = rules?.deadlines.find((r) => r.doneField === action.field);
      const progress = rules?.deadlines.find((r) => r.whileOngoing?.progressDoneField === action.field)?.whileOngoing;
      const label = rule ? deadlineLabel(locale, rule) : progress ? deadlineLabel(locale, progress) : action.field;
      return t(locale, 'incident.saved.deadlineDone', { label, at: formatDateTime(new Date(action.at), locale) });
    }
    case 'severity':
      return t(locale, 'incident.saved.severity', { severity: valueLabel(locale, 'severity', action.severity) });
    case 'status':
      return t(locale, 'incident.saved.status', { status: valueLabel(locale, 'incidentStatus', action.status) });
    default:
      return t(locale, `incident.saved.${action.type}`);
  }
}

/** What the reporter should do now, from the rules file: by category for an incident, the weakness advice for a weakness. */
export function reporterAdviceFor(locale: Locale, incident: Pick<Incident, 'kind' | 'category'>, rules: Pick<IncidentRules, 'reporterAdvice'>): string[] {
  const advice = incident.kind === 'weakness' ? rules.reporterAdvice.weakness : rules.reporterAdvice.categories[incident.category];
  return advice ? advice[locale] : [];
}
