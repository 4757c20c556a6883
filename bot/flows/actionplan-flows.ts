import { CardFactory } from 'botbuilder';
import type { Quarter } from '../../src/actionplan/activity';
import { stockholmQuarter } from '../../src/clock/stockholm-time';
import { isSettled, quarterActivities } from '../../src/actionplan/quarter-activities';
import { saveQuarterStatuses, type StatusInput } from '../../src/actionplan/save-quarter-statuses';
import { t } from '../../src/i18n/texts';
import { findPerson } from '../../src/organisation/people';
import { actionPlanCardData, type PlanCardIntro } from '../cards/actionplan-card-data';
import { renderCard } from '../cards/card-templates';
import { committeeList, nameLookup, type CardReply, type CardView, viewOf } from './incident-flows';
import type { Turn } from './turn';

export async function actionPlanCard(
  view: CardView,
  target: { year: number; quarter: Quarter; committeeCode: string },
  intro: PlanCardIntro,
  message?: { text: string; kind: 'good' | 'attention' },
): Promise<Record<string, unknown>> {
  const all = await quarterActivities(view.store, target.year, target.quarter, target.committeeCode);
  // Before the quarter ends, only what is still open is sent again.
  const activities = intro === 'beforeEnd' ? all.filter((a) => !isSettled(a.status)) : all;
  const committee = (await committeeList(view.store)).find((c) => c.code === target.committeeCode);
  const names = await nameLookup(view.store, activities.map((a) => a.status?.value.setBy));
  return renderCard(
    'actionPlan',
    actionPlanCardData(view.locale, { ...target, committeeName: committee?.name ?? target.committeeCode, activities, intro, names, ...(message ? { message } : {}) }),
  );
}

/** `mina aktiviteter`: this quarter's card for each committee the person coordinates. */
export async function myActivitiesFlow(turn: Turn): Promise<void> {
  const person = await findPerson(turn.deps.store, turn.personId);
  const committees = person?.assignments.filter((a) => a.role === 'samordnare').map((a) => a.committeeCode) ?? [];
  if (committees.length === 0) {
    await turn.context.sendActivity(t(turn.locale, 'plan.mine.none'));
    return;
  }
  const { year, quarter } = stockholmQuarter(turn.deps.clock.now());
  for (const committeeCode of committees) {
    const card = await actionPlanCard(viewOf(turn), { year, quarter, committeeCode }, 'onDemand');
    await turn.context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  }
}

/** "Spara status" on the quarter's card: saved against the versions the card showed, answered with the card as it now is. */
export async function saveStatusesFlow(turn: Turn, data: Record<string, unknown>): Promise<CardReply> {
  const year = Number(data.year);
  const quarter = Number(data.quarter);
  const committeeCode = typeof data.committeeCode === 'string' ? data.committeeCode : '';
  const versions = (data.versions && typeof data.versions === 'object' ? data.versions : {}) as Record<string, unknown>;
  if (!turn.personId || !Number.isInteger(year) || ![1, 2, 3, 4].includes(quarter) || !committeeCode) return { text: t(turn.locale, 'error.generic') };
  const inputs: StatusInput[] = Object.keys(versions).map((activityId) => ({
    activityId,
    status: typeof data[`status__${activityId}`] === 'string' ? (data[`status__${activityId}`] as string) : '',
    comment: typeof data[`comment__${activityId}`] === 'string' ? (data[`comment__${activityId}`] as string) : '',
    seenVersion: typeof versions[activityId] === 'string' ? (versions[activityId] as string) : '',
  }));
  const person = await findPerson(turn.deps.store, turn.personId);
  const target = { year, quarter: quarter as Quarter, committeeCode };
  const outcome = await saveQuarterStatuses({ store: turn.deps.store, clock: turn.deps.clock }, { personId: turn.personId, person }, target, inputs.filter((i) => i.status));
  if ('refused' in outcome) return { text: outcome.refused };
  const lines = [
    outcome.saved.length ? t(turn.locale, 'plan.card.saved', { titles: outcome.saved.join(', ') }) : '',
    outcome.carriedOver.length ? t(turn.locale, 'plan.card.carried', { year: year + 1, titles: outcome.carriedOver.join(', ') }) : '',
  ].filter(Boolean);
  const problems = [...outcome.problems, ...(outcome.conflicts.length ? [t(turn.locale, 'plan.card.conflict', { titles: outcome.conflicts.join(', ') })] : [])];
  const message = problems.length
    ? { text: [...lines, ...problems].join(' '), kind: 'attention' as const }
    : { text: lines.join(' ') || t(turn.locale, 'plan.card.nothing'), kind: 'good' as const };
  return { card: await actionPlanCard(viewOf(turn), target, 'onDemand', message) };
}
