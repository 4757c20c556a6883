import { fixedClock } from '../../src/clock/clock';
import { INCIDENT_CATEGORIES, type Incident } from '../../src/incidents/incident';
import type { Campaign } from '../../src/learning/campaign';
import { learnersFrom } from '../../src/learning/campaign';
import type { Completion } from '../../src/learning/completion';
import { completionRates } from '../../src/learning/completion-rates';
import { countPass, ratesFromTallies } from '../../src/learning/training-tally';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { personFrom, type RoleAssignment } from '../../src/organisation/organisation';
import { figuresFromTally, summaryOf } from '../../src/status/incident-tally';
import { currentTallies, recountTallies, talliedStore } from '../../src/status/status-tallies';
import { RecountSupersededError } from '../../src/ops/sqlite-status-tallies';
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
    await currentTallies(store, ops, 2026);

    const completions: Completion[] = [];
    const modules = ['natfiske', 'losenord', 'sekretess', 'klassning'];
    for (let n = 0; n < 400; n++) {
      // Mostly staff, sometimes someone the roles list does not know; retakes and other versions happen.
      const personId = rnd() < 0.95 ? `p${Math.floor(rnd() * 120)}` : `stranger${n}`;
      const completion: Completion = { personId, moduleId: modules[Math.floor(rnd() * modules.length)]!, moduleVersion: 1 + Math.floor(rnd() * 2), committeeCode: '-', completedAt: clock.now().toISOString(), score: 1 };
      await store.completions.create(`c${n}`, completion);
      completions.push(completion);
      const person = personFrom(roles.filter((r) => r.personId === personId));
      await countPass(ops.tallies, completion, person);
    }

    const expectedFor = (committees: string[]) =>
      completionRates({ learners: learnersFrom(roles).filter((l) => committees.includes(l.committeeCode)), campaigns, completions, committees, target: 0.8 });
    const fromCounts = async (committees: string[]) => ratesFromTallies({ tallies: (await ops.tallies.training())!, campaigns, committees, target: 0.8 });
    for (const visible of [COMMITTEES, ['SN'], ['BUN', 'TN'], ['KFN']]) {
      expect(await fromCounts(visible)).toEqual(expectedFor(visible));
    }
    // And the nightly recount leaves them as they are.
    const before = await ops.tallies.training();
    await recountTallies(store, ops);
    const sorted = (t: typeof before) => JSON.stringify([...t!.learners].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))) + JSON.stringify([...t!.passed].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
    expect(sorted(await ops.tallies.training())).toBe(sorted(before));
    await store.close();
    await ops.close();
  });

  const anna = { personId: 'anna', displayName: 'Anna', email: '', role: 'medarbetare' as const, committeeCode: 'SN' };
  const natfiske: Campaign = { campaignId: 'n', moduleId: 'natfiske', audience: 'alla', committeeCodes: [], startDate: '2026-02-01', dueDate: '2026-12-31', reminderEveryDays: 7, maxReminders: 2, createdBy: 'x', createdAt: '2026-01-01T00:00:00.000Z' };
  const setUp = async (roles: RoleAssignment[]) => {
    const clock = fixedClock('2026-06-01T08:00:00Z');
    const store = SqliteStore.inMemory(clock);
    const ops = SqliteOperationalStore.inMemory();
    await store.roles.createMany(roles.map((value, i) => ({ key: `r${i}`, value })));
    await currentTallies(store, ops, 2026);
    const rates = async (committees: string[]) => ratesFromTallies({ tallies: (await ops.tallies.training())!, campaigns: [natfiske], committees, target: 0.8 });
    const pass = (personId: string, roles: RoleAssignment[]) => countPass(ops.tallies, { personId, moduleId: 'natfiske', completedAt: '2026-03-02T09:00:00.000Z' }, personFrom(roles.filter((r) => r.personId.toLowerCase() === personId.toLowerCase())));
    return { store, ops, rates, pass, close: async () => Promise.all([store.close(), ops.close()]) };
  };

  it('count a pass once, however often it is noted, and only in the person’s committee', async () => {
    const t = await setUp([anna]);
    expect(await t.pass('anna', [anna])).toBe(true);
    expect(await t.pass('anna', [anna])).toBe(false);
    expect((await t.ops.tallies.training())!.passed).toEqual([{ committeeCode: 'SN', electedOfficial: false, moduleId: 'natfiske', passed: 1 }]);
    await t.close();
  });

  it('expect someone hired since the last recount as soon as they pass, so no committee shows more done than expected', async () => {
    const t = await setUp([anna]);
    const bertil = { ...anna, personId: 'bertil', displayName: 'Bertil' };
    await t.pass('anna', [anna]);
    await t.pass('bertil', [bertil]);
    expect((await t.rates(['SN'])).byCommittee.SN).toMatchObject({ completed: 2, expected: 2 });
    await t.close();
  });

  it('move someone who changed committee, with their passes, and drop someone no longer staff', async () => {
    const t = await setUp([anna, { ...anna, personId: 'cecilia' }]);
    await t.pass('anna', [anna]);
    // Anna moved to KFN; her next pass (another module) carries her and her earlier pass along.
    const moved = { ...anna, committeeCode: 'KFN' };
    await countPass(t.ops.tallies, { personId: 'anna', moduleId: 'sekretess', completedAt: '2026-03-02T09:00:00.000Z' }, personFrom([moved]));
    expect((await t.rates(['SN', 'KFN'])).byCommittee).toMatchObject({ SN: { completed: 0, expected: 1 }, KFN: { completed: 1, expected: 1 } });
    // Cecilia has left the roles list when her pass is noted: she counts nowhere.
    await countPass(t.ops.tallies, { personId: 'cecilia', moduleId: 'natfiske', completedAt: '2026-03-02T09:00:00.000Z' }, undefined);
    expect((await t.rates(['SN', 'KFN'])).byCommittee).toMatchObject({ SN: { completed: 0, expected: 0 }, KFN: { completed: 1, expected: 1 } });
    await t.close();
  });

  it('find a person whatever the case their id is written in, in the running counts and in the recount alike', async () => {
    const upper = { ...anna, personId: 'AAAA-1' };
    const t = await setUp([upper]);
    await t.store.completions.create('c1', { personId: 'aaaa-1', moduleId: 'natfiske', moduleVersion: 1, committeeCode: 'SN', completedAt: '2026-06-01T08:00:00.000Z', score: 1 });
    await t.pass('aaaa-1', [upper]);
    const running = await t.rates(['SN']);
    expect(running.byCommittee.SN).toMatchObject({ completed: 1, expected: 1 });
    await recountTallies(t.store, t.ops);
    expect(await t.rates(['SN'])).toEqual(running);
    await t.close();
  });

  it('keep a pass noted while a recount was reading, which the recount itself did not see', async () => {
    const t = await setUp([anna]);
    const since = await t.ops.tallies.beginRecount();
    // The pass lands after the recount began reading; the recount's rows do not include it.
    await t.pass('anna', [anna]);
    await t.ops.tallies.recountTraining([{ personId: 'anna', committeeCode: 'SN', electedOfficial: false }], [], since);
    expect((await t.ops.tallies.training())!.passed).toEqual([{ committeeCode: 'SN', electedOfficial: false, moduleId: 'natfiske', passed: 1 }]);
    // A pass noted before the recount began and absent from it is gone from the records: it goes.
    await t.ops.tallies.recountTraining([{ personId: 'anna', committeeCode: 'SN', electedOfficial: false }], [], await t.ops.tallies.beginRecount());
    expect((await t.ops.tallies.training())!.passed).toEqual([]);
    await t.close();
  });

  it('count a person whose roles spell their id in two ways once, as completionRates does', async () => {
    const staff = { ...anna, personId: 'ABC-1' };
    const elected = { ...anna, personId: 'abc-1', role: 'fortroendevald' as const };
    const t = await setUp([staff, elected]);
    await t.store.completions.create('c1', { personId: 'abc-1', moduleId: 'natfiske', moduleVersion: 1, committeeCode: 'SN', completedAt: '2026-06-01T08:00:00.000Z', score: 1 });
    await t.pass('abc-1', [staff, elected]);
    const expected = completionRates({ learners: learnersFrom([staff, elected]), campaigns: [natfiske], completions: [{ personId: 'abc-1', moduleId: 'natfiske', moduleVersion: 1, committeeCode: 'SN', completedAt: '', score: 1 }], committees: ['SN'], target: 0.8 });
    expect(expected.byCommittee.SN).toMatchObject({ completed: 1, expected: 1 });
    expect(await t.rates(['SN'])).toEqual(expected);
    await recountTallies(t.store, t.ops);
    expect(await t.rates(['SN'])).toEqual(expected);
    await t.close();
  });

  it('let the newest of two recounts count, and leave the counts whole when the older one stops half-way', async () => {
    const bertil = { ...anna, personId: 'bertil' };
    const t = await setUp([anna, bertil]);
    await t.store.completions.create('c1', { personId: 'anna', moduleId: 'natfiske', moduleVersion: 1, committeeCode: 'SN', completedAt: '2026-06-01T08:00:00.000Z', score: 1 });
    await t.pass('anna', [anna]);
    // The older recount read Anna in SN and Bertil; then Anna moved to KFN and Bertil left, and a newer recount ran to the end.
    const older = await t.ops.tallies.beginRecount();
    const [roleAnna, roleBertil] = await t.store.roles.query();
    await t.store.roles.update(roleAnna!.id, roleAnna!.etag, { committeeCode: 'KFN' });
    await t.store.roles.delete(roleBertil!.id);
    await recountTallies(t.store, t.ops);
    const newest = await t.rates(['SN', 'KFN']);
    expect(newest.byCommittee).toMatchObject({ SN: { completed: 0, expected: 0 }, KFN: { completed: 1, expected: 1 } });
    // What the older one read would bring Bertil back and Anna to SN: it is stopped at its first write, and changes nothing.
    await expect(
      t.ops.tallies.recountTraining(
        [
          { personId: 'anna', committeeCode: 'SN', electedOfficial: false },
          { personId: 'bertil', committeeCode: 'SN', electedOfficial: false },
        ],
        [{ personId: 'anna', moduleId: 'natfiske', month: '2026-03', lastAt: '2026-03-10T09:00:00.000Z', committeeCode: 'SN', electedOfficial: false }],
        older,
      ),
    ).rejects.toThrow(RecountSupersededError);
    expect(await t.rates(['SN', 'KFN'])).toEqual(newest);
    await t.close();
  });
});

