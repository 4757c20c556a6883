import type { Clock } from '../clock/clock';
import { stockholmDate } from '../clock/stockholm-time';
import type { LedgerEntry, OperationalStore } from '../ops/operational-store';
import type { Store } from '../store/store';
import { audienceOf, learnersFrom, type Campaign } from './campaign';
import type { ModuleLibrary } from './module-library';
import { daysBetween, isWithinReminderWindow } from './reminder-window';

/** Sends a campaign's cards; implemented in bot/ where the cards are, through the delivery service. */
export interface CampaignNotifier {
  /** `reminder` is 0 for the first card, then 1, 2, … ; `key` makes the message idempotent. */
  moduleCard(key: string, personId: string, campaign: Campaign, reminder: number): Promise<void>;
}

export interface CampaignDeps {
  store: Store;
  ops: OperationalStore;
  clock: Clock;
  library: ModuleLibrary;
  notifier: CampaignNotifier;
}

/** Campaigns running today (Stockholm date), by their own start and due dates. */
export async function activeCampaigns(store: Store, today: string): Promise<Campaign[]> {
  const open = await store.campaigns.query({ field: 'dueDate', op: 'ge', value: today });
  return open.map((c) => c.value).filter((c) => c.startDate <= today);
}

/** Which reminder is due today: the n-th after every `reminderEveryDays` days, at most `maxReminders`. */
export function reminderDueOn(campaign: Campaign, today: string): number {
  const n = Math.floor(daysBetween(campaign.startDate, today) / campaign.reminderEveryDays);
  return Math.max(0, Math.min(n, campaign.maxReminders));
}

const entryOf = (campaign: Campaign, reminder: number, person: string): LedgerEntry => ({
  year: Number(campaign.startDate.slice(0, 4)),
  quarter: 0,
  kind: `learning:${campaign.campaignId}:${reminder}`,
  committee: '',
  person,
});
const keyOf = (e: LedgerEntry) => `${e.kind}:${e.person}`;

/**
 * The first card to everyone in a running campaign's audience, and the due reminder to those who
 * have not passed the quiz: only on weekdays 08–17 Stockholm time, at most maxReminders, none
 * after the due date. Each message once per (campaign, reminder, person), by the ledger and the
 * outbox key, however often the job runs. Someone who gets the first card late (newly added to
 * the roles list) is not reminded the same day: the reminders already due count as sent.
 */
export async function sendCampaignMessages(deps: CampaignDeps): Promise<{ cards: number; reminders: number }> {
  const now = deps.clock.now();
  const counts = { cards: 0, reminders: 0 };
  if (!isWithinReminderWindow(now)) return counts;
  const today = stockholmDate(now);
  const campaigns = (await activeCampaigns(deps.store, today)).filter((c) => deps.library.byId(c.moduleId));
  if (campaigns.length === 0) return counts;
  const learners = learnersFrom((await deps.store.roles.query()).map((r) => r.value));
  const at = now.toISOString();
  for (const campaign of campaigns) {
    const done = new Set((await deps.store.completions.query({ field: 'moduleId', op: 'eq', value: campaign.moduleId })).map((c) => c.value.personId));
    const due = reminderDueOn(campaign, today);
    for (const { personId } of audienceOf(campaign, learners)) {
      if (done.has(personId)) continue;
      const first = entryOf(campaign, 0, personId);
      if (!(await deps.ops.ledger.has(first))) {
        await deps.notifier.moduleCard(keyOf(first), personId, campaign, 0);
        if (await deps.ops.ledger.claim(first, at)) counts.cards++;
        for (let n = 1; n <= due; n++) await deps.ops.ledger.claim(entryOf(campaign, n, personId), at);
        continue;
      }
      if (due === 0) continue;
      const reminder = entryOf(campaign, due, personId);
      if (await deps.ops.ledger.has(reminder)) continue;
      await deps.notifier.moduleCard(keyOf(reminder), personId, campaign, due);
      if (await deps.ops.ledger.claim(reminder, at)) counts.reminders++;
    }
  }
  return counts;
}
