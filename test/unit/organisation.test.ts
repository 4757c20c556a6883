import { DEMO_PEOPLE } from '../../src/demo/demo-organisation';
import { committeesVisibleTo, hasRole, homeCommitteeOf, personFrom, type Person } from '../../src/organisation/organisation';

const demo = (persona: string): Person => {
  const p = DEMO_PEOPLE.find((d) => d.persona === persona)!;
  return personFrom(p.roles.map((r) => ({ personId: p.id, displayName: p.displayName, email: p.email, ...r })))!;
};
const ALL = ['KS', 'SN', 'BUN', 'KFN', 'SBN'];

describe('roles per committee', () => {
  it('makes a coordinator a coordinator only for their own committees', () => {
    const sara = demo('samordnare');
    expect(hasRole(sara, 'samordnare', 'SN')).toBe(true);
    expect(hasRole(sara, 'samordnare', 'KFN')).toBe(true);
    expect(hasRole(sara, 'samordnare', 'BUN')).toBe(false);
    expect(committeesVisibleTo(sara, ALL)).toEqual(['SN', 'KFN']);
  });

  it('gives the security officer every committee', () => {
    const johan = demo('sakerhetsansvarig');
    expect(hasRole(johan, 'sakerhetsansvarig', 'BUN')).toBe(true);
    expect(committeesVisibleTo(johan, ALL)).toEqual(ALL);
  });

  it('lets a staff member follow no committee but knows their home committee', () => {
    const anna = demo('medarbetare');
    expect(committeesVisibleTo(anna, ALL)).toEqual([]);
    expect(homeCommitteeOf(anna)).toBe('SN');
    expect(homeCommitteeOf(demo('fortroendevald'))).toBe('SN');
  });

  it('knows nobody without role rows', () => {
    expect(personFrom([])).toBeUndefined();
  });
});
