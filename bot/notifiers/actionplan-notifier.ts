import type { Activity, Quarter } from '../../src/actionplan/activity';
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
    async quarterCard(key, personId, committeeCode, year, quarter, kind) {
      const card = await actionPlanCard(view, { year, quarter, committeeCode }, kind);
      await deps.enqueue([{ key, campaignId: `actionplan:${year}:Q${quarter}`, personId, activity: { type: 'message', attachments: [cardAttachment(card)] } }]);
    },
    async overdueSummary(key, personId, year: number, quarter: Quarter, overdue: { committeeCode: string; activities: Activity[] }[]) {
      const names = new Map((await deps.committees.list()).map((c) => [c.code, c.name]));
      const lines = overdue.map((o) => `- **${names.get(o.committeeCode) ?? o.committeeCode}**: ${o.activities.map((a) => a.title).join(', ')}`).join('\n');
      await deps.enqueue([{ key, campaignId: `actionplan:${year}:Q${quarter}`, personId, activity: { type: 'message', text: t(deps.locale, 'plan.overdue.text', { year, quarter, lines }) } }]);
    },
  };
}
