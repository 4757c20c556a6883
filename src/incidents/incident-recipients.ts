import { ALL_COMMITTEES, type Role } from '../organisation/organisation';
import { holdersOf } from '../organisation/people';
import type { Store } from '../store/store';
import type { Incident } from './incident';
import type { IncidentRules } from './incident-rules';

export interface IncidentRecipient {
  personId: string;
  /** The first of the roles that made them a recipient, in the order the rules name them: what the receipt calls them. */
  role: Role;
  displayName: string;
}

/** The people who hold any of `roles` for a committee (a role held for all committees counts everywhere), each once. */
export async function peopleHolding(store: Store, roles: readonly Role[], committeeCode: string): Promise<IncidentRecipient[]> {
  const found = new Map<string, IncidentRecipient>();
  const rows = await Promise.all(roles.map((role) => holdersOf(store, role)));
  rows.forEach((list, i) => {
    for (const value of list) {
      if (value.committeeCode !== committeeCode && value.committeeCode !== ALL_COMMITTEES) continue;
      if (!found.has(value.personId)) found.set(value.personId, { personId: value.personId, role: roles[i]!, displayName: value.displayName });
    }
  });
  return [...found.values()];
}

/**
 * Who is told of a new incident, by the rules: always the committee's coordinators and the
 * security officer; with personal data the data protection officer; with the reporter's hint that a
 * service for residents is disrupted, and for categories routed to them, whoever the rules name.
 */
export async function recipientsFor(incident: Incident, rules: IncidentRules, store: Store): Promise<IncidentRecipient[]> {
  const roles = new Set<Role>(rules.notify.always);
  if (incident.personalData) rules.notify.personalData.forEach((r) => roles.add(r));
  if (incident.essentialService) rules.notify.essentialService.forEach((r) => roles.add(r));
  (rules.notify.categories[incident.category] ?? []).forEach((r) => roles.add(r));
  const people = await peopleHolding(store, [...roles], incident.committeeCode);
  return people.filter((r) => r.personId !== incident.reporterId || r.role !== 'medarbetare');
}
