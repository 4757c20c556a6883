import { addDays, stockholmDate } from '../clock/stockholm-time';
import type { Incident } from '../incidents/incident';
import type { IncidentRules } from '../incidents/incident-rules';
import type { Campaign } from '../learning/campaign';
import type { CampaignDeps } from '../learning/campaign-messages';
import type { Person } from '../organisation/organisation';
import { adminAccessOf } from './admin-access';
import { createCampaign } from './campaign-admin';

/**
 * A short lesson where the incidents are: when a confirmed incident's category has a module (the
 * rules file's `lessons`), the security officer may send that module to the incident's committee
 * in one click. It is an ordinary campaign — the same checks, the same weekday reminders — that
 * leaves out whoever passed the module in the last twelve months, and remembers the incident it
 * came from, so the tab can show the committee's incidents of that category before and after.
 */
export const LESSON_SKIPS_PASSED_WITHIN_DAYS = 365;
/** Two weeks to take it, with one reminder after the first. */
const LESSON_DAYS = 14;
const LESSON_REMINDER_EVERY_DAYS = 7;

/** The module to offer for an incident, when there is one and the incident is confirmed (acknowledged). */
export function lessonModuleFor(incident: Incident, rules: Pick<IncidentRules, 'lessons'>, deps: Pick<CampaignDeps, 'library'>): string | undefined {
  if (incident.kind !== 'incident' || !incident.acknowledgedAt) return undefined;
  const moduleId = rules.lessons[incident.category];
  return moduleId && deps.library.byId(moduleId) ? moduleId : undefined;
}

/** Whether the person may send lessons: the security officer, who runs the campaigns. */
export function maySendLesson(person: Person | undefined): boolean {
  return adminAccessOf(person) === 'manage';
}

/**
 * The lesson already sent after this incident, or one of the same module still running for its
 * committee (sent after another incident of a wave): a second would send the same people a second card.
 */
export async function lessonOf(deps: Pick<CampaignDeps, 'store' | 'clock'>, incident: Incident, moduleId: string): Promise<Campaign | undefined> {
  const today = stockholmDate(deps.clock.now());
  const lessons = (await deps.store.campaigns.query({ field: 'moduleId', op: 'eq', value: moduleId })).map((c) => c.value).filter((c) => c.origin);
  return lessons.find((c) => c.origin!.incidentReference === incident.reference) ?? lessons.find((c) => c.committeeCodes.includes(incident.committeeCode) && c.dueDate >= today);
}

export type LessonOutcome =
  | { outcome: 'created' | 'alreadySent'; campaign: Campaign }
  | { outcome: 'forbidden' | 'noLesson' }
  | { outcome: 'refused'; message: string };

export async function sendLesson(deps: CampaignDeps, rules: Pick<IncidentRules, 'lessons'>, incident: Incident, actor: { personId: string; person: Person | undefined }): Promise<LessonOutcome> {
  if (!maySendLesson(actor.person)) return { outcome: 'forbidden' };
  const moduleId = lessonModuleFor(incident, rules, deps);
  if (!moduleId) return { outcome: 'noLesson' };
  const earlier = await lessonOf(deps, incident, moduleId);
  if (earlier) return { outcome: 'alreadySent', campaign: earlier };
  const today = stockholmDate(deps.clock.now());
  const input = {
    moduleId,
    audience: 'namnder',
    committeeCodes: [incident.committeeCode],
    startDate: today,
    dueDate: addDays(today, LESSON_DAYS),
    reminderEveryDays: LESSON_REMINDER_EVERY_DAYS,
    maxReminders: 1,
    skipPassedWithinDays: LESSON_SKIPS_PASSED_WITHIN_DAYS,
  };
  const result = await createCampaign(deps, input, actor.personId, { incidentReference: incident.reference, category: incident.category });
  if (result.ok) return { outcome: 'created', campaign: result.campaign };
  return { outcome: 'refused', message: result.problems.map((p) => p.message).join('; ') };
}
