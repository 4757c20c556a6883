import type { Quarter } from '../../src/actionplan/activity';
import { isSettled, quarterActivities } from '../../src/actionplan/quarter-activities';
import { actionPlanCardData, type PlanCardIntro } from './actionplan-card-data';
import { renderCard, type AdaptiveCard } from './card-templates';
import { nameLookup, type CardView } from './card-view';
import type { CardMessage } from './incident-card';

/** The quarter's card for one committee, sent by the reminders and answered by "Spara status". */
export async function actionPlanCard(
  view: CardView,
  target: { year: number; quarter: Quarter; committeeCode: string },
  intro: PlanCardIntro,
  message?: CardMessage,
): Promise<AdaptiveCard> {
  const all = await quarterActivities(view.store, target.year, target.quarter, target.committeeCode);
  // Before the quarter ends, only what is still open is sent again.
  const activities = intro === 'beforeEnd' ? all.filter((a) => !isSettled(a)) : all;
  const committee = await view.committees.byCode(target.committeeCode);
  const names = await nameLookup(view.store, activities.map((a) => a.status?.value.setBy));
  return renderCard(
    'actionPlan',
    actionPlanCardData(view.locale, { ...target, committeeName: committee?.name ?? target.committeeCode, activities, intro, names, ...(message ? { message } : {}) }),
  );
}
