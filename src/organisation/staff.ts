import type { Learner } from '../learning/campaign';
import { ALL_COMMITTEES, personFrom, type Person, type RoleAssignment } from './organisation';

/**
 * A person as the people sync keeps them from Entra ID: who they are and, by the mapping, where
 * they work. Kept in the operational store (a copy of Entra ID that one full read rebuilds), not
 * in SharePoint: 50,000 rows written there would cost hours of Graph requests and buy nothing.
 */
export interface StaffMember {
  /** The Entra ID object id, as Graph writes it. */
  personId: string;
  displayName: string;
  email: string;
  accountEnabled: boolean;
  /** The mapping's attribute as last read (department, say); undefined when the person has none. */
  attributeValue?: string;
  /** The mapped groups the person is a member of (transitively). */
  groupIds: string[];
  /** What the mapping gave them at the last sync: staff or elected official of a committee. Empty when disabled or unmapped. */
  assignments: Pick<RoleAssignment, 'role' | 'committeeCode'>[];
}

/** Where the next delta read starts, and when the last complete sync was stored. */
export interface StaffSyncState {
  deltaLink: string;
  syncedAt: string;
  /** The last full read: a delta only brings what Graph reports, so everyone is read again now and then to correct drift. */
  fullReadAt: string;
  /** The attribute the read selected: a mapping that names another one needs a full read, which the deltaLink cannot give. */
  attribute: string;
}

/**
 * The learner someone is by their assignments (from the people sync or the roles list): the first
 * staff or elected row is their home committee, and one elected row makes an elected official;
 * undefined when they count nowhere. The one place this rule is written: learnersFrom and
 * learnerOfPerson (src/learning/campaign.ts) use it too.
 */
export function learnerOf(member: { personId: string; assignments: readonly Pick<RoleAssignment, 'role' | 'committeeCode'>[] }): Learner | undefined {
  const rows = member.assignments.filter((a) => (a.role === 'medarbetare' || a.role === 'fortroendevald') && a.committeeCode !== ALL_COMMITTEES);
  const home = rows[0];
  if (!home) return undefined;
  return { personId: member.personId, committeeCode: home.committeeCode, electedOfficial: rows.some((a) => a.role === 'fortroendevald') };
}

/**
 * A person from both sources: their roles from the roles list and, once the people sync has run,
 * where they work from Entra ID. With the sync on, the roles list's staff and elected rows are left
 * out (Entra ID decides who works where, and someone who left is gone from every audience even if
 * their row stays), and an active person without any role row is still known.
 */
export function personFromSources(roleRows: RoleAssignment[], synced: StaffMember | undefined, syncOn: boolean): Person | undefined {
  if (!syncOn) return personFrom(roleRows);
  const roles = roleRows.filter((r) => r.role !== 'medarbetare' && r.role !== 'fortroendevald');
  const member = synced?.accountEnabled ? synced : undefined;
  const first = roleRows[0];
  if (!member && !first) return undefined;
  return {
    id: member?.personId ?? first!.personId,
    displayName: member?.displayName || first?.displayName || '',
    email: member?.email || first?.email || '',
    assignments: [...(member?.assignments ?? []), ...roles.map(({ role, committeeCode }) => ({ role, committeeCode }))],
  };
}
