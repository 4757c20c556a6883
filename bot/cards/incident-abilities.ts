import { canSetStatus } from '../../src/actionplan/save-quarter-statuses';
import { mayAssess } from '../../src/incidents/assessment';
import type { Incident } from '../../src/incidents/incident';
import { canTriage, mayTakeAction } from '../../src/incidents/triage';
import type { Person } from '../../src/organisation/organisation';
import { DEADLINE_DONE_FIELDS, type DeadlineDoneField, type IncidentRules } from '../../src/incidents/incident-rules';

/** What a viewer may do with an incident, from the domain's rules: the card shows exactly these actions. */
export interface Abilities {
  triage: boolean;
  facts: boolean;
  imy: boolean;
  nis: boolean;
  records: boolean;
  /** The legal reports this viewer may record from the incident card (IMY's is recorded with its decision). */
  deadlineFields: DeadlineDoneField[];
  /** May turn the incident into an action in the committee's plan: those who set the committee's statuses. */
  createAction: boolean;
}

export function abilitiesOf(person: Person | undefined, incident: Incident, rules: IncidentRules): Abilities {
  const triage = canTriage(person, incident) && incident.status !== 'Stängd';
  return {
    triage,
    facts: triage && mayAssess(person, incident, 'facts', rules),
    imy: triage && mayAssess(person, incident, 'imy', rules),
    nis: triage && mayAssess(person, incident, 'nis', rules),
    records: triage && mayAssess(person, incident, 'records', rules),
    deadlineFields: triage
      ? DEADLINE_DONE_FIELDS.filter((field) => field !== 'imyNotifiedAt' && mayTakeAction(person, incident, { type: 'deadlineDone', field, at: '' }, rules))
      : [],
    createAction: canSetStatus(person, incident.committeeCode),
  };
}
