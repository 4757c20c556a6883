import { yearCommitteeKey } from '../store/derived-columns';
import type { Store, StoredItem } from '../store/store';
import { activityAppliesTo, type Activity, type ActivityStatus, type Quarter } from './activity';
import { previousStatus, statusesByQuarter } from './quarter-status';

/**
 * One activity of a committee's quarter: the quarter's own status item (and version) if one is
 * recorded, and the status it starts from — the latest earlier quarter's — so nobody retypes what
 * did not change.
 */
export interface QuarterActivity {
  activity: Activity;
  status?: StoredItem<ActivityStatus>;
  previous?: StoredItem<ActivityStatus>;
}

/** Finished for the quarter's purposes: done, or moved to next year's plan — in this quarter or an earlier one. */
export const isSettled = (qa: Pick<QuarterActivity, 'status' | 'previous'>) => {
  const s = (qa.status ?? qa.previous)?.value.status;
  return s === 'Genomförd' || s === 'Flyttas till nästa år';
};

/** The committee's activities in a quarter, by area and title: two queries, each on one indexed column (the statuses on the committee's year). */
export async function quarterActivities(store: Store, year: number, quarter: Quarter, committeeCode: string): Promise<QuarterActivity[]> {
  const [activities, statuses] = await Promise.all([
    store.activities.query({ field: 'year', op: 'eq', value: year }),
    store.activityStatuses.query({ field: 'yearCommittee', op: 'eq', value: yearCommitteeKey(year, committeeCode) }),
  ]);
  return activities
    .map((i) => i.value)
    .filter((a) => a.quarters.includes(quarter) && activityAppliesTo(a, committeeCode))
    .sort((a, b) => a.area.localeCompare(b.area, 'sv') || a.title.localeCompare(b.title, 'sv'))
    .map((activity) => {
      const mine = statuses.filter((s) => s.value.activityId === activity.activityId);
      const byQuarter = new Map([...statusesByQuarter(mine.map((s) => ({ ...s.value, item: s })), activity)].map(([q, s]) => [q, s.item]));
      const status = byQuarter.get(quarter);
      const previous = previousStatus(byQuarter, quarter);
      return { activity, ...(status ? { status } : {}), ...(previous ? { previous } : {}) };
    });
}
