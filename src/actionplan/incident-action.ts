import { stockholmQuarter } from '../clock/stockholm-time';
import type { Clock } from '../clock/clock';
import type { Incident } from '../incidents/incident';
import { peopleHolding } from '../incidents/incident-recipients';
import type { Person } from '../organisation/organisation';
import type { Store, StoredItem } from '../store/store';
import { checkFreeText } from '../text/free-text';
import type { Activity, Quarter } from './activity';
import { canSetStatus } from './save-quarter-statuses';

/**
 * From incident to action (plan–do–check–act): an incident that showed a weakness becomes an
 * activity in the committee's plan, with an owner and a target quarter, linked back to the
 * incident. It then comes up in the coordinator's quarter card like any other activity.
 */
export const INCIDENT_ACTION_AREA = 'Åtgärder efter incidenter';
export const ACTION_TITLE_MAX = 255;

export type ActionRefusal = 'notAllowed' | 'titleRequired' | 'titleTooLong' | 'titleBadCharacters' | 'quarterPassed' | 'unknownQuarter' | 'unknownOwner';

export interface ActionInput {
  /** The card's own id for this form: sending it twice creates one activity. */
  formId: string;
  title: string;
  /** "2026-4": the year and quarter the action is to be done in. */
  target: string;
  ownerId: string;
}

/** The quarters an action can be planned for: this one and the next four. */
export function targetQuarters(now: Date): { year: number; quarter: Quarter }[] {
  const { year, quarter } = stockholmQuarter(now);
  return Array.from({ length: 5 }, (_, i) => {
    const n = quarter - 1 + i;
    return { year: year + Math.floor(n / 4), quarter: ((n % 4) + 1) as Quarter };
  });
}

/** Who may be named owner of an action: those who set the committee's statuses (its coordinators, the security officer), so the owner can report on it. */
export async function actionOwnersOf(store: Store, committeeCode: string): Promise<{ id: string; name: string }[]> {
  return (await peopleHolding(store, ['samordnare', 'sakerhetsansvarig'], committeeCode)).map((p) => ({ id: p.personId, name: p.displayName }));
}

/** The incident's actions: the plan's activities that name it (this year's and next year's plans). */
export async function actionsOf(store: Store, incident: Pick<Incident, 'reference'>, now: Date): Promise<Activity[]> {
  const { year } = stockholmQuarter(now);
  const years = await Promise.all([year - 1, year, year + 1].map((y) => store.activities.query({ field: 'year', op: 'eq', value: y })));
  return years.flat().map((i) => i.value).filter((a) => a.incidentRef === incident.reference);
}

/**
 * The checks every action made into a plan activity passes, whatever it came from (an incident, a
 * risk analysis' measure): who may, a title, a quarter still to come, an owner from the list offered.
 */
export function checkPlanAction(
  now: Date,
  actor: { person: Person | undefined },
  committeeCode: string,
  input: Pick<ActionInput, 'title' | 'target' | 'ownerId'>,
  owners: string[],
): { title: string; target: { year: number; quarter: Quarter } } | { refused: ActionRefusal } {
  if (!canSetStatus(actor.person, committeeCode)) return { refused: 'notAllowed' };
  const title = input.title.trim();
  if (!title) return { refused: 'titleRequired' };
  if (title.length > ACTION_TITLE_MAX) return { refused: 'titleTooLong' };
  if (checkFreeText(title)) return { refused: 'titleBadCharacters' };
  const match = /^(\d{4})-([1-4])$/.exec(input.target);
  if (!match) return { refused: 'unknownQuarter' };
  const target = { year: Number(match[1]), quarter: Number(match[2]) as Quarter };
  if (!targetQuarters(now).some((q) => q.year === target.year && q.quarter === target.quarter)) return { refused: 'quarterPassed' };
  if (!owners.includes(input.ownerId)) return { refused: 'unknownOwner' };
  return { title, target };
}

export async function createIncidentAction(
  deps: { store: Store; clock: Clock },
  actor: { personId: string; person: Person | undefined },
  incident: Incident,
  input: ActionInput,
  owners: string[],
): Promise<{ created: StoredItem<Activity> } | { refused: ActionRefusal }> {
  const checked = checkPlanAction(deps.clock.now(), actor, incident.committeeCode, input, owners);
  if ('refused' in checked) return checked;
  const { title, target } = checked;
  const activityId = `${target.year}-atgard-${incident.reference.toLowerCase()}-${input.formId.slice(0, 8)}`;
  const activity: Activity = {
    year: target.year,
    activityId,
    area: INCIDENT_ACTION_AREA,
    title,
    description: '',
    quarters: [target.quarter],
    committees: [incident.committeeCode],
    ownerId: input.ownerId,
    incidentRef: incident.reference,
  };
  const { item } = await deps.store.activities.create(`activity:${activityId}`, activity);
  return { created: item };
}
