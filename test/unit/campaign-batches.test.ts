import { findPerson } from '../../src/organisation/people';
import { countPass } from '../../src/learning/training-tally';
import { passedFromTallies } from '../../src/status/status-tallies';
import { actionPlanNotifier } from '../../bot/notifiers/actionplan-notifier';
import { learningNotifier } from '../../bot/notifiers/learning-notifier';
import { sendPlanReminders } from '../../src/actionplan/plan-reminders';
import { fixedClock } from '../../src/clock/clock';
import { loadConfig } from '../../src/config/config';
import { seedDemoData } from '../../src/demo/seed-demo-data';
import { sendCampaignMessages, type CampaignDeps } from '../../src/learning/campaign-messages';
import { loadModuleLibrary } from '../../src/learning/module-library';
import { PEOPLE_PER_BATCH } from '../../src/ops/in-batches';
import type { OutboundMessage } from '../../src/ops/outbox-types';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { CommitteeDirectory } from '../../src/organisation/committee-directory';
import type { RoleAssignment } from '../../src/organisation/organisation';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';

/**
 * A campaign to thousands of people runs inside the server: it is queued a batch at a time, one
 * outbox write and one ledger write per batch, with the event loop free between batches, and
 * still sends each message once however the runs fall.
 */
const CAMPAIGN_ID = 'natfiske-alla-2026-11-23';
const library = loadModuleLibrary(loadConfig({}).learning.dir);

async function campaignSetUp(staff: number) {
  const clock = fixedClock('2026-11-23T08:00:00Z'); // Monday 09:00 in Stockholm, the campaign's first day
  const store = SqliteStore.inMemory(clock);
  const ops = SqliteOperationalStore.inMemory();
  await store.committees.createMany(Array.from({ length: 6 }, (_, c) => ({ key: `c${c}`, value: { code: `N${c}`, name: `Nämnd ${c}`, administration: `Förvaltning ${c}` } })));
  await store.roles.createMany(
    Array.from({ length: staff }, (_, n): { key: string; value: RoleAssignment } => ({
      key: `p${n}`,
      value: { personId: `person-${n}`, displayName: `Person ${n}`, email: `person${n}@sjovik.example`, role: 'medarbetare', committeeCode: `N${n % 6}` },
    })),
  );
  await store.campaigns.create(CAMPAIGN_ID, {
    campaignId: CAMPAIGN_ID,
    moduleId: 'natfiske',
    audience: 'alla',
    committeeCodes: [],
    startDate: '2026-11-23',
    dueDate: '2026-12-18',
    reminderEveryDays: 7,
    maxReminders: 2,
    createdBy: 'test',
    createdAt: '2026-11-20T08:00:00.000Z',
  });
  const enqueued: OutboundMessage[][] = [];
  const enqueue = (messages: OutboundMessage[]) => {
    enqueued.push(messages);
    return ops.outbox.enqueue(messages, clock.now().toISOString());
  };
  const notifier = learningNotifier({ store, ops, clock, committees: new CommitteeDirectory(store, clock), locale: 'sv', enqueue, library });
  const deps: CampaignDeps = { store, ops, clock, library, notifier, passed: passedFromTallies(store, ops) };
  const close = async () => {
    await store.close();
    await ops.close();
  };
  return { store, ops, clock, deps, enqueued, close };
}

const queuedKeys = async (ops: SqliteOperationalStore) => (await ops.outbox.messagesOf(`learning:${CAMPAIGN_ID}`)).map((m) => m.key);

