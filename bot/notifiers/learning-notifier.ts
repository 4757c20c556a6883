import type { CampaignNotifier } from '../../src/learning/campaign-messages';
import type { ModuleLibrary } from '../../src/learning/module-library';
import { cardAttachment } from '../cards/card-templates';
import { campaignCard } from '../cards/learning-cards';
import type { OutboxNotifierDeps } from './outbox-notifier-deps';

/** Sends a campaign's first card and reminders through the delivery service's outbox. */
export function learningNotifier(deps: OutboxNotifierDeps & { library: ModuleLibrary }): CampaignNotifier {
  return {
    async moduleCard(key, personId, campaign, reminder) {
      const module = deps.library.byId(campaign.moduleId);
      if (!module) return;
      const card = campaignCard(deps.locale, module, campaign, reminder);
      await deps.enqueue([{ key, campaignId: `learning:${campaign.campaignId}`, personId, activity: { type: 'message', attachments: [cardAttachment(card)] } }]);
    },
  };
}
