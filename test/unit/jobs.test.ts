import { passedFromTallies } from '../../src/status/status-tallies';
import { loadConfig } from '../../src/config/config';
import { loadIncidentRules } from '../../src/incidents/incident-rules';
import { fixedClock } from '../../src/clock/clock';
import { DEMO_PEOPLE } from '../../src/demo/demo-organisation';
import { seedDemoData } from '../../src/demo/seed-demo-data';
import { reachabilityJob } from '../../src/jobs/reachability-job';
import { runJob } from '../../src/jobs/run-job';
import { libraryOf } from '../../src/learning/module-library';
import { createLogger } from '../../src/logging/logger';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';

describe('the reachability job', () => {
  it('counts, per committee, the staff and elected officials who have a personal chat with the bot, and what came of installing the app', async () => {
    const store = SqliteStore.inMemory();
    const ops = SqliteOperationalStore.inMemory();
    await seedDemoData(store);
    const anna = DEMO_PEOPLE[0]!;
    await ops.conversations.remember({
      conversationId: 'a:anna',
      personId: anna.id,
      tenantId: 't',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      conversationType: 'personal',
      reference: {},
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    await ops.installations.record({ personId: DEMO_PEOPLE[1]!.id, outcome: 'installed', at: '2026-03-31T08:00:00.000Z' });
    await ops.installations.record({ personId: DEMO_PEOPLE[2]!.id, outcome: 'blocked', detail: 'appolicy', at: '2026-03-31T08:00:00.000Z' });
    const clock = fixedClock('2026-04-01T06:00:00Z');
    const incidents = { store, clock, rules: loadIncidentRules(loadConfig({}).incidentRulesFile), notifier: { newIncident: async () => undefined, deadlineReminder: async () => undefined, openInChat: async () => 'sent' as const } };
    const actionPlan = { store, ops, clock, daysBeforeEnd: 21, notifier: { quarterCards: async () => undefined, overdueSummaries: async () => undefined } };
    const learning = { store, ops, clock, library: libraryOf([]), notifier: { moduleCards: async () => undefined }, passed: passedFromTallies(store, ops) };
    const summary = await runJob(reachabilityJob, { store, ops, clock, logger: createLogger('silent'), incidents: { followUp: incidents }, actionPlan, assets: {} as never, learning: { campaigns: learning }, retention: { closedIncidentMonths: 36, learningDeliveryDays: 365 }, peopleSync: undefined });
    expect(summary).toContain('Socialnämnden 1/4');
    // Kultur- och fritidsnämnden's only person in the demo is its coordinator, staff of another committee.
    expect(summary).toContain('Kultur- och fritidsnämnden 0/0');
    expect(summary).toContain('Installationer: 1 installerade av Infosäk, 0 hade appen redan, 1 stoppade av appbehörighetsprincip, 0 utan Teams, 0 misslyckade');
    expect(await ops.jobRuns.latest('nabarhet')).toMatchObject({ startedAt: '2026-04-01T06:00:00.000Z', summary });
    await store.close();
    await ops.close();
  });
});
