import type { Quarter } from '../../src/actionplan/activity';
import { COMMENT_MAX, saveQuarterStatuses, type StatusInput } from '../../src/actionplan/save-quarter-statuses';
import { stockholmQuarter } from '../../src/clock/stockholm-time';
import { t } from '../../src/i18n/texts';
import { findPerson } from '../../src/organisation/people';
import { actionPlanCard } from '../cards/actionplan-card';
import { cardViewOf } from '../cards/card-view';
import { formatCount } from '../cards/incident-texts';
import { cardReply, replaceCard, textReply, type Flow } from './flow';

/** `mina aktiviteter`: this quarter's card for each committee the person coordinates. */
export const myActivitiesFlow: Flow = async (who, _input, deps) => {
  const person = await findPerson(deps.store, who.personId);
  const committees = person?.assignments.filter((a) => a.role === 'samordnare').map((a) => a.committeeCode) ?? [];
  if (committees.length === 0) return [textReply(t(who.locale, 'plan.mine.none'))];
  const { year, quarter } = stockholmQuarter(deps.clock.now());
  const view = cardViewOf(deps, who.locale);
  return Promise.all(committees.map(async (committeeCode) => cardReply(await actionPlanCard(view, { year, quarter, committeeCode }, 'onDemand'))));
};

/** "Spara status" on the quarter's card: saved against the versions the card showed, answered with the card as it now is. */
export const saveStatusesFlow: Flow = async (who, { data }, deps) => {
  const year = Number(data.year);
  const quarter = Number(data.quarter);
  const committeeCode = typeof data.committeeCode === 'string' ? data.committeeCode : '';
  const versions = (data.versions && typeof data.versions === 'object' ? data.versions : {}) as Record<string, unknown>;
  if (!who.personId || !Number.isInteger(year) || ![1, 2, 3, 4].includes(quarter) || !committeeCode) return [textReply(t(who.locale, 'error.generic'))];
  const inputs: StatusInput[] = Object.keys(versions).map((activityId) => ({
    activityId,
    status: typeof data[`status__${activityId}`] === 'string' ? (data[`status__${activityId}`] as string) : '',
    comment: typeof data[`comment__${activityId}`] === 'string' ? (data[`comment__${activityId}`] as string) : '',
    seenVersion: typeof versions[activityId] === 'string' ? (versions[activityId] as string) : '',
  }));
  const person = await findPerson(deps.store, who.personId);
  const target = { year, quarter: quarter as Quarter, committeeCode };
  const outcome = await saveQuarterStatuses({ store: deps.store, ops: deps.ops, clock: deps.clock }, { personId: who.personId, person }, target, inputs.filter((i) => i.status));
  if ('refused' in outcome) return [textReply(t(who.locale, `plan.refused.${outcome.refused}`))];
  const { locale } = who;
  const lines = [
    outcome.saved.length ? t(locale, 'plan.card.saved', { titles: outcome.saved.join(', ') }) : '',
    outcome.carriedOver.length ? t(locale, 'plan.card.carried', { year: year + 1, titles: outcome.carriedOver.join(', ') }) : '',
  ].filter(Boolean);
  const problems = [
    ...outcome.problems.map((p) => t(locale, `plan.problem.${p.code}`, { title: p.title, max: formatCount(locale, COMMENT_MAX) })),
    ...(outcome.conflicts.length ? [t(locale, 'plan.card.conflict', { titles: outcome.conflicts.join(', ') })] : []),
  ];
  const message = problems.length
    ? { text: [...lines, ...problems].join(' '), kind: 'attention' as const }
    : { text: lines.join(' ') || t(locale, 'plan.card.nothing'), kind: 'good' as const };
  return [replaceCard(await actionPlanCard(cardViewOf(deps, who.locale), target, 'onDemand', message))];
};
