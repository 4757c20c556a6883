import { TRIAGER_ROLES } from '../incidents/triage-roles';
import { ALL_COMMITTEES, type Committee, type Role, type RoleAssignment } from '../organisation/organisation';
import type { StaffSyncState } from '../organisation/staff';

/** The roles the organisation view lists: everyone's work but staff and elected officials, who are counted instead. */
export const LISTED_ROLES = ['samordnare', 'chef', 'sakerhetsansvarig', 'itsakerhetsansvarig', 'dataskyddsombud'] as const satisfies readonly Role[];

export interface OrganisationOverview {
  /** Where people and their committees come from, and where the roles do. */
  source: { people: 'entra' | 'roleslist'; syncedAt?: string; roles: 'roleslist' };
  committees: {
    code: string;
    name: string;
    administration: string;
    /** Holders of the listed roles for this committee (municipality-wide holders are listed once, below). */
    roles: { role: Role; people: { id: string; name: string }[] }[];
    /** Staff and elected officials counted for the committee. */
    learners: number;
  }[];
  /** Holders of a role for every committee. */
  municipalityWide: { role: Role; people: { id: string; name: string }[] }[];
  missing: {
    /** Förvaltningar with no informationssäkerhetssamordnare for any of their committees (the municipality's rules ask for at least one each). */
    noCoordinator: { administration: string; committees: { code: string; name: string }[] }[];
    /** Committees whose incidents nobody may triage. */
    noTriager: { code: string; name: string }[];
    /** People the sync read who work nowhere by the mapping, by the value that did not map. */
    unmapped: { value: string | undefined; count: number }[];
  };
}

/**
 * The förvaltningar none of whose committees has a coordinator of its own: the rule asks for one
 * in each förvaltning, not in each committee, and one for every committee ('*') is nobody's own.
 */
function withoutCoordinator(committees: Committee[], holders: RoleAssignment[]): OrganisationOverview['missing']['noCoordinator'] {
  const covered = new Set(holders.filter((h) => h.role === 'samordnare').map((h) => h.committeeCode));
  const byAdministration = new Map<string, Committee[]>();
  for (const c of committees) byAdministration.set(c.administration, [...(byAdministration.get(c.administration) ?? []), c]);
  return [...byAdministration]
    .filter(([, own]) => !own.some((c) => covered.has(c.code)))
    .map(([administration, own]) => ({ administration, committees: own.map(({ code, name }) => ({ code, name })) }))
    .sort((a, b) => a.administration.localeCompare(b.administration, 'sv'));
}

/**
 * Committees, who holds which role, and what is missing, from the roles list (the listed roles,
 * each read by its index), the learners per committee and, with the sync, the people it could not
 * place. Pure: the API reads the records and hands them here.
 */
export function organisationOverview(input: {
  committees: Committee[];
  holders: RoleAssignment[];
  learnersByCommittee: Map<string, number>;
  sync: StaffSyncState | undefined;
  unmapped: { value: string | undefined; count: number }[];
}): OrganisationOverview {
  const sorted = [...input.committees].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const peopleOf = (rows: RoleAssignment[]) =>
    [...new Map(rows.map((r) => [r.personId.toLowerCase(), { id: r.personId, name: r.displayName }])).values()].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const wide = input.holders.filter((h) => h.committeeCode === ALL_COMMITTEES);
  const committees = sorted.map((c) => ({
    code: c.code,
    name: c.name,
    administration: c.administration,
    roles: LISTED_ROLES.map((role) => ({ role, people: peopleOf(input.holders.filter((h) => h.role === role && h.committeeCode === c.code)) })).filter((r) => r.people.length > 0),
    learners: input.learnersByCommittee.get(c.code) ?? 0,
  }));
  const holds = (code: string, roles: readonly Role[]) => input.holders.some((h) => roles.includes(h.role) && (h.committeeCode === code || h.committeeCode === ALL_COMMITTEES));
  return {
    source: { people: input.sync ? 'entra' : 'roleslist', ...(input.sync ? { syncedAt: input.sync.syncedAt } : {}), roles: 'roleslist' },
    committees,
    municipalityWide: LISTED_ROLES.map((role) => ({ role, people: peopleOf(wide.filter((h) => h.role === role)) })).filter((r) => r.people.length > 0),
    missing: {
      noCoordinator: withoutCoordinator(sorted, input.holders),
      noTriager: sorted.filter((c) => !holds(c.code, TRIAGER_ROLES)).map(({ code, name }) => ({ code, name })),
      unmapped: input.unmapped,
    },
  };
}
