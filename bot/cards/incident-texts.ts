import type { Deadline } from '../../src/incidents/deadlines';
import { CLOSING_NOTE_MAX, type TriageAction, type TriageRefusal } from '../../src/incidents/triage';
import { SEVERITIES } from '../../src/incidents/incident';
import { t, valueLabel, type Locale, type TextKey } from '../../src/i18n/texts';

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
    default:
      return t(locale, key);
  }
}

/** What a saved triage action did, said back on the card. */
export function triageSavedText(locale: Locale, action: TriageAction): string {
  switch (action.type) {
    case 'severity':
      return t(locale, 'incident.saved.severity', { severity: valueLabel(locale, 'severity', action.severity) });
    case 'status':
      return t(locale, 'incident.saved.status', { status: valueLabel(locale, 'incidentStatus', action.status) });
    default:
      return t(locale, `incident.saved.${action.type}`);
  }
}
