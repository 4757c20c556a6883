import type { Incident } from '../incidents/incident';

/** The committee's decision on notifying IMY, as the register and the drafts word it (texts: register.decision.*). */
export const REGISTER_DECISIONS = ['anmald', 'anmalningspliktig', 'ej-anmalningspliktig', 'ej-beslutad'] as const;
export type RegisterDecision = (typeof REGISTER_DECISIONS)[number];

export function registerDecisionOf(incident: Pick<Incident, 'imyReportable' | 'imyNotifiedAt'>): RegisterDecision {
  if (incident.imyReportable === false) return 'ej-anmalningspliktig';
  if (incident.imyReportable === true) return incident.imyNotifiedAt ? 'anmald' : 'anmalningspliktig';
  return 'ej-beslutad';
}
