/**
 * Committees (nämnder) and the roles people hold in them. Roles are held per committee:
 * a coordinator for Socialnämnden is not a coordinator for Kultur- och fritidsnämnden.
 */
export const ROLES = [
  'medarbetare', // staff member
  'fortroendevald', // elected official
  'samordnare', // informationssäkerhetssamordnare, per förvaltning
  'sakerhetsansvarig', // informationssäkerhetsansvarig
  'itsakerhetsansvarig', // IT-säkerhetsansvarig: technical incidents (seed 002 gives the role duties of its own)
  'dataskyddsombud', // data protection officer
  'chef', // förvaltningschef, presidium, kommundirektör
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that are municipality-wide: an assignment to ALL_COMMITTEES covers every committee. */
export const ALL_COMMITTEES = '*';

export interface Committee {
  /** Short stable code, e.g. "SN". */
  code: string;
  /** The nämnd, e.g. "Socialnämnden". */
  name: string;
  /** The förvaltning under it, e.g. "Socialförvaltningen". */
  administration: string;
}

export interface RoleAssignment {
  /** Entra ID object id (aadObjectId) of the person. */
  personId: string;
  displayName: string;
  email: string;
  role: Role;
  /** A committee code, or ALL_COMMITTEES. */
  committeeCode: string;
}

export interface Person {
  id: string;
  displayName: string;
  email: string;
  assignments: Pick<RoleAssignment, 'role' | 'committeeCode'>[];
}

/** Builds a person from their role rows; undefined when nobody by that id is known. */
export function personFrom(assignments: RoleAssignment[]): Person | undefined {
  const first = assignments[0];
  if (!first) return undefined;
  return {
    id: first.personId,
    displayName: first.displayName,
    email: first.email,
    assignments: assignments.map(({ role, committeeCode }) => ({ role, committeeCode })),
  };
}

export function hasRole(person: Person, role: Role, committeeCode?: string): boolean {
  return person.assignments.some(
    (a) => a.role === role && (committeeCode === undefined || a.committeeCode === committeeCode || a.committeeCode === ALL_COMMITTEES),
  );
}

/** The committee a person belongs to as staff or elected official: used to preselect forms. */
export function homeCommitteeOf(person: Person): string | undefined {
  return person.assignments.find((a) => a.role === 'medarbetare' || a.role === 'fortroendevald')?.committeeCode;
}

/** Committees whose work a person may follow: the ones they hold a role in, or all for central roles. */
export function committeesVisibleTo(person: Person, all: string[]): string[] {
  if (person.assignments.some((a) => a.committeeCode === ALL_COMMITTEES)) return [...all];
  const own = new Set(
    person.assignments.filter((a) => a.role === 'samordnare' || a.role === 'chef').map((a) => a.committeeCode),
  );
  return all.filter((code) => own.has(code));
}
