import { ALL_COMMITTEES, type Role } from '../organisation/organisation';
import type { Store } from '../store/store';
import type { Incident } from './incident';
import type { IncidentRules } from './incident-rules';

export interface IncidentRecipient {
  personId: string;
  role: Role;
}

/**
 * Who is told of a new incident, by the rules: always the committee's coordinators and the
 * security officer; with personal data the data protection officer; with disruption of an
 * essential service, whoever the rules name. Roles held for all committees count everywhere.
 */
export async function recipientsFor(incident: Incident, rules: IncidentRules, store: Store): Promise<IncidentRecipient[]> {
  const roles = new Set<Role>(rules.notify.always);
  if (incident.personalData) rules.notify.personalData.forEach((r) => roles.add(r));
  if (incident.essentialService) rules.notify.essentialService.forEach((r) => roles.add(r));
  const found = new Map<string, IncidentRecipient>();
  await Promise.all(
    [...roles].map(async (role) => {
      const rows = await store.roles.query({ field: 'role', op: 'eq', value: role });
      for (const { value } of rows) {
        if (value.committeeCode !== incident.committeeCode && value.committeeCode !== ALL_COMMITTEES) continue;
        if (!found.has(value.personId)) found.set(value.personId, { personId: value.personId, role });
      }
    }),
  );
  return [...found.values()].filter((r) => r.personId !== incident.reporterId || r.role !== 'medarbetare');
}
