import type { Clock } from '../clock/clock';
import { inBatches } from '../ops/in-batches';
import type { LedgerEntry, OperationalStore } from '../ops/operational-store';
import { ALL_COMMITTEES } from '../organisation/organisation';
import type { Store } from '../store/store';
import type { Activity, Quarter } from './activity';
import { duePlanEvents } from './plan-calendar';
import { isSettled, quarterActivities } from './quarter-activities';

/** One message of the quarter to one person; `key` makes it idempotent. */
export interface PlanRecipient {
  key: string;
  personId: string;
}

/** Sends the quarter's cards; implemented in bot/ where the cards are, through the delivery service. */
export interface PlanNotifier {
  /** Each coordinator's committee's card for the quarter, a batch in one outbox write; a committee's card is rendered once for all its coordinators. */
  quarterCards(year: number, quarter: Quarter, kind: 'quarterStart' | 'beforeEnd', recipients: (PlanRecipient & { committeeCode: string })[]): Promise<void>;
  /** The same summary of what is overdue to each recipient, in one outbox write. */
  overdueSummaries(year: number, quarter: Quarter, overdue: { committeeCode: string; activities: Activity[] }[], recipients: PlanRecipient[]): Promise<void>;
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
 * run missed while the server was down is caught up at the next one. People are handled in
 * batches with a turn for the event loop between them, as the job runs inside the server.
 */
export async function sendPlanReminders(deps: PlanReminderDeps): Promise<number> {
  const now = deps.clock.now();
  const events = duePlanEvents(now, deps.daysBeforeEnd);
  if (events.length === 0) return 0;
  let sent = 0;
  /** `deliver` puts the batch's unsent messages in the outbox and says which it sent (a committee with nothing to say is left unclaimed). */
  const send = (entries: LedgerEntry[], deliver: (unsent: LedgerEntry[]) => Promise<LedgerEntry[]>) =>
    inBatches(entries, async (batch) => {
      const had = await deps.ops.ledger.hasMany(batch);
      const unsent = batch.filter((_, i) => !had[i]);
      if (unsent.length === 0) return;
      const delivered = await deliver(unsent);
      if (delivered.length > 0) sent += (await deps.ops.ledger.claimMany(delivered, now.toISOString())).filter(Boolean).length;
    });
  const recipient = (e: LedgerEntry) => ({ key: keyOf(e), personId: e.person });
  const coordinators = (await deps.store.roles.query({ field: 'role', op: 'eq', value: 'samordnare' })).map((r) => r.value);
  for (const event of events) {
    const { year, quarter, kind } = event;
    if (kind === 'overdue') {
      const officers = (await deps.store.roles.query({ field: 'role', op: 'eq', value: 'sakerhetsansvarig' })).map((r) => r.value.personId);
      let overdue: Promise<{ committeeCode: string; activities: Activity[] }[]> | undefined;
      // Read only when someone is still to get the summary: the job fires every half hour.
      const overdueNow = async () => {
        const committees = (await deps.store.committees.query()).map((c) => c.value.code);
        const open: { committeeCode: string; activities: Activity[] }[] = [];
        for (const committeeCode of committees) {
          const unsettled = (await quarterActivities(deps.store, year, quarter, committeeCode)).filter((a) => !isSettled(a));
          if (unsettled.length > 0) open.push({ committeeCode, activities: unsettled.map((a) => a.activity) });
        }
        return open;
      };
      const entries = [...new Set(officers)].map((person) => ({ year, quarter, kind, committee: ALL_COMMITTEES, person }));
      await send(entries, async (unsent) => {
        const open = await (overdue ??= overdueNow());
        if (open.length === 0) return [];
        await deps.notifier.overdueSummaries(year, quarter, open, unsent.map(recipient));
        return unsent;
      });
      continue;
    }
    // A committee's activities are read once for all its coordinators.
    const relevance = new Map<string, Promise<boolean>>();
    const hasSomethingToSay = (committee: string) => {
      let known = relevance.get(committee);
      if (!known) {
        known = quarterActivities(deps.store, year, quarter, committee).then((all) => (kind === 'beforeEnd' ? all.filter((a) => !isSettled(a)) : all).length > 0);
        relevance.set(committee, known);
      }
      return known;
    };
    const entries = coordinators.map(({ personId: person, committeeCode: committee }) => ({ year, quarter, kind, committee, person }));
    await send(entries, async (unsent) => {
      const relevant: LedgerEntry[] = [];
      for (const e of unsent) if (await hasSomethingToSay(e.committee)) relevant.push(e);
      if (relevant.length > 0) await deps.notifier.quarterCards(year, quarter, kind, relevant.map((e) => ({ ...recipient(e), committeeCode: e.committee })));
      return relevant;
    });
  }
  return sent;
}
