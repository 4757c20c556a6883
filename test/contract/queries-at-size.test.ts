import { quarterActivities } from '../../src/actionplan/quarter-activities';
import { fixedClock } from '../../src/clock/clock';
import { loadConfig } from '../../src/config/config';
import type { Incident } from '../../src/incidents/incident';
import { remindIncidentDeadlines } from '../../src/incidents/incident-follow-up';
import { incidentsReportedIn, openIncidents } from '../../src/incidents/incident-queries';
import { loadIncidentRules } from '../../src/incidents/incident-rules';
import { sendCampaignMessages, type CampaignMessage } from '../../src/learning/campaign-messages';
import { loadModuleLibrary } from '../../src/learning/module-library';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import type { RoleAssignment } from '../../src/organisation/organisation';
import { applyRetention } from '../../src/retention/retention';
import { loadCommitteeStatusData, loadOverviewStatusData } from '../../src/status/status-data';
import { passedFromTallies } from '../../src/status/status-tallies';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { Store } from '../../src/store/store';
import { startLocalSharePoint, type LocalSharePoint } from '../support/graph/sharepoint-fixture';
import { incident } from './store-contract';

/**
 * The app's own queries on lists past SharePoint's list view threshold (5,000 items), on both
 * stores: 6,001 people in one committee, 5,500 passes of one module, 6,000 closed incidents over
 * five years. Every view and job that reads these lists still answers — each of its queries narrows
 * below the threshold — where a filter on the committee, the module or `ne 'Stängd'` is refused.
 */
const clock = fixedClock('2026-11-24T09:00:00Z'); // a Tuesday, 10:00 in Stockholm
const STAFF = 6_000;
const PASSED = 5_500;
const CLOSED_PER_YEAR = 1_200;
const YEARS = [2022, 2023, 2024, 2025, 2026];

async function fill(store: Store): Promise<void> {
  await store.committees.createMany(['BUN', 'SN'].map((code) => ({ key: `committee:${code}`, value: { code, name: `Nämnd ${code}`, administration: `Förvaltning ${code}` } })));
  const person = (personId: string, role: RoleAssignment['role'], committeeCode: string): RoleAssignment => ({ personId, displayName: personId, email: '', role, committeeCode });
  await store.roles.createMany([
    ...Array.from({ length: STAFF }, (_, i) => ({ key: `role:bun-${i}`, value: person(`bun-${i}`, 'medarbetare', 'BUN') })),
    { key: 'role:sam', value: person('sam-bun', 'samordnare', 'BUN') },
    { key: 'role:sec', value: person('sec', 'sakerhetsansvarig', '*') },
  ]);
  await store.completions.createMany(
    Array.from({ length: PASSED }, (_, i) => ({
      key: `completion:bun-${i}`,
      value: { personId: `bun-${i}`, moduleId: 'natfiske', moduleVersion: 1, committeeCode: 'BUN', completedAt: '2026-10-01T08:00:00.000Z', score: 1 },
    })),
  );
  const closed: { key: string; value: Incident }[] = YEARS.flatMap((year) =>
    Array.from({ length: CLOSED_PER_YEAR }, (_, i) => {
      const reference = `INC-${year}-${String(i + 1).padStart(4, '0')}`;
      const at = `${year}-06-${String((i % 28) + 1).padStart(2, '0')}T09:00:00.000Z`;
      return { key: reference, value: incident(reference, { committeeCode: 'BUN', discoveredAt: at, reportedAt: at, status: 'Stängd', closingNote: 'Åtgärdat' }) };
    }),
  );
  await store.incidents.createMany(closed);
  const open = (['Ny', 'Under utredning', 'Åtgärdad'] as const).map((status, i) => {
    const reference = `INC-2026-${9001 + i}`;
    return { key: reference, value: incident(reference, { committeeCode: 'BUN', personalData: true, discoveredAt: '2026-11-22T08:00:00.000Z', reportedAt: '2026-11-22T09:00:00.000Z', status }) };
  });
  await store.incidents.createMany(open);
  // Three of 2022's were closed that summer, by their history; the rest have no history here, so
  // their time of closing is their last change: now.
  await store.incidentEvents.createMany(
    [1, 2, 3].map((n) => ({ key: `event:2022-${n}`, value: { reference: `INC-2022-000${n}`, at: '2022-07-01T10:00:00.000Z', actorId: 'sec', action: 'stängd', detail: '' } })),
  );
  await store.activities.create('activity:2026-1', { year: 2026, activityId: '2026-1', area: 'Styrning', title: 'Riskanalys', description: '', quarters: [4], committees: ['*'] });
  await store.activityStatuses.create('status:2026-1:BUN:4', {
    year: 2026,
    activityId: '2026-1',
    committeeCode: 'BUN',
    quarter: 4,
    status: 'Påbörjad',
    comment: '',
    setBy: 'sam-bun',
    setAt: '2026-11-02T08:00:00.000Z',
  });
  await store.campaigns.create('campaign:natfiske', {
    campaignId: 'natfiske-alla-2026-11-23',
    moduleId: 'natfiske',
    audience: 'alla',
    committeeCodes: [],
    startDate: '2026-11-23',
    dueDate: '2026-12-18',
    reminderEveryDays: 7,
    maxReminders: 2,
    createdBy: 'sec',
    createdAt: '2026-11-20T08:00:00.000Z',
  });
}

