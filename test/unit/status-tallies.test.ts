import { fixedClock } from '../../src/clock/clock';
import { INCIDENT_CATEGORIES, type Incident } from '../../src/incidents/incident';
import type { Campaign } from '../../src/learning/campaign';
import { learnersFrom } from '../../src/learning/campaign';
import type { Completion } from '../../src/learning/completion';
import { completionRates } from '../../src/learning/completion-rates';
import { countPass, ratesFromTallies } from '../../src/learning/training-tally';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { personFrom, type RoleAssignment } from '../../src/organisation/organisation';
import { figuresFromTally } from '../../src/status/incident-tally';
import { currentTallies, recountTallies, talliedStore } from '../../src/status/status-tallies';
import { incidentFigures } from '../../src/status/status-views';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';

/**
 * The tab's figures come from counts kept with each completion and incident write. Whatever the
 * order of events, they must equal what a full recount from the records gives — the figures the
 * views computed before the counts existed.
 */
const COMMITTEES = ['KS', 'SN', 'BUN', 'KFN', 'TN'];

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function municipality(rnd: () => number) {
  const roles: RoleAssignment[] = [];
  for (let p = 0; p < 120; p++) {
    const committeeCode = COMMITTEES[Math.floor(rnd() * COMMITTEES.length)]!;
    const role = rnd() < 0.1 ? 'fortroendevald' : 'medarbetare';
    roles.push({ personId: `p${p}`, displayName: `P ${p}`, email: '', role, committeeCode });
    // Some hold a second role: an elected official who is also staff elsewhere, a coordinator.
    if (rnd() < 0.1) roles.push({ personId: `p${p}`, displayName: `P ${p}`, email: '', role: 'fortroendevald', committeeCode: COMMITTEES[Math.floor(rnd() * COMMITTEES.length)]! });
    if (rnd() < 0.05) roles.push({ personId: `p${p}`, displayName: `P ${p}`, email: '', role: 'samordnare', committeeCode });
  }
  const base = { reminderEveryDays: 7, maxReminders: 2, createdBy: 'x', createdAt: '2026-01-01T00:00:00.000Z', dueDate: '2026-12-31' };
  const campaigns: Campaign[] = [
    { ...base, campaignId: 'a', moduleId: 'natfiske', audience: 'alla', committeeCodes: [], startDate: '2026-02-01' },
    { ...base, campaignId: 'b', moduleId: 'losenord', audience: 'namnder', committeeCodes: ['SN', 'BUN'], startDate: '2026-03-01' },
    { ...base, campaignId: 'c', moduleId: 'losenord', audience: 'namnder', committeeCodes: ['BUN', 'TN'], startDate: '2026-04-01' },
    { ...base, campaignId: 'd', moduleId: 'sekretess', audience: 'fortroendevalda', committeeCodes: [], startDate: '2026-05-01' },
  ];
  return { roles, campaigns };
}