describe('a learning campaign to thousands of people', () => {
  const STAFF = 2 * PEOPLE_PER_BATCH + 123;

  it('is queued with one outbox write and one ledger write per batch, the card rendered once for all', async () => {
    const { ops, deps, enqueued, close } = await campaignSetUp(STAFF);
    const claims = jest.spyOn(ops.ledger, 'claimMany');
    expect(await sendCampaignMessages(deps)).toEqual({ cards: STAFF, reminders: 0 });
    expect(enqueued.map((batch) => batch.length)).toEqual([PEOPLE_PER_BATCH, PEOPLE_PER_BATCH, 123]);
    expect(claims).toHaveBeenCalledTimes(3);
    // Everyone gets the same first card: one activity, shared by every message of the campaign.
    const activities = new Set(enqueued.flat().map((m) => m.activity));
    expect(activities.size).toBe(1);
    const keys = await queuedKeys(ops);
    expect(keys).toHaveLength(STAFF);
    expect(new Set(keys).size).toBe(STAFF);
    // As stored: one card, the invitation, the same for the first and the last person.
    const [first, last] = [await ops.outbox.get(keys[0]!), await ops.outbox.get(keys.at(-1)!)];
    expect(last!.activity).toEqual(first!.activity);
    expect(JSON.stringify(first!.activity)).toContain('learning.start');
    await close();
  });

  it('lets timers and requests run while it is queued', async () => {
    const { deps, enqueued, close } = await campaignSetUp(3000);
    const batchesDoneAtTick: number[] = [];
    let ticking = true;
    const tick = () => {
      batchesDoneAtTick.push(enqueued.length);
      if (ticking) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    await sendCampaignMessages(deps);
    ticking = false;
    expect(enqueued).toHaveLength(3000 / PEOPLE_PER_BATCH);
    // A timer set before the job began ran before its last batch, and again between batches.
    expect(batchesDoneAtTick[0]).toBeLessThan(enqueued.length);
    expect(new Set(batchesDoneAtTick.filter((n) => n < enqueued.length)).size).toBeGreaterThan(1);
    await close();
  });

  it('queues nothing twice when the job runs twice or stops between batches', async () => {
    const { ops, deps, close } = await campaignSetUp(STAFF);
    // The first run stops after its second batch is in the outbox but before that batch is claimed in the ledger.
    const claimMany = ops.ledger.claimMany.bind(ops.ledger);
    jest
      .spyOn(ops.ledger, 'claimMany')
      .mockImplementationOnce(claimMany)
      .mockImplementationOnce(() => Promise.reject(new Error('the process stopped')));
    await expect(sendCampaignMessages(deps)).rejects.toThrow('the process stopped');
    expect(await queuedKeys(ops)).toHaveLength(2 * PEOPLE_PER_BATCH);
    expect(await ops.ledger.count()).toBe(PEOPLE_PER_BATCH);
    // The next run picks up the rest; the unclaimed batch is enqueued again under the same keys, which adds nothing.
    const resumed = await sendCampaignMessages(deps);
    expect(resumed).toEqual({ cards: STAFF - PEOPLE_PER_BATCH, reminders: 0 });
    expect(await sendCampaignMessages(deps)).toEqual({ cards: 0, reminders: 0 });
    const keys = await queuedKeys(ops);
    expect(keys).toHaveLength(STAFF);
    expect(new Set(keys).size).toBe(STAFF);
    expect(await ops.ledger.count()).toBe(STAFF);
    await close();
  });

  it('sends the due reminder a week later to those who have not passed, in batches, and once', async () => {
    const { store, ops, clock, deps, enqueued, close } = await campaignSetUp(STAFF);
    await sendCampaignMessages(deps);
    const done = { personId: 'person-7', moduleId: 'natfiske', moduleVersion: 1, committeeCode: 'N1', completedAt: '2026-11-24T09:00:00.000Z', score: 1 };
    await store.completions.create('done', done);
    await countPass(ops.tallies, done, await findPerson(store, done.personId)); // as the quiz card's last answer does
    enqueued.length = 0;
    clock.set('2026-11-30T08:00:00Z');
    expect(await sendCampaignMessages(deps)).toEqual({ cards: 0, reminders: STAFF - 1 });
    expect(enqueued).toHaveLength(3);
    expect(new Set(enqueued.flat().map((m) => m.activity)).size).toBe(1);
    expect(await ops.outbox.get(`learning:${CAMPAIGN_ID}:1:person-7`)).toBeUndefined();
    expect(await sendCampaignMessages(deps)).toEqual({ cards: 0, reminders: 0 });
    await close();
  });
});

describe('the reminder ledger in batches', () => {
  it('claims each entry once, also when a batch names it twice, and answers in order', async () => {
    const ops = SqliteOperationalStore.inMemory();
    const entry = (person: string) => ({ year: 2026, quarter: 0, kind: 'learning:c1:0', committee: '', person });
    await ops.ledger.claim(entry('b'), '2026-11-23T08:00:00.000Z');
    expect(await ops.ledger.hasMany([entry('a'), entry('b'), entry('c')])).toEqual([false, true, false]);
    expect(await ops.ledger.claimMany([entry('a'), entry('b'), entry('a')], '2026-11-23T08:00:00.000Z')).toEqual([true, false, false]);
    expect(await ops.ledger.hasMany([entry('a'), entry('b'), entry('c')])).toEqual([true, true, false]);
    expect(await ops.ledger.count()).toBe(2);
    await ops.close();
  });
});

describe('the outbox with one card for many people', () => {
  it('stores a shared card once, gives it to every message, and lets it go with the last of them', async () => {
    const ops = SqliteOperationalStore.inMemory();
    const card = { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { body: [{ type: 'TextBlock', text: 'Nätfiske' }] } }] };
    const message = (n: number, activity: Record<string, unknown>) => ({ key: `learning:c1:0:p${n}`, campaignId: 'learning:c1', personId: `p${n}`, activity });
    expect(await ops.outbox.enqueue([message(1, card), message(2, card)], '2026-11-23T08:00:00.000Z')).toEqual({ queued: 2, alreadyKnown: 0 });
    // The next batch's card is a new object with the same content: it refers to the same stored payload.
    const again = structuredClone(card);
    expect(await ops.outbox.enqueue([message(2, again), message(3, again), message(4, { type: 'message', text: 'ensam' })], '2026-11-23T08:00:00.000Z')).toEqual({ queued: 2, alreadyKnown: 1 });
    const db = (ops as unknown as { db: import('better-sqlite3').Database }).db;
    expect(db.prepare('SELECT count(*) FROM outbox_payloads').pluck().get()).toBe(1);
    expect((await ops.outbox.messagesOf('learning:c1')).map((m) => m.activity)).toEqual([card, card, card, { type: 'message', text: 'ensam' }]);
    expect((await ops.outbox.get('learning:c1:0:p3'))!.activity).toEqual(card);
    const claimed = (await ops.outbox.claimNext('2026-11-23T08:00:00.000Z'))!;
    expect(claimed).toMatchObject({ key: 'learning:c1:0:p1', activity: card, status: 'Sending' });
    for (const n of [1, 2, 3, 4]) {
      const next = n === 1 ? claimed : (await ops.outbox.claimNext('2026-11-23T08:00:00.000Z'))!;
      await ops.outbox.finish(next.id, 'Sent', { at: '2026-11-23T08:00:01.000Z' });
      // Retention removes finished messages; the card stays while any message still refers to it.
      if (n === 2) expect(await ops.outbox.deleteFinished('learning:', '2026-12-01T00:00:00.000Z')).toBe(2);
      if (n === 2) expect(db.prepare('SELECT count(*) FROM outbox_payloads').pluck().get()).toBe(1);
    }
    expect(await ops.outbox.deleteFinished('learning:', '2026-12-01T00:00:00.000Z')).toBe(2);
    expect(db.prepare('SELECT count(*) FROM outbox_payloads').pluck().get()).toBe(0);
    await ops.close();
  });
});

