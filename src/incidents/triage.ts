import { hasRole, type Person } from '../organisation/organisation';
import { checkFreeText } from '../text/free-text';
import { INCIDENT_STATUSES, SEVERITIES, type Incident, type IncidentStatus, type Severity } from './incident';
import { assess, missingAssessment, mayAssess, subjectsDuty, type AssessmentErrors, type AssessmentSection } from './assessment';
import { deadlinesFor } from './deadlines';
import { TRIAGER_ROLES } from './triage-roles';
import type { DeadlineDoneField, IncidentRules } from './incident-rules';

/**
 * What triagers may do with an incident from its card, as pure rules: each action becomes a
 * patch and a line for the incident's history, or a refusal with its reason (the bot words it).
 */
export type TriageAction =
  | { type: 'acknowledge' }
  | { type: 'assignToMe' }
  | { type: 'severity'; severity: string }
  | { type: 'status'; status: string }
  | { type: 'deadlineDone'; field: DeadlineDoneField; at: string }
  | { type: 'close'; note: string }
  | { type: 'assess'; section: AssessmentSection; input: Record<string, unknown> };

export const NEXT_STATUS: Record<IncidentStatus, IncidentStatus | undefined> = {
  Ny: 'Under utredning',
  'Under utredning': 'Åtgärdad',
  Åtgärdad: 'Stängd',
  Stängd: undefined,
};

export const CLOSING_NOTE_MAX = 4000;

/** Triagers: the committee's coordinators, the information and IT security officers and the data protection officer. */
export function canTriage(person: Person | undefined, incident: Pick<Incident, 'committeeCode'>): boolean {
  if (!person) return false;
  // Every role counts for the incident's committee only; a role held for all committees ("*") counts everywhere.
  return TRIAGER_ROLES.some((role) => hasRole(person, role, incident.committeeCode));
}

/**
 * Whether a triager may take this action: the decisions and the legal reports belong to the roles
 * the rules name (the committee decides on IMY, the security function on significance), everything
 * else to every triager.
 */
export function mayTakeAction(person: Person | undefined, incident: Incident, action: TriageAction, rules: IncidentRules): boolean {
  if (!canTriage(person, incident)) return false;
  if (action.type === 'assess') return mayAssess(person, incident, action.section, rules);
  if (action.type === 'deadlineDone') {
    const rule = rules.deadlines.find((r) => r.doneField === action.field || r.whileOngoing?.progressDoneField === action.field);
    return rule !== undefined && rule.owners.some((role) => hasRole(person!, role, incident.committeeCode));
  }
  return true;
}

/** Who may read the whole incident: the reporter and the triagers. */
export function canRead(person: Person | undefined, personId: string, incident: Incident): boolean {
  return incident.reporterId === personId || canTriage(person, incident);
}

/** Why a triage action was refused; values are stored values, which the texts show with their labels. */
export type TriageRefusal =
  | { code: 'closed' | 'alreadyAcknowledged' | 'alreadyAssigned' | 'unknownSeverity' | 'unknownStatus' | 'closeWithNote' }
  | { code: 'sameSeverity'; severity: string }
  | { code: 'statusStep'; from: IncidentStatus; to: IncidentStatus | undefined; requested: string }
  | { code: 'noTime' | 'noDoneTime' | 'timeInFuture' | 'timeBeforeDiscovery' | 'alreadyRecorded' | 'unknownDeadline' | 'unknownSection' }
  | { code: 'closeWhenResolved'; status: IncidentStatus }
  | { code: 'noteRequired' | 'noteTooLong' | 'noteBadCharacters' | 'noteOnlyInvisible' }
  | { code: 'assessFirst'; missing: AssessmentSection[] }
  | { code: 'useAssessment' | 'noSuchClock' | 'subjectsNotInformed' }
  | { code: 'reportsOutstanding'; deadlines: { label: string; labelEn?: string }[] }
  | { code: 'invalidAssessment'; section: AssessmentSection; errors: AssessmentErrors };

export type TriageOutcome = { patch: Partial<Incident>; event: string } | { refused: TriageRefusal };

