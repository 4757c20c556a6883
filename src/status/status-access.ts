import { canTriage } from '../incidents/triage';
import { committeesVisibleTo, hasRole, type Person } from '../organisation/organisation';

/**
 * Who sees what in the status tab, decided from the roles list and nothing the page sends:
 * - the security officer and the data protection officer: every committee, with incident details;
 * - a coordinator: their committees, with the incidents reported there;
 * - a manager (förvaltningschef, presidium, kommundirektör): their committees, figures only;
 * - an elected official: their own nämnd (the accountable body), figures only;
 * - staff without such a role: nothing (the bot shows them their own).
 */
export interface StatusAccess {
  committees: string[];
  /** Whether the incident list (references, categories, statuses) of this committee may be shown. */
  incidentDetails(committeeCode: string): boolean;
}

export function statusAccessOf(person: Person | undefined, allCommittees: string[]): StatusAccess {
  if (!person) return { committees: [], incidentDetails: () => false };
  const followed = new Set(committeesVisibleTo(person, allCommittees));
  const committees = allCommittees.filter((code) => followed.has(code) || hasRole(person, 'fortroendevald', code));
  return {
    committees,
    // Triagers only: an elected official's committees add figures, never the incidents behind them.
    incidentDetails: (code) => committees.includes(code) && canTriage(person, { committeeCode: code }),
  };
}

/** The roles that open the tab at all; used to explain a refusal. */
export function mayOpenStatus(person: Person | undefined): boolean {
  return Boolean(person && (['samordnare', 'chef', 'fortroendevald', 'sakerhetsansvarig', 'itsakerhetsansvarig', 'dataskyddsombud'] as const).some((r) => hasRole(person, r)));
}
