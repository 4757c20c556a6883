import type { Clock } from '../clock/clock';
import { addDays, startOfStockholmDay, stockholmDate } from '../clock/stockholm-time';
import { inBatches } from '../ops/in-batches';
import type { LedgerEntry, OperationalStore } from '../ops/operational-store';
import type { Store } from '../store/store';
import { audienceOf, type Campaign } from './campaign';
import { allLearners } from './learners';
import type { ModuleLibrary } from './module-library';
import { daysBetween, isWithinReminderWindow } from './reminder-window';

/** One card of a campaign to one person: `reminder` is 0 for the first card, then 1, 2, … ; `key` makes the message idempotent. */
export interface CampaignMessage {
  key: string;
  personId: string;
  reminder: number;
}

/** Sends a campaign's cards; implemented in bot/ where the cards are, through the delivery service. */
export interface CampaignNotifier {
  /**
   * Puts a batch of one campaign's cards in the outbox, in one write. The card is the same for
   * everyone who gets the same kind of message, so it is rendered once, not once a person.
   */
  moduleCards(campaign: Campaign, messages: CampaignMessage[]): Promise<void>;
}

export interface CampaignDeps {
  store: Store;
  ops: OperationalStore;
  clock: Clock;
  library: ModuleLibrary;
  notifier: CampaignNotifier;
  /**
   * For each person, whether they have passed the module (in any version). Not read from the
   * module's completions: they are every learner's, more than a filtered query may return. The app
   * answers from the status tallies (status-tallies.ts passedFromTallies).
   */
  passed(moduleId: string, personIds: readonly string[], since?: string): Promise<boolean[]>;
}

/** Campaigns running today (Stockholm date), by their own start and due dates. */
export async function activeCampaigns(store: Store, today: string): Promise<Campaign[]> {
  const open = await store.campaigns.query({ field: 'dueDate', op: 'ge', value: today });
  return open.map((c) => c.value).filter((c) => c.startDate <= today);
}

/** For a campaign that leaves out recent passes: the start of the first day that counts as recent (Stockholm), as an instant. */
export function recentPassesSince(campaign: Pick<Campaign, 'startDate' | 'skipPassedWithinDays'>): string | undefined {
  if (!campaign.skipPassedWithinDays) return undefined;
  return startOfStockholmDay(addDays(campaign.startDate, -campaign.skipPassedWithinDays)).toISOString();
}

/** Which reminder is due today: the n-th after every `reminderEveryDays` days, at most `maxReminders`. */
export function reminderDueOn(campaign: Campaign, today: string): number {
  const n = Math.floor(daysBetween(campaign.startDate, today) / campaign.reminderEveryDays);
  return Math.max(0, Math.min(n, campaign.maxReminders));
}

/** The ledger's entry for one card of a campaign to one person: the first is reminder 0. */
export const entryOf = (campaign: Campaign, reminder: number, person: string): LedgerEntry => ({
  year: Number(campaign.startDate.slice(0, 4)),
  quarter: 0,
  kind: `learning:${campaign.campaignId}:${reminder}`,
  committee: '',
  person,
});
/** The outbox key of the message a ledger entry stands for: the same card queued twice is sent once. */
export const messageKeyOf = (e: LedgerEntry) => `${e.kind}:${e.person}`;

/**
 * The first card to everyone in a running campaign's audience, and the due reminder to those who
 * have not passed the quiz: only on weekdays 08–17 Stockholm time, at most maxReminders, none
 * after the due date. Each message once per (campaign, reminder, person), by the ledger and the
 * outbox key, however often the job runs. Someone who gets the first card late (newly added to
 * the roles list) is not reminded the same day: the reminders already due count as sent.
 *
 * The job runs in the server, so people are handled in batches (see inBatches): one ledger read,
 * one outbox write and one ledger write per batch, and a turn for the event loop between batches.
 */
export async function sendCampaignMessages(deps: CampaignDeps): Promise<{ cards: number; reminders: number }> {
  const now = deps.clock.now();
  const counts = { cards: 0, reminders: 0 };
  if (!isWithinReminderWindow(now)) return counts;
  const today = stockholmDate(now);
  const campaigns = (await activeCampaigns(deps.store, today)).filter((c) => deps.library.byId(c.moduleId));
  if (campaigns.length === 0) return counts;
  const learners = await allLearners(deps.store, deps.ops.staff);
  const at = now.toISOString();
  for (const campaign of campaigns) {
    const due = reminderDueOn(campaign, today);
    const audience = audienceOf(campaign, learners).map((l) => l.personId);
    const since = recentPassesSince(campaign);
    await inBatches(audience, async (everyone) => {
      const passed = await deps.passed(campaign.moduleId, everyone, since);
      const batch = everyone.filter((_, i) => !passed[i]);
      if (batch.length === 0) return;
      const hadFirst = await deps.ops.ledger.hasMany(batch.map((p) => entryOf(campaign, 0, p)));
      const newcomers = batch.filter((_, i) => !hadFirst[i]);
      let reminded: string[] = [];
      if (due > 0) {
        const known = batch.filter((_, i) => hadFirst[i]);
        const hadReminder = await deps.ops.ledger.hasMany(known.map((p) => entryOf(campaign, due, p)));
        reminded = known.filter((_, i) => !hadReminder[i]);
      }
      if (newcomers.length === 0 && reminded.length === 0) return;
      const firsts = newcomers.map((p) => entryOf(campaign, 0, p));
      const reminders = reminded.map((p) => entryOf(campaign, due, p));
      await deps.notifier.moduleCards(campaign, [
        ...firsts.map((e) => ({ key: messageKeyOf(e), personId: e.person, reminder: 0 })),
        ...reminders.map((e) => ({ key: messageKeyOf(e), personId: e.person, reminder: due })),
      ]);
      // Claimed only once the messages are in the outbox: a run stopped in between queues them again
      // next time, and the outbox key keeps that from sending twice. A newcomer's reminders already due count as sent.
      const skipped = newcomers.flatMap((p) => Array.from({ length: due }, (_, n) => entryOf(campaign, n + 1, p)));
      const claimed = await deps.ops.ledger.claimMany([...firsts, ...reminders, ...skipped], at);
      counts.cards += claimed.slice(0, firsts.length).filter(Boolean).length;
      counts.reminders += claimed.slice(firsts.length, firsts.length + reminders.length).filter(Boolean).length;
    });
  }
  return counts;
}
