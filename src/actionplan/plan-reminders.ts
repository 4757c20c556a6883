import type { Clock } from '../clock/clock';
import type { LedgerEntry, OperationalStore } from '../ops/operational-store';
import { ALL_COMMITTEES } from '../organisation/organisation';
import type { Store } from '../store/store';
import type { Activity, Quarter } from './activity';
import { duePlanEvents } from './plan-calendar';
import { isSettled, quarterActivities } from './quarter-activities';

/** Sends the quarter's cards; implemented in bot/ where the cards are, through the delivery service. */
export interface PlanNotifier {
  /** The committee's card for the quarter to one coordinator; `key` makes the message idempotent. */
  quarterCard(key: string, personId: string, committeeCode: string, year: number, quarter: Quarter, kind: 'quarterStart' | 'beforeEnd'): Promise<void>;
  overdueSummary(key: string, personId: string, year: number, quarter: Quarter, overdue: { committeeCode: string; activities: Activity[] }[]): Promise<void>;
}

export interface PlanReminderDeps {
  store: Store;
  ops: OperationalStore;
  clock: Clock;
  notifier: PlanNotifier;
  daysBeforeEnd: number;
}

const keyOf = (e: LedgerEntry) => `actionplan:${e.year}:Q${e.quarter}:${e.kind}:${e.committee}:${e.person}`;

/**
 * Sends what the calendar says is due, each reminder once per (year, quarter, kind, committee,
 * person): the ledger is checked first and claimed after the message is in the outbox (whose key
 * is the same), so firing twice, two instances or a restart half-way send nothing twice, and a
 * run missed while the server was down is caught up at the next one.
 */
export async function sendPlanReminders(deps: PlanReminderDeps): Promise<number> {
  const now = deps.clock.now();
  const events = duePlanEvents(now, deps.daysBeforeEnd);
  if (events.length === 0) return 0;
  let sent = 0;
  const send = async (entry: LedgerEntry, deliver: () => Promise<void>) => {
    if (await deps.ops.ledger.has(entry)) return;
    await deliver();
    if (await deps.ops.ledger.claim(entry, now.toISOString())) sent++;
  };
  const coordinators = (await deps.store.roles.query({ field: 'role', op: 'eq', value: 'samordnare' })).map((r) => r.value);
  for (const event of events) {
    const { year, quarter, kind } = event;
    if (kind === 'overdue') {
      const committees = (await deps.store.committees.query()).map((c) => c.value.code);
      const overdue: { committeeCode: string; activities: Activity[] }[] = [];
      for (const committeeCode of committees) {
        const open = (await quarterActivities(deps.store, year, quarter, committeeCode)).filter((a) => !isSettled(a));
        if (open.length > 0) overdue.push({ committeeCode, activities: open.map((a) => a.activity) });
      }
      if (overdue.length === 0) continue;
      const officers = (await deps.store.roles.query({ field: 'role', op: 'eq', value: 'sakerhetsansvarig' })).map((r) => r.value.personId);
      for (const person of new Set(officers)) {
        const entry = { year, quarter, kind, committee: ALL_COMMITTEES, person };
        await send(entry, () => deps.notifier.overdueSummary(keyOf(entry), person, year, quarter, overdue));
      }
      continue;
    }
    for (const { personId: person, committeeCode: committee } of coordinators) {
      const activities = await quarterActivities(deps.store, year, quarter, committee);
      const relevant = kind === 'beforeEnd' ? activities.filter((a) => !isSettled(a)) : activities;
      if (relevant.length === 0) continue;
      const entry = { year, quarter, kind, committee, person };
      await send(entry, () => deps.notifier.quarterCard(keyOf(entry), person, committee, year, quarter, kind));
    }
  }
  return sent;
}
