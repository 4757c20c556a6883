import type { Campaign } from '../../src/learning/campaign';
import type { CampaignNotifier } from '../../src/learning/campaign-messages';
import type { ModuleLibrary } from '../../src/learning/module-library';
import { cardAttachment } from '../cards/card-templates';
import { campaignCard } from '../cards/learning-cards';
import type { OutboxNotifierDeps } from './outbox-notifier-deps';

/** Sends a campaign's first card and reminders through the delivery service's outbox. */
export function learningNotifier(deps: OutboxNotifierDeps & { library: ModuleLibrary }): CampaignNotifier {
  // The campaign card carries no per-person state (the signed state starts with "Starta"), so each
  // kind of message is rendered once per campaign and the one activity is shared by every recipient:
  // rendering it anew for each of 50,000 people took most of a campaign's time. Kept per campaign
  // object, which the job reads afresh at every run, so an edited campaign or module is never served stale.
  const rendered = new WeakMap<Campaign, Map<number, Record<string, unknown>>>();
  const activityFor = (campaign: Campaign, reminder: number): Record<string, unknown> | undefined => {
    const module = deps.library.byId(campaign.moduleId);
    if (!module) return undefined;
    const byReminder = rendered.get(campaign) ?? new Map<number, Record<string, unknown>>();
    rendered.set(campaign, byReminder);
    let activity = byReminder.get(reminder);
    if (!activity) byReminder.set(reminder, (activity = { type: 'message', attachments: [cardAttachment(campaignCard(deps.locale, module, campaign, reminder))] }));
    return activity;
  };
  return {
    async moduleCards(campaign, messages) {
      const campaignId = `learning:${campaign.campaignId}`;
      const outbound = messages.flatMap(({ key, personId, reminder }) => {
        const activity = activityFor(campaign, reminder);
        return activity ? [{ key, campaignId, personId, activity }] : [];
      });
      if (outbound.length > 0) await deps.enqueue(outbound);
    },
  };
}
