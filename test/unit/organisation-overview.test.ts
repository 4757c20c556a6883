import { organisationOverview } from '../../src/admin/organisation-overview';
import type { RoleAssignment } from '../../src/organisation/organisation';

const committees = [
  { code: 'SN', name: 'Socialnämnden', administration: 'Socialförvaltningen' },
  { code: 'KS', name: 'Kommunstyrelsen', administration: 'Kommunledningskontoret' },
];
const holder = (personId: string, role: RoleAssignment['role'], committeeCode: string): RoleAssignment => ({ personId, displayName: personId, email: '', role, committeeCode });

describe('what the organisation view says is missing', () => {
  it('a förvaltning without its own coordinator, and a committee nobody may triage', () => {
    const view = organisationOverview({ committees, holders: [holder('sara', 'samordnare', 'SN'), holder('erik', 'chef', 'KS')], learnersByCommittee: new Map(), sync: undefined, unmapped: [] });
    expect(view.missing.noCoordinator).toEqual([{ administration: 'Kommunledningskontoret', committees: [{ code: 'KS', name: 'Kommunstyrelsen' }] }]);
    expect(view.missing.noTriager).toEqual([{ code: 'KS', name: 'Kommunstyrelsen' }]);
    // A municipality-wide triager covers every committee, but is no förvaltning's own coordinator.
    const covered = organisationOverview({ committees, holders: [holder('sara', 'samordnare', 'SN'), holder('maria', 'dataskyddsombud', '*')], learnersByCommittee: new Map(), sync: undefined, unmapped: [] });
    expect(covered.missing.noTriager).toEqual([]);
    expect(covered.missing.noCoordinator).toEqual([{ administration: 'Kommunledningskontoret', committees: [{ code: 'KS', name: 'Kommunstyrelsen' }] }]);
  });

  it('asks for a coordinator in each förvaltning, not in each of its committees', () => {
    const shared = [...committees, { code: 'ON', name: 'Omsorgsnämnden', administration: 'Socialförvaltningen' }, { code: 'VN', name: 'Valnämnden', administration: 'Kommunledningskontoret' }];
    const view = organisationOverview({ committees: shared, holders: [holder('sara', 'samordnare', 'SN'), holder('johan', 'samordnare', '*')], learnersByCommittee: new Map(), sync: undefined, unmapped: [] });
    // Socialförvaltningen has Sara (for SN, which covers ON too); Kommunledningskontoret has nobody of its own.
    expect(view.missing.noCoordinator).toEqual([
      {
        administration: 'Kommunledningskontoret',
        committees: [
          { code: 'KS', name: 'Kommunstyrelsen' },
          { code: 'VN', name: 'Valnämnden' },
        ],
      },
    ]);
  });

  it('says where people come from, and lists those the sync could not place', () => {
    const view = organisationOverview({
      committees,
      holders: [],
      learnersByCommittee: new Map([['SN', 120]]),
      sync: { deltaLink: 'x', syncedAt: '2026-11-24T03:15:00.000Z', fullReadAt: '2026-11-24T03:15:00.000Z', attribute: 'department' },
      unmapped: [{ value: 'Överförmyndarkansliet', count: 2 }],
    });
    expect(view.source).toEqual({ people: 'entra', syncedAt: '2026-11-24T03:15:00.000Z', roles: 'roleslist' });
    expect(view.committees.find((c) => c.code === 'SN')?.learners).toBe(120);
    expect(view.missing.unmapped).toEqual([{ value: 'Överförmyndarkansliet', count: 2 }]);
  });
});
