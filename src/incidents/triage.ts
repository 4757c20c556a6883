import { hasRole, type Person } from '../organisation/organisation';
import { INCIDENT_STATUSES, SEVERITIES, type Incident, type IncidentStatus, type Severity } from './incident';
import type { DeadlineDoneField } from './incident-rules';

/**
 * What triagers may do with an incident from its card, as pure rules: each action becomes a
 * patch and a line for the incident's history, or a refusal in Swedish.
 */
export type TriageAction =
  | { type: 'acknowledge' }
  | { type: 'assignToMe' }
  | { type: 'severity'; severity: string }
  | { type: 'status'; status: string }
  | { type: 'deadlineDone'; field: DeadlineDoneField; at: string }
  | { type: 'close'; note: string };

export const NEXT_STATUS: Record<IncidentStatus, IncidentStatus | undefined> = {
  Ny: 'Under utredning',
  'Under utredning': 'Åtgärdad',
  Åtgärdad: 'Stängd',
  Stängd: undefined,
};

export const CLOSING_NOTE_MAX = 4000;

/** Triagers: the committee's coordinators, the security officer and the data protection officer. */
export function canTriage(person: Person | undefined, incident: Pick<Incident, 'committeeCode'>): boolean {
  if (!person) return false;
  return hasRole(person, 'samordnare', incident.committeeCode) || hasRole(person, 'sakerhetsansvarig') || hasRole(person, 'dataskyddsombud');
}

/** Who may read the whole incident: the reporter and the triagers. */
export function canRead(person: Person | undefined, personId: string, incident: Incident): boolean {
  return incident.reporterId === personId || canTriage(person, incident);
}

export type TriageOutcome = { patch: Partial<Incident>; event: string } | { refused: string };

export function applyTriage(incident: Incident, action: TriageAction, actorId: string, now: Date): TriageOutcome {
  const at = now.toISOString();
  const closed = incident.status === 'Stängd';
  if (closed) return { refused: 'Incidenten är stängd och kan inte ändras.' };
  switch (action.type) {
    case 'acknowledge':
      if (incident.acknowledgedAt) return { refused: 'Incidenten är redan kvitterad.' };
      return { patch: { acknowledgedAt: at, acknowledgedBy: actorId }, event: 'kvitterad' };
    case 'assignToMe':
      if (incident.assigneeId === actorId) return { refused: 'Incidenten är redan tilldelad dig.' };
      return { patch: { assigneeId: actorId }, event: 'tilldelad' };
    case 'severity':
      if (!(SEVERITIES as readonly string[]).includes(action.severity)) return { refused: `Allvarlighetsgrad: välj ${SEVERITIES.join(', ')}.` };
      if (incident.severity === action.severity) return { refused: `Allvarlighetsgraden är redan ${action.severity}.` };
      return { patch: { severity: action.severity as Severity }, event: `allvarlighetsgrad ${action.severity}` };
    case 'status': {
      if (!(INCIDENT_STATUSES as readonly string[]).includes(action.status)) return { refused: 'Status: välj ett av alternativen.' };
      const next = NEXT_STATUS[incident.status];
      if (action.status === 'Stängd') return { refused: 'Stäng incidenten med en avslutande kommentar.' };
      if (action.status !== next) return { refused: `Status kan gå från ${incident.status} till ${next} men inte till ${action.status}.` };
      return { patch: { status: next }, event: `status ${next}` };
    }
    case 'deadlineDone': {
      const time = Date.parse(action.at);
      if (Number.isNaN(time)) return { refused: 'Ange när det gjordes (datum och klockslag).' };
      if (time > now.getTime()) return { refused: 'Tidpunkten kan inte ligga i framtiden.' };
      if (time < Date.parse(incident.discoveredAt)) return { refused: 'Tidpunkten kan inte vara före upptäckten.' };
      if (incident[action.field]) return { refused: 'Det är redan registrerat.' };
      return { patch: { [action.field]: new Date(time).toISOString() }, event: `${action.field} registrerad` };
    }
    case 'close': {
      const note = action.note.trim();
      if (incident.status !== 'Åtgärdad') return { refused: `Incidenten kan stängas när den är Åtgärdad (nu: ${incident.status}).` };
      if (note.length === 0) return { refused: 'Avslutande kommentar: måste fyllas i.' };
      if (note.length > CLOSING_NOTE_MAX) return { refused: 'Avslutande kommentar: högst 4 000 tecken.' };
      return { patch: { status: 'Stängd', closingNote: note }, event: 'stängd' };
    }
  }
}
