import { ALL_COMMITTEES, type Person } from '../organisation/organisation';

/**
 * Who may use the tab's Administration part: the information security officer runs it (campaigns,
 * the yearly plan); the data protection officer may read it. Both hold their role for the whole
 * municipality. Everyone else is refused on the server, whatever the page shows.
 */
export type AdminAccess = 'manage' | 'read';

export function adminAccessOf(person: Person | undefined): AdminAccess | undefined {
  const holds = (role: 'sakerhetsansvarig' | 'dataskyddsombud') => Boolean(person?.assignments.some((a) => a.role === role && a.committeeCode === ALL_COMMITTEES));
  if (holds('sakerhetsansvarig')) return 'manage';
  if (holds('dataskyddsombud')) return 'read';
  return undefined;
}
