import { CardFactory } from 'botbuilder';
import type { CampaignNotifier } from '../src/learning/campaign-messages';
import type { ModuleLibrary } from '../src/learning/module-library';
import { campaignCard } from './flows/learning-flows';
import type { OutboxNotifierDeps } from './incident-notifier';

/** Sends a campaign's first card and reminders through the delivery service's outbox. */
export function learningNotifier(deps: OutboxNotifierDeps & { library: ModuleLibrary }): CampaignNotifier {
  return {
    async moduleCard(key, personId, campaign, reminder) {
      const module = deps.library.byId(campaign.moduleId);
      if (!module) return;
      const card = campaignCard(deps.locale, module, campaign, reminder);
      await deps.enqueue([{ key, campaignId: `learning:${campaign.campaignId}`, personId, activity: { type: 'message', attachments: [CardFactory.adaptiveCard(card)] } }]);
    },
  };
}