describe('the quarter’s cards to many coordinators', () => {
  it('renders each committee’s card once, writes a batch at a time and sends each once', async () => {
    const clock = fixedClock('2022-04-01T07:30:00Z'); // Friday 1 April 2022, 09:30 in Stockholm: quarter start and the overdue summary
    const store = SqliteStore.inMemory(clock);
    await seedDemoData(store);
    const ops = SqliteOperationalStore.inMemory();
    const COORDINATORS = PEOPLE_PER_BATCH + 100;
    await store.roles.createMany(
      Array.from({ length: COORDINATORS }, (_, n): { key: string; value: RoleAssignment } => ({
        key: `coordinator-${n}`,
        value: { personId: `coordinator-${n}`, displayName: `Samordnare ${n}`, email: '', role: 'samordnare', committeeCode: n % 2 ? 'SN' : 'KFN' },
      })),
    );
    const enqueued: OutboundMessage[][] = [];
    const enqueue = (messages: OutboundMessage[]) => {
      enqueued.push(messages);
      return ops.outbox.enqueue(messages, clock.now().toISOString());
    };
    const notifier = actionPlanNotifier({ store, ops, clock, committees: new CommitteeDirectory(store, clock), locale: 'sv', enqueue });
    const deps = { store, ops, clock, notifier, daysBeforeEnd: 21 };
    // The demo's own coordinator (two committees) and officer come on top of the added ones.
    const expected = COORDINATORS + 2 + 1;
    expect(await sendPlanReminders(deps)).toBe(expected);
    const cards = enqueued.flat().filter((m) => m.key.includes(':quarterStart:'));
    expect(cards).toHaveLength(COORDINATORS + 2);
    expect(enqueued.map((batch) => batch.length)).toEqual([PEOPLE_PER_BATCH, 102, 1]);
    // One card per committee, the same object for all its coordinators, and a different one per committee.
    const activityOf = (committee: string) => new Set(cards.filter((m) => m.key.includes(`:${committee}:`)).map((m) => m.activity));
    expect(activityOf('SN').size).toBe(2); // one per batch: the card is rendered once per committee and batch
    expect(activityOf('KFN').size).toBe(2);
    expect([...activityOf('SN')][0]).not.toEqual([...activityOf('KFN')][0]);
    expect(await sendPlanReminders(deps)).toBe(0);
    expect(await ops.ledger.count()).toBe(expected);
    expect((await ops.outbox.campaignSummary('actionplan:2022:Q2')).total).toBe(COORDINATORS + 2);
    await store.close();
    await ops.close();
  });
});
