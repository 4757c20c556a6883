import { hasRole, type Person } from '../organisation/organisation';

/**
 * Who sees the register: the information and IT security officers and the data protection
 * officer every nämnd's (where they hold the role for all, or for that nämnd), a coordinator their
 * nämnd's; a systemägare sees the assets they own wherever they are, whatever else they may see.
 * Decided on the server; the tab shows what it is given.
 */
export function assetCommitteesOf(person: Person | undefined, all: readonly string[]): string[] {
  if (!person) return [];
  return all.filter((code) => (['sakerhetsansvarig', 'itsakerhetsansvarig', 'dataskyddsombud', 'samordnare'] as const).some((role) => hasRole(person, role, code)));
}
