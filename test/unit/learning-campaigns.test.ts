import { findPerson } from '../../src/organisation/people';
import { countPass } from '../../src/learning/training-tally';
import { passedFromTallies } from '../../src/status/status-tallies';
import { fixedClock } from '../../src/clock/clock';
import { DEMO_PEOPLE, demoPersonByPersona } from '../../src/demo/demo-organisation';
import { seedDemoData } from '../../src/demo/seed-demo-data';
import { audienceOf, learnersFrom, type Campaign } from '../../src/learning/campaign';
import { sendCampaignMessages, type CampaignNotifier } from '../../src/learning/campaign-messages';
import { completionRates } from '../../src/learning/completion-rates';
import { loadModuleLibrary } from '../../src/learning/module-library';
import { isWithinReminderWindow } from '../../src/learning/reminder-window';
import { loadConfig } from '../../src/config/config';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { RoleAssignment } from '../../src/organisation/organisation';

const id = (persona: string) => demoPersonByPersona(persona)!.id;
const roles: RoleAssignment[] = DEMO_PEOPLE.flatMap((p) => p.roles.map((r) => ({ personId: p.id, displayName: p.displayName, email: p.email, ...r })));
const campaign = (over: Partial<Campaign> = {}): Campaign => ({
  campaignId: 'natfiske-alla-2026-11-23',
  moduleId: 'natfiske',
  audience: 'alla',
  committeeCodes: [],
  startDate: '2026-11-23',
  dueDate: '2026-12-04',
  reminderEveryDays: 3,
  maxReminders: 2,
  createdBy: 'test',
  createdAt: '2026-11-20T10:00:00.000Z',
  ...over,
});

describe('campaign audiences', () => {
  const learners = learnersFrom(roles);

  it('knows each demo person once, with their home committee', () => {
    expect(learners).toHaveLength(DEMO_PEOPLE.length);
    expect(learners.find((l) => l.personId === id('samordnare'))).toEqual({ personId: id('samordnare'), committeeCode: 'SN', electedOfficial: false });
    expect(learners.find((l) => l.personId === id('fortroendevald'))).toMatchObject({ electedOfficial: true });
  });

  it('reaches everyone, chosen committees, or the elected officials', () => {
    const ids = (c: Campaign) => audienceOf(c, learners).map((l) => l.personId).sort();
    expect(ids(campaign())).toHaveLength(DEMO_PEOPLE.length);
    expect(ids(campaign({ audience: 'namnder', committeeCodes: ['KS'] }))).toEqual([id('sakerhetsansvarig'), id('dataskyddsombud'), id('itsakerhetsansvarig')].sort());
    expect(ids(campaign({ audience: 'fortroendevalda' }))).toEqual([id('fortroendevald')]);
  });
});

describe('the reminder window', () => {
  it('is open on weekdays 08:00–17:00 Stockholm time, across a whole week and a clock change', () => {
    // Monday 23 November 2026 to Sunday 29 November, every hour (Stockholm is UTC+1 in winter).
    const open: string[] = [];
    for (let h = 0; h < 7 * 24; h++) {
      const at = new Date(Date.UTC(2026, 10, 22, 23 + h));
      if (isWithinReminderWindow(at)) open.push(at.toISOString());
    }
    expect(open).toHaveLength(5 * 9);
    expect(open[0]).toBe('2026-11-23T07:00:00.000Z'); // Monday 08:00 in Stockholm
    expect(open.at(-1)).toBe('2026-11-27T15:00:00.000Z'); // Friday 16:00; 17:00 is closed
    // Summer time: 08:00 in Stockholm is 06:00 UTC.
    expect(isWithinReminderWindow(new Date('2026-06-01T06:00:00Z'))).toBe(true);
    expect(isWithinReminderWindow(new Date('2026-06-01T05:59:00Z'))).toBe(false);
  });
});

