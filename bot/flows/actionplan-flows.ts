import type { Quarter } from '../../src/actionplan/activity';
import { closeMeasuresOfActivities } from '../../src/assets/asset-plan-link';
import { canSetStatus, COMMENT_MAX, saveQuarterStatuses, type StatusInput } from '../../src/actionplan/save-quarter-statuses';
import { stockholmQuarter } from '../../src/clock/stockholm-time';
import { t } from '../../src/i18n/texts';
import { findPerson } from '../../src/organisation/people';
import { actionPlanCard, actionPlanSummaryCard } from '../cards/actionplan-card';
import { cardViewOf } from '../cards/card-view';
import { formatCount } from '../cards/incident-texts';
import { cardReply, replaceCard, textReply, type Flow, type FlowInput } from './flow';

/** The year, quarter and committee a card's action names, or undefined when they are missing or malformed. */
function planTargetOf(data: FlowInput['data']): { year: number; quarter: Quarter; committeeCode: string } | undefined {
  const year = Number(data.year);
  const quarter = Number(data.quarter);
  const committeeCode = typeof data.committeeCode === 'string' ? data.committeeCode : '';
  if (!Number.isInteger(year) || ![1, 2, 3, 4].includes(quarter) || !committeeCode) return undefined;
  return { year, quarter: quarter as Quarter, committeeCode };
}

/**
 * `mina aktiviteter`: this quarter's card for each committee the person coordinates. Pressed as
 * "Ändra igen" on a save's summary, it brings back that committee's card in the summary's place.
 */
export const myActivitiesFlow: Flow = async (who, { data }, deps) => {
  const person = await findPerson(deps.store, who.personId);
  const view = cardViewOf(deps, who.locale);
  const again = planTargetOf(data);
  if (again && canSetStatus(person, again.committeeCode)) return [replaceCard(await actionPlanCard(view, again, 'onDemand'))];
  const committees = person?.assignments.filter((a) => a.role === 'samordnare').map((a) => a.committeeCode) ?? [];
  if (committees.length === 0) return [textReply(t(who.locale, 'plan.mine.none'))];
  const { year, quarter } = stockholmQuarter(deps.clock.now());
  return Promise.all(committees.map(async (committeeCode) => cardReply(await actionPlanCard(view, { year, quarter, committeeCode }, 'onDemand'))));
};

/** "Spara status" on the quarter's card: saved against the versions the card showed, answered with a summary where the card was. */
export const saveStatusesFlow: Flow = async (who, { data }, deps) => {
  const target = planTargetOf(data);
  const versions = (data.versions && typeof data.versions === 'object' ? data.versions : {}) as Record<string, unknown>;
  if (!who.personId || !target) return [textReply(t(who.locale, 'error.generic'))];
  const inputs: StatusInput[] = Object.keys(versions).map((activityId) => ({
    activityId,
    status: typeof data[`status__${activityId}`] === 'string' ? (data[`status__${activityId}`] as string) : '',
    comment: typeof data[`comment__${activityId}`] === 'string' ? (data[`comment__${activityId}`] as string) : '',
    seenVersion: typeof versions[activityId] === 'string' ? (versions[activityId] as string) : '',
  }));
  const person = await findPerson(deps.store, who.personId);
  const outcome = await saveQuarterStatuses({ store: deps.store, ops: deps.ops, clock: deps.clock }, { personId: who.personId, person }, target, inputs.filter((i) => i.status));
  if ('refused' in outcome) return [textReply(t(who.locale, `plan.refused.${outcome.refused}`))];
  // A measure from a risk analysis that was put in the plan is done when its activity is.
  await closeMeasuresOfActivities(deps, outcome.changes.filter((c) => c.status === 'Genomförd').map((c) => c.activityId), who.personId);
  const { locale } = who;
  const problems = [
    ...outcome.problems.map((p) => t(locale, `plan.problem.${p.code}`, { title: p.title, max: formatCount(locale, COMMENT_MAX) })),
    ...(outcome.conflicts.length ? [t(locale, 'plan.summary.conflict', { titles: outcome.conflicts.join(', ') })] : []),
  ];
  // The saver was looked up for the rules: their name needs no second read.
  const summary = { changes: outcome.changes, carriedOver: outcome.carriedOver, problems, who: person?.displayName ?? who.personId, at: deps.clock.now() };
  return [replaceCard(await actionPlanSummaryCard(cardViewOf(deps, locale), target, summary))];
};
