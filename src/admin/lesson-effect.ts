import { addDays, startOfStockholmDay, stockholmDate } from '../clock/stockholm-time';
import { daysBetween } from '../learning/reminder-window';
import { incidentsReportedIn } from '../incidents/incident-queries';
import type { Campaign } from '../learning/campaign';
import type { Store } from '../store/store';

/**
 * Whether a short lesson helped: the committee's incidents of the lesson's category reported in
 * the 90 days before it started, beside those reported since (up to 90 days). Counted from the
 * incidents list, one committee-year query per year the windows touch.
 */
export const LESSON_WINDOW_DAYS = 90;

export interface LessonEffect {
  incidentReference: string;
  category: string;
  committeeCode: string;
  before: number;
  after: number;
  /** Days of the after window that have passed (the window is LESSON_WINDOW_DAYS when it is complete). */
  afterDays: number;
}

export async function lessonEffect(store: Store, campaign: Campaign, now: Date): Promise<LessonEffect | undefined> {
  const origin = campaign.origin;
  const committeeCode = campaign.committeeCodes[0];
  if (!origin || !committeeCode) return undefined;
  const start = startOfStockholmDay(campaign.startDate);
  const from = startOfStockholmDay(addDays(campaign.startDate, -LESSON_WINDOW_DAYS));
  const windowEnd = startOfStockholmDay(addDays(campaign.startDate, LESSON_WINDOW_DAYS));
  const until = new Date(Math.min(now.getTime(), windowEnd.getTime()));
  const firstYear = Number(stockholmDate(from).slice(0, 4));
  const lastYear = Number(stockholmDate(until).slice(0, 4));
  const years = Array.from({ length: Math.max(1, lastYear - firstYear + 1) }, (_, i) => firstYear + i);
  const incidents = (await incidentsReportedIn(store, years, [committeeCode])).map((i) => i.value).filter((i) => i.kind === 'incident' && i.category === origin.category);
  const at = (i: { reportedAt: string }) => Date.parse(i.reportedAt);
  return {
    incidentReference: origin.incidentReference,
    category: origin.category,
    committeeCode,
    before: incidents.filter((i) => at(i) >= from.getTime() && at(i) < start.getTime()).length,
    after: incidents.filter((i) => at(i) >= start.getTime() && at(i) < until.getTime()).length,
    // Counted in Stockholm days: a window across the spring clock change is 90 days, not 89 and 23 hours.
    afterDays: Math.max(0, daysBetween(campaign.startDate, stockholmDate(until))),
  };
}
