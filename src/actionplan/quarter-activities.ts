import type { Store, StoredItem } from '../store/store';
import { activityAppliesTo, type Activity, type ActivityStatus, type Quarter } from './activity';

/** One activity of a committee's quarter, with its status item (and version) if one is recorded. */
export interface QuarterActivity {
  activity: Activity;
  status?: StoredItem<ActivityStatus>;
}

/** Finished for the quarter's purposes: done, or moved to next year's plan. */
export const isSettled = (s?: StoredItem<ActivityStatus>) => s?.value.status === 'Genomförd' || s?.value.status === 'Flyttas till nästa år';

/** The committee's activities in a quarter, by area and title: two queries, each on one indexed column. */
export async function quarterActivities(store: Store, year: number, quarter: Quarter, committeeCode: string): Promise<QuarterActivity[]> {
  const [activities, statuses] = await Promise.all([
    store.activities.query({ field: 'year', op: 'eq', value: year }),
    store.activityStatuses.query({ field: 'committeeCode', op: 'eq', value: committeeCode }),
  ]);
  return activities
    .map((i) => i.value)
    .filter((a) => a.quarters.includes(quarter) && activityAppliesTo(a, committeeCode))
    .sort((a, b) => a.area.localeCompare(b.area, 'sv') || a.title.localeCompare(b.title, 'sv'))
    .map((activity) => {
      const status = statuses.find((s) => s.value.year === year && s.value.activityId === activity.activityId);
      return { activity, ...(status ? { status } : {}) };
    });
}