describe('the status tab’s incident counts', () => {
  it('follow every report, change and removal through the store, and equal the figures of the records', async () => {
    const rnd = random(7);
    const clock = fixedClock('2026-06-01T08:00:00Z');
    const ops = SqliteOperationalStore.inMemory();
    const store = talliedStore(SqliteStore.inMemory(clock), ops.tallies, (err) => {
      throw err;
    });
    await currentTallies(store, ops, 2026);
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

  it('do not bring back an incident removed while a recount was reading', async () => {
    const clock = fixedClock('2026-06-01T08:00:00Z');
    const ops = SqliteOperationalStore.inMemory();
    const store = talliedStore(SqliteStore.inMemory(clock), ops.tallies, (err) => {
      throw err;
    });
    await currentTallies(store, ops, 2026);
    const base = { kind: 'incident' as const, category: 'natfiske' as const, description: 'x', discoveredAt: '2026-03-01T00:00:00.000Z', committeeCode: 'SN', affectedSystem: '', personalData: false, aspects: [], ongoing: false, essentialService: false, reporterId: 'p1', reportedAt: '2026-03-02T09:00:00.000Z', status: 'Ny' as const };
    await store.incidents.create('a', { ...base, reference: 'INC-1' });
    const gone = (await store.incidents.create('b', { ...base, reference: 'INC-2' })).item;
    // The recount reads both, then INC-2 is removed before it writes what it read.
    const since = await ops.tallies.beginRecount();
    const read = (await store.incidents.query()).map((i) => ({ itemId: i.id, summary: summaryOf(i.value) }));
    await store.incidents.delete(gone.id);
    await ops.tallies.recountIncidents(read, since);
    expect(figuresFromTally((await ops.tallies.incidents(2026))!).total).toBe(1);
    await store.close();
    await ops.close();
  });

  it('do not bring back an incident removed during the very first recount, before it was ever noted', async () => {
    const clock = fixedClock('2026-06-01T08:00:00Z');
    const ops = SqliteOperationalStore.inMemory();
    const raw = SqliteStore.inMemory(clock);
    const base = { kind: 'incident' as const, category: 'natfiske' as const, description: 'x', discoveredAt: '2026-03-01T00:00:00.000Z', committeeCode: 'SN', affectedSystem: '', personalData: false, aspects: [], ongoing: false, essentialService: false, reporterId: 'p1', reportedAt: '2026-03-02T09:00:00.000Z', status: 'Ny' as const };
    // Written before the counts existed (an older installation): never noted.
    const item = (await raw.incidents.create('a', { ...base, reference: 'INC-1' })).item;
    const store = talliedStore(raw, ops.tallies, (err) => {
      throw err;
    });
    const since = await ops.tallies.beginRecount();
    const read = (await store.incidents.query()).map((i) => ({ itemId: i.id, summary: summaryOf(i.value) }));
    await store.incidents.delete(item.id);
    await ops.tallies.recountIncidents(read, since);
    expect(figuresFromTally((await ops.tallies.incidents(2026))!).total).toBe(0);
    await store.close();
    await ops.close();
  });
});