describe('campaign cards and reminders over a week', () => {
  const library = loadModuleLibrary(loadConfig({}).learning.dir);

  async function setUp() {
    const store = SqliteStore.inMemory();
    const ops = SqliteOperationalStore.inMemory();
    await seedDemoData(store, new Date('2026-11-20T10:00:00Z'));
    for (const c of await store.campaigns.query()) await store.campaigns.delete(c.id);
    const sent: { key: string; personId: string; reminder: number }[] = [];
    const notifier: CampaignNotifier = { moduleCards: async (_c, messages) => void sent.push(...messages) };
    const clock = fixedClock('2026-11-23T07:00:00Z');
    return { store, ops, sent, clock, deps: { store, ops, clock, library, notifier, passed: passedFromTallies(store, ops) } };
  }

  it('sends the first card once, reminds every third weekday-open day at most twice, and stops at completion and the due date', async () => {
    const { store, ops, sent, clock, deps } = await setUp();
    await store.campaigns.create('c1', campaign({ audience: 'namnder', committeeCodes: ['SN'] }));
    const sn = [id('medarbetare'), id('samordnare'), id('chef'), id('fortroendevald')].sort();
    const run = async (iso: string) => {
      clock.set(iso);
      return sendCampaignMessages(deps);
    };
    // Sunday before the start, then Monday 07:30 in Stockholm: nothing (not started; before 08:00).
    expect(await run('2026-11-22T10:00:00Z')).toEqual({ cards: 0, reminders: 0 });
    expect(await run('2026-11-23T06:30:00Z')).toEqual({ cards: 0, reminders: 0 });
    // Monday 09:00: the first card to the four in Socialnämnden, once however often the job runs.
    expect(await run('2026-11-23T08:00:00Z')).toEqual({ cards: 4, reminders: 0 });
    expect(await run('2026-11-23T08:30:00Z')).toEqual({ cards: 0, reminders: 0 });
    expect(sent.map((s) => s.personId).sort()).toEqual(sn);
    // Anna passes on Tuesday.
    const anna = { personId: id('medarbetare'), moduleId: 'natfiske', moduleVersion: 1, committeeCode: 'SN', completedAt: '2026-11-24T09:00:00.000Z', score: 1 };
    await store.completions.create('done-anna', anna);
    await countPass(ops.tallies, anna, await findPerson(store, anna.personId)); // as the quiz card's last answer does
    // Thursday, day 3: the first reminder to the three who have not passed; 18:00 is too late, 09:00 is fine.
    expect(await run('2026-11-26T17:00:00Z')).toEqual({ cards: 0, reminders: 0 });
    expect(await run('2026-11-26T08:00:00Z')).toEqual({ cards: 0, reminders: 3 });
    expect(await run('2026-11-26T12:00:00Z')).toEqual({ cards: 0, reminders: 0 });
    // Sunday, day 6, the second reminder's day: not on a weekend. Monday it goes out.
    expect(await run('2026-11-29T10:00:00Z')).toEqual({ cards: 0, reminders: 0 });
    expect(await run('2026-11-30T08:00:00Z')).toEqual({ cards: 0, reminders: 3 });
    // Day 9 would be a third reminder: the maximum is two.
    expect(await run('2026-12-02T08:00:00Z')).toEqual({ cards: 0, reminders: 0 });
    expect(sent.filter((s) => s.personId === id('medarbetare')).map((s) => s.reminder)).toEqual([0]);
    expect(sent.filter((s) => s.personId === id('chef')).map((s) => s.reminder)).toEqual([0, 1, 2]);
    expect(new Set(sent.map((s) => s.key)).size).toBe(sent.length);
    // After the due date nothing more, even for a new campaign's newcomer.
    await store.roles.create('new', { personId: 'ny', displayName: 'Ny Person', email: 'ny@sjovik.example', role: 'medarbetare', committeeCode: 'SN' });
    expect(await run('2026-12-07T08:00:00Z')).toEqual({ cards: 0, reminders: 0 });
    await store.close();
    await ops.close();
  });

  it('gives a newcomer the first card without a reminder the same day', async () => {
    const { store, ops, sent, deps, clock } = await setUp();
    await store.campaigns.create('c1', campaign({ audience: 'fortroendevalda' }));
    clock.set('2026-11-23T08:00:00Z');
    await sendCampaignMessages(deps);
    await store.roles.create('new', { personId: 'ny', displayName: 'Ny Ledamot', email: 'ny@sjovik.example', role: 'fortroendevald', committeeCode: 'KFN' });
    clock.set('2026-11-30T08:00:00Z');
    expect(await sendCampaignMessages(deps)).toEqual({ cards: 1, reminders: 1 });
    expect(sent.filter((s) => s.personId === 'ny').map((s) => s.reminder)).toEqual([0]);
    await store.close();
    await ops.close();
  });
});

describe('completion rates', () => {
  const learners = learnersFrom(roles);
  const done = (persona: string, moduleId: string) => ({ personId: id(persona), moduleId, moduleVersion: 1, committeeCode: 'SN', completedAt: '2026-11-24T09:00:00.000Z', score: 1 });

  it('counts what the campaigns asked for, per committee, per module and for elected officials, against the target', () => {
    const rates = completionRates({
      learners,
      campaigns: [campaign(), campaign({ campaignId: 'c2', moduleId: 'sekretess-och-epost', audience: 'namnder', committeeCodes: ['SN'] })],
      completions: [done('medarbetare', 'natfiske'), done('medarbetare', 'sekretess-och-epost'), done('chef', 'natfiske'), done('fortroendevald', 'natfiske'), done('sakerhetsansvarig', 'losenord-och-tvafaktor')],
      committees: ['KS', 'SN', 'KFN'],
      target: 0.8,
    });
    // Seven people × natfiske + four in SN × sekretess = 11 expected; 4 done (the third module was not asked for).
    expect(rates.overall).toEqual({ completed: 4, expected: 11, rate: 4 / 11, meetsTarget: false });
    expect(rates.byCommittee.SN).toMatchObject({ completed: 4, expected: 8, rate: 0.5 });
    expect(rates.byCommittee.KS).toMatchObject({ completed: 0, expected: 3, rate: 0 });
    expect(rates.byCommittee.KFN).toEqual({ completed: 0, expected: 0, rate: undefined, meetsTarget: false });
    expect(rates.byModule.natfiske).toMatchObject({ completed: 3, expected: 7, rate: 3 / 7 });
    expect(rates.electedOfficials).toEqual({ completed: 1, expected: 2, rate: 0.5, meetsTarget: false });
    expect(completionRates({ learners, campaigns: [campaign({ audience: 'fortroendevalda' })], completions: [done('fortroendevald', 'natfiske')], committees: [], target: 0.8 }).electedOfficials.meetsTarget).toBe(true);
  });
});