describe('the status tab’s training counts', () => {
  it.each([1, 2, 3, 4, 5])('equal a full recount after random completions, retakes and strangers (seed %i)', async (seed) => {
    const rnd = random(seed);
    const clock = fixedClock('2026-06-01T08:00:00Z');
    const store = SqliteStore.inMemory(clock);
    const ops = SqliteOperationalStore.inMemory();
    const { roles, campaigns } = municipality(rnd);
    await store.roles.createMany(roles.map((value, i) => ({ key: `r${i}`, value })));
    // Counted from empty records first, as a new installation's first request does.
    await currentTallies(store, ops, clock, 2026);

    const completions: Completion[] = [];
    const modules = ['natfiske', 'losenord', 'sekretess', 'klassning'];
    for (let n = 0; n < 400; n++) {
      // Mostly staff, sometimes someone the roles list does not know; retakes and other versions happen.
      const personId = rnd() < 0.95 ? `p${Math.floor(rnd() * 120)}` : `stranger${n}`;
      const completion: Completion = { personId, moduleId: modules[Math.floor(rnd() * modules.length)]!, moduleVersion: 1 + Math.floor(rnd() * 2), committeeCode: '-', completedAt: clock.now().toISOString(), score: 1 };
      await store.completions.create(`c${n}`, completion);
      completions.push(completion);
      const person = personFrom(roles.filter((r) => r.personId === personId));
      await countPass(ops.tallies, completion, person, clock.now());
    }

    const expectedFor = (committees: string[]) =>
      completionRates({ learners: learnersFrom(roles).filter((l) => committees.includes(l.committeeCode)), campaigns, completions, committees, target: 0.8 });
    const fromCounts = async (committees: string[]) => ratesFromTallies({ tallies: (await ops.tallies.training())!, campaigns, committees, target: 0.8 });
    for (const visible of [COMMITTEES, ['SN'], ['BUN', 'TN'], ['KFN']]) {
      expect(await fromCounts(visible)).toEqual(expectedFor(visible));
    }
    // And the nightly recount leaves them as they are.
    const before = await ops.tallies.training();
    await recountTallies(store, ops, clock);
    const sorted = (t: typeof before) => JSON.stringify([...t!.learners].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))) + JSON.stringify([...t!.passed].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
    expect(sorted(await ops.tallies.training())).toBe(sorted(before));
    await store.close();
    await ops.close();
  });

  it('count a pass once, however often it is noted, and only in the person’s committee', async () => {
    const ops = SqliteOperationalStore.inMemory();
    const clock = fixedClock('2026-06-01T08:00:00Z');
    const store = SqliteStore.inMemory(clock);
    await store.roles.create('r', { personId: 'anna', displayName: 'Anna', email: '', role: 'medarbetare', committeeCode: 'SN' });
    await currentTallies(store, ops, clock, 2026);
    const anna = personFrom([{ personId: 'anna', displayName: 'Anna', email: '', role: 'medarbetare', committeeCode: 'SN' }]);
    expect(await countPass(ops.tallies, { personId: 'anna', moduleId: 'natfiske' }, anna, clock.now())).toBe(true);
    expect(await countPass(ops.tallies, { personId: 'anna', moduleId: 'natfiske' }, anna, clock.now())).toBe(false);
    expect((await ops.tallies.training())!.passed).toEqual([{ committeeCode: 'SN', electedOfficial: false, moduleId: 'natfiske', passed: 1 }]);
    await store.close();
    await ops.close();
  });

  it('keep a pass noted while a recount was reading, which the recount itself did not see', async () => {
    const ops = SqliteOperationalStore.inMemory();
    const clock = fixedClock('2026-06-01T08:00:00Z');
    const store = SqliteStore.inMemory(clock);
    await store.roles.create('r', { personId: 'anna', displayName: 'Anna', email: '', role: 'medarbetare', committeeCode: 'SN' });
    const since = clock.now().toISOString();
    clock.advance(1000);
    // The pass lands after the recount began reading; the recount's rows do not include it.
    await ops.tallies.recordPass({ personId: 'anna', moduleId: 'natfiske', committeeCode: 'SN', electedOfficial: false }, clock.now().toISOString());
    await ops.tallies.recountTraining([{ committeeCode: 'SN', electedOfficial: false, learners: 1 }], [], since);
    expect((await ops.tallies.training())!.passed).toEqual([{ committeeCode: 'SN', electedOfficial: false, moduleId: 'natfiske', passed: 1 }]);
    // A pass noted before the recount began and absent from it is gone from the records: it goes.
    clock.advance(1000);
    await ops.tallies.recountTraining([{ committeeCode: 'SN', electedOfficial: false, learners: 1 }], [], clock.now().toISOString());
    expect((await ops.tallies.training())!.passed).toEqual([]);
    await store.close();
    await ops.close();
  });
});

describe('the status tab’s incident counts', () => {
  it('follow every report, change and removal through the store, and equal the figures of the records', async () => {
    const rnd = random(7);
    const clock = fixedClock('2026-06-01T08:00:00Z');
    const ops = SqliteOperationalStore.inMemory();
    const store = talliedStore(SqliteStore.inMemory(clock), ops.tallies, clock, (err) => {
      throw err;
    });
    await currentTallies(store, ops, clock, 2026);
    const incident = (n: number): Incident => ({
      reference: `INC-${n}`,
      kind: rnd() < 0.2 ? 'weakness' : 'incident',
      category: INCIDENT_CATEGORIES[Math.floor(rnd() * INCIDENT_CATEGORIES.length)]!,
      description: 'x',
      discoveredAt: '2026-01-01T00:00:00.000Z',
      committeeCode: COMMITTEES[Math.floor(rnd() * COMMITTEES.length)]!,
      affectedSystem: '',
      personalData: false,
      aspects: [],
      ongoing: false,
      essentialService: false,
      reporterId: 'p1',
      // Around the turn of the years in Stockholm: 2025-12-31 23:30 UTC is already 2026 there.
      reportedAt: new Date(Date.UTC(2025, 11, 31, 23, 30) + Math.floor(rnd() * 400) * 86_400_000).toISOString(),
      status: 'Ny',
    });
    await store.incidents.createMany(Array.from({ length: 60 }, (_, n) => ({ key: `k${n}`, value: incident(n) })));
    for (let n = 60; n < 100; n++) await store.incidents.create(`k${n}`, incident(n));
    for (const item of await store.incidents.query()) {
      const r = rnd();
      if (r < 0.3) await store.incidents.update(item.id, item.etag, { status: 'Stängd' });
      else if (r < 0.4) await store.incidents.update(item.id, item.etag, { committeeCode: 'TN', category: 'avbrott' });
      else if (r < 0.5) await store.incidents.delete(item.id);
    }
    const records = (await store.incidents.query()).map((i) => i.value);
    for (const year of [2025, 2026, 2027]) {
      const ofYear = records.filter((i) => Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Stockholm', year: 'numeric' }).format(new Date(i.reportedAt))) === year);
      expect(figuresFromTally((await ops.tallies.incidents(year))!)).toEqual(incidentFigures(ofYear));
    }
    await store.close();
    await ops.close();
  });
});
