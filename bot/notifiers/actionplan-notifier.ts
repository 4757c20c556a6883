import type { PlanNotifier } from '../../src/actionplan/plan-reminders';
import { t } from '../../src/i18n/texts';
import { actionPlanCard } from '../cards/actionplan-card';
import { cardAttachment } from '../cards/card-templates';
import { cardViewOf } from '../cards/card-view';
import type { OutboxNotifierDeps } from './outbox-notifier-deps';

/** Sends the quarter's cards and the overdue summary through the delivery service's outbox. */
export function actionPlanNotifier(deps: OutboxNotifierDeps): PlanNotifier {
  const view = cardViewOf(deps, deps.locale);
  return {
    async quarterCards(year, quarter, kind, recipients) {
      // The card is the committee's, not the person's: rendered once per committee and shared by its coordinators.
      const cards = new Map<string, Promise<Record<string, unknown>>>();
      const activityOf = (committeeCode: string) => {
        let activity = cards.get(committeeCode);
        if (!activity) {
          activity = actionPlanCard(view, { year, quarter, committeeCode }, kind).then((card) => ({ type: 'message', attachments: [cardAttachment(card)] }));
          cards.set(committeeCode, activity);
        }
        return activity;
      };
      const campaignId = `actionplan:${year}:Q${quarter}`;
      const messages = [];
      for (const { key, personId, committeeCode } of recipients) messages.push({ key, campaignId, personId, activity: await activityOf(committeeCode) });
      await deps.enqueue(messages);
    },
    async overdueSummaries(year, quarter, overdue, recipients) {
      const names = new Map((await deps.committees.list()).map((c) => [c.code, c.name]));
      const lines = overdue.map((o) => `- **${names.get(o.committeeCode) ?? o.committeeCode}**: ${o.activities.map((a) => a.title).join(', ')}`).join('\n');
      const activity = { type: 'message', text: t(deps.locale, 'plan.overdue.text', { year, quarter, lines }) };
      await deps.enqueue(recipients.map(({ key, personId }) => ({ key, campaignId: `actionplan:${year}:Q${quarter}`, personId, activity })));
    },
  };
}
