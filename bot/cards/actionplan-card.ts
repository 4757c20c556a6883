import type { Quarter } from '../../src/actionplan/activity';
import { isSettled, quarterActivities } from '../../src/actionplan/quarter-activities';
import { actionPlanCardData, actionPlanSummaryData, type PlanCardIntro, type PlanSaveSummary } from './actionplan-card-data';
import { renderCard, type AdaptiveCard } from './card-templates';
import type { CardView } from './card-view';
import { nameLookup } from '../../src/organisation/people';
import type { CardMessage } from './incident-card';

type PlanTarget = { year: number; quarter: Quarter; committeeCode: string };

const committeeNameOf = async (view: CardView, committeeCode: string) => (await view.committees.byCode(committeeCode))?.name ?? committeeCode;

/** The quarter's card for one committee, sent by the reminders and `mina aktiviteter`, and answered by "Spara status". */
export async function actionPlanCard(view: CardView, target: PlanTarget, intro: PlanCardIntro, message?: CardMessage): Promise<AdaptiveCard> {
  const all = await quarterActivities(view.store, target.year, target.quarter, target.committeeCode);
  // Before the quarter ends, only what is still open is sent again.
  const activities = intro === 'beforeEnd' ? all.filter((a) => !isSettled(a)) : all;
  const [names, committeeName] = await Promise.all([nameLookup(view.store, activities.flatMap((a) => [a.status?.value.setBy, a.previous?.value.setBy])), committeeNameOf(view, target.committeeCode)]);
  return renderCard('actionPlan', actionPlanCardData(view.locale, { ...target, committeeName, activities, intro, names, ...(message ? { message } : {}) }));
}

/** What replaces the quarter's card after a save; its "Ändra igen" brings the card back. */
export async function actionPlanSummaryCard(view: CardView, target: PlanTarget, summary: PlanSaveSummary): Promise<AdaptiveCard> {
  return renderCard('actionPlan', actionPlanSummaryData(view.locale, { ...target, committeeName: await committeeNameOf(view, target.committeeCode) }, summary));
}
