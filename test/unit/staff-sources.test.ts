import { startTestApp } from '../support/app-harness';
import { allLearners } from '../../src/learning/learners';
import type { RoleAssignment } from '../../src/organisation/organisation';
import { personFromSources, type StaffMember } from '../../src/organisation/staff';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { fixedClock } from '../../src/clock/clock';

const ANNA = '6b1f2c3d-0000-4000-8000-000000000001';
const row = (role: RoleAssignment['role'], committeeCode: string, personId = ANNA): RoleAssignment => ({ personId, displayName: 'Anna Berg', email: 'anna@sjovik.example', role, committeeCode });
const member = (over: Partial<StaffMember> = {}): StaffMember => ({
  personId: ANNA,
  displayName: 'Anna Berg (Entra)',
  email: 'anna.berg@sjovik.example',
  accountEnabled: true,
  attributeValue: 'Socialförvaltningen',
  groupIds: [],
  assignments: [{ role: 'medarbetare', committeeCode: 'SN' }],
  ...over,
});

describe('a person from the roles list and the people sync', () => {
  it('is the roles list alone until the sync has run', () => {
    expect(personFromSources([row('medarbetare', 'KS'), row('samordnare', 'KS')], member(), false)?.assignments).toEqual([
      { role: 'medarbetare', committeeCode: 'KS' },
      { role: 'samordnare', committeeCode: 'KS' },
    ]);
  });

  it('works where Entra ID says once the sync has run, and keeps the roles the roles list gives', () => {
    const person = personFromSources([row('medarbetare', 'KS'), row('samordnare', 'KS')], member(), true);
    expect(person).toEqual({
      id: ANNA,
      displayName: 'Anna Berg (Entra)',
      email: 'anna.berg@sjovik.example',
      assignments: [
        { role: 'medarbetare', committeeCode: 'SN' },
        { role: 'samordnare', committeeCode: 'KS' },
      ],
    });
  });

  it('is known from the sync alone (no row in the roles list), and not at all once disabled', () => {
    expect(personFromSources([], member(), true)?.assignments).toEqual([{ role: 'medarbetare', committeeCode: 'SN' }]);
    expect(personFromSources([], member({ accountEnabled: false }), true)).toBeUndefined();
    // A coordinator who has left keeps the role row until someone removes it, but no longer works anywhere.
    expect(personFromSources([row('medarbetare', 'KS'), row('samordnare', 'KS')], member({ accountEnabled: false }), true)?.assignments).toEqual([{ role: 'samordnare', committeeCode: 'KS' }]);
  });
});

describe('the learners', () => {
  it('come from the roles list until the sync has run, then from the sync only', async () => {
    const clock = fixedClock(new Date('2026-11-24T08:00:00Z'));
    const store = SqliteStore.inMemory(clock);
    const ops = SqliteOperationalStore.inMemory();
    await store.roles.create(`${ANNA}:medarbetare:KS`, row('medarbetare', 'KS'));
    await store.roles.create('b:medarbetare:KS', row('medarbetare', 'KS', 'b'));
    expect((await allLearners(store, ops.staff)).map((l) => [l.personId, l.committeeCode])).toEqual([
      [ANNA, 'KS'],
      ['b', 'KS'],
    ]);
    await ops.staff.save({ upsert: [member()], remove: [], state: { deltaLink: 'x', syncedAt: '2026-11-24T03:15:00Z', fullReadAt: '2026-11-24T03:15:00Z', attribute: 'department' } });
    expect(await allLearners(store, ops.staff)).toEqual([{ personId: ANNA, committeeCode: 'SN', electedOfficial: false }]);
    await store.close();
    await ops.close();
  });
});

describe('turning the people sync off', () => {
  it('forgets at the next start what the sync read, so the roles list decides again', async () => {
    const ops = SqliteOperationalStore.inMemory();
    await ops.staff.save({ upsert: [member()], remove: [], state: { deltaLink: 'x', syncedAt: '2026-11-24T03:15:00Z', fullReadAt: '2026-11-24T03:15:00Z', attribute: 'department' } });
    const app = await startTestApp({ PEOPLE_SYNC: '0' }, { ops });
    try {
      expect(await ops.staff.state()).toBeUndefined();
      expect(await ops.staff.learners()).toEqual([]);
    } finally {
      await app.stop();
    }
  });
});