export function applyTriage(incident: Incident, action: TriageAction, actorId: string, now: Date, rules: IncidentRules): TriageOutcome {
  const at = now.toISOString();
  const closed = incident.status === 'Stängd';
  if (closed) return { refused: { code: 'closed' } };
  switch (action.type) {
    case 'acknowledge':
      if (incident.acknowledgedAt) return { refused: { code: 'alreadyAcknowledged' } };
      return { patch: { acknowledgedAt: at, acknowledgedBy: actorId }, event: 'kvitterad' };
    case 'assignToMe':
      if (incident.assigneeId === actorId) return { refused: { code: 'alreadyAssigned' } };
      return { patch: { assigneeId: actorId }, event: 'tilldelad' };
    case 'severity':
      if (!(SEVERITIES as readonly string[]).includes(action.severity)) return { refused: { code: 'unknownSeverity' } };
      if (incident.severity === action.severity) return { refused: { code: 'sameSeverity', severity: action.severity } };
      return { patch: { severity: action.severity as Severity }, event: `allvarlighetsgrad ${action.severity}` };
    case 'status': {
      if (!(INCIDENT_STATUSES as readonly string[]).includes(action.status)) return { refused: { code: 'unknownStatus' } };
      const next = NEXT_STATUS[incident.status];
      if (action.status === 'Stängd') return { refused: { code: 'closeWithNote' } };
      if (action.status !== next) return { refused: { code: 'statusStep', from: incident.status, to: next, requested: action.status } };
      return { patch: { status: next, ...(next === 'Åtgärdad' ? { resolvedAt: at } : {}) }, event: `status ${next}` };
    }
    case 'deadlineDone': {
      const time = Date.parse(action.at);
      if (Number.isNaN(time)) return { refused: { code: 'noTime' } };
      if (time > now.getTime()) return { refused: { code: 'timeInFuture' } };
      if (time < Date.parse(incident.discoveredAt)) return { refused: { code: 'timeBeforeDiscovery' } };
      if (incident[action.field]) return { refused: { code: 'alreadyRecorded' } };
      // IMY's notification belongs with the decision, its case number and any reason for lateness.
      if (action.field === 'imyNotifiedAt') return { refused: { code: 'useAssessment' } };
      // Only a report that is due can be recorded: not one whose clock waits, or that does not apply.
      if (!deadlinesFor(incident, rules).some((d) => d.doneField === action.field && d.state === 'running')) return { refused: { code: 'noSuchClock' } };
      return { patch: { [action.field]: new Date(time).toISOString() }, event: `${action.field} registrerad` };
    }
    case 'close': {
      const note = action.note.trim();
      if (incident.status !== 'Åtgärdad') return { refused: { code: 'closeWhenResolved', status: incident.status } };
      const missing = missingAssessment(incident);
      if (missing.length > 0) return { refused: { code: 'assessFirst', missing } };
      // Closing ends the reminders and the actions: what the law still asks for must be done (or decided away) first.
      const outstanding = deadlinesFor(incident, rules).filter((d) => d.state === 'running' || d.state === 'waiting');
      if (outstanding.length > 0) return { refused: { code: 'reportsOutstanding', deadlines: outstanding.map((d) => ({ label: d.label, ...(d.labelEn ? { labelEn: d.labelEn } : {}) })) } };
      if (subjectsDuty(incident) === 'required') return { refused: { code: 'subjectsNotInformed' } };
      if (note.length === 0) return { refused: { code: 'noteRequired' } };
      if (note.length > CLOSING_NOTE_MAX) return { refused: { code: 'noteTooLong' } };
      const problem = checkFreeText(note);
      if (problem) return { refused: { code: problem.code === 'badCharacters' ? 'noteBadCharacters' : 'noteOnlyInvisible' } };
      return { patch: { status: 'Stängd', closingNote: note }, event: 'stängd' };
    }
    case 'assess': {
      const outcome = assess(incident, action.section, action.input, rules, actorId, now);
      if ('errors' in outcome) return { refused: { code: 'invalidAssessment', section: action.section, errors: outcome.errors } };
      return outcome;
    }
  }
}