const stores: [string, () => Promise<{ store: Store; close(): Promise<void> }>][] = [
  ['SQLite', async () => ({ store: SqliteStore.inMemory(clock), close: async () => undefined })],
  [
    'SharePoint through Graph (local Graph server)',
    async () => {
      const sharePoint: LocalSharePoint = await startLocalSharePoint();
      await sharePoint.provision();
      const store = await sharePoint.connectStore();
      expect(sharePoint.graph.listViewThreshold).toBe(5_000);
      return { store, close: () => sharePoint.stop() };
    },
  ],
];

describe.each(stores)("the app's queries past the list view threshold: %s", (_name, open) => {
  let store: Store;
  let ops: SqliteOperationalStore;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ store, close } = await open());
    ops = SqliteOperationalStore.inMemory();
    await fill(store);
  }, 120_000);
  afterAll(async () => {
    await store.close();
    await ops.close();
    await close();
  });

  it('has lists the naive queries would fail on', async () => {
    await expect(store.roles.query({ field: 'committeeCode', op: 'eq', value: 'BUN' })).rejects.toThrow(/listvyns tröskel/);
    await expect(store.completions.query({ field: 'moduleId', op: 'eq', value: 'natfiske' })).rejects.toThrow(/listvyns tröskel/);
    await expect(store.incidents.query({ field: 'status', op: 'ne', value: 'Stängd' })).rejects.toThrow(/listvyns tröskel/);
    await expect(store.incidents.query({ field: 'status', op: 'eq', value: 'Stängd' })).rejects.toThrow(/listvyns tröskel/);
  });

  it("shows one committee's year, and the overview with every committee's figures", async () => {
    const committee = await loadCommitteeStatusData(store, ops, 2026, 'BUN');
    expect(committee.incidents).toHaveLength(CLOSED_PER_YEAR + 3);
    expect(committee.statuses).toHaveLength(1);
    expect(committee.nameOf('sam-bun')).toBe('sam-bun');
    const overview = await loadOverviewStatusData(store, ops, 2026);
    expect(overview.training.passed).toContainEqual({ committeeCode: 'BUN', electedOfficial: false, moduleId: 'natfiske', passed: PASSED });
    expect(overview.incidents.filter((r) => r.committeeCode === 'BUN').reduce((n, r) => n + r.count, 0)).toBe(CLOSED_PER_YEAR + 3);
    const quarter = await quarterActivities(store, 2026, 4, 'BUN');
    expect(quarter.map((q) => q.status?.value.status)).toEqual(['Påbörjad']);
  });

  it('reads the open incidents, and the register years, each a query narrow enough', async () => {
    expect((await openIncidents(store)).map((i) => i.value.status).sort()).toEqual(['Ny', 'Under utredning', 'Åtgärdad']);
    expect(await incidentsReportedIn(store, [2025, 2026])).toHaveLength(2 * CLOSED_PER_YEAR + 3);
    expect(await incidentsReportedIn(store, [2025, 2026], ['SN'])).toHaveLength(0);
    const reminded: string[] = [];
    const rules = loadIncidentRules(loadConfig({}).incidentRulesFile);
    const notifier = { newIncident: async () => undefined, deadlineReminder: async (i: Incident) => void reminded.push(i.reference), openInChat: async () => 'sent' as const };
    await remindIncidentDeadlines({ store, clock, rules, notifier });
    // Discovered on Sunday with personal data: the 72-hour clock to IMY has a day left, for each of the three open ones.
    expect([...new Set(reminded)].sort()).toEqual(['INC-2026-9001', 'INC-2026-9002', 'INC-2026-9003']);
  });

  it('sends the campaign to those who have not passed, and runs the retention year by year', async () => {
    const sent: CampaignMessage[] = [];
    const library = loadModuleLibrary(loadConfig({}).learning.dir);
    const notifier = { moduleCards: async (_c: unknown, messages: CampaignMessage[]) => void sent.push(...messages) };
    const counts = await sendCampaignMessages({ store, ops, clock, library, notifier, passed: passedFromTallies(store, ops) });
    const people = new Set(sent.map((m) => m.personId));
    expect(people.has('bun-0')).toBe(false);
    expect(people.has(`bun-${PASSED}`)).toBe(true);
    expect(counts.cards).toBe(STAFF - PASSED); // the staff who have not passed (the other roles are held by staff)
    // Closed more than 36 months ago by their history: the three of summer 2022, found among the years' 6,000 closed ones.
    const outcome = await applyRetention({ store, ops, clock: fixedClock('2026-11-25T01:30:00Z') }, { closedIncidentMonths: 36, learningDeliveryDays: 365 });
    expect(outcome.incidents.sort()).toEqual(['INC-2022-0001', 'INC-2022-0002', 'INC-2022-0003']);
    expect(await incidentsReportedIn(store, [2022])).toHaveLength(CLOSED_PER_YEAR - 3);
  });
});
