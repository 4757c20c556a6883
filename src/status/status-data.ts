import type { Activity, ActivityStatus } from '../actionplan/activity';
import type { Incident } from '../incidents/incident';
import type { Completion } from '../learning/completion';
import type { Committee } from '../organisation/organisation';
import type { Store } from '../store/store';

/**
 * The records the status views are computed from, read with a fixed number of queries (one per
 * list, each on one indexed column, in parallel) however many committees or rows there are.
 */
export interface CommitteeStatusData {
  committee: Committee | undefined;
  activities: Activity[];
  statuses: ActivityStatus[];
  completions: Completion[];
  incidents: Incident[];
}

export interface OverviewStatusData {
  committees: Committee[];
  activities: Activity[];
  statuses: ActivityStatus[];
  completions: Completion[];
  incidents: Incident[];
}

const values = <T>(items: { value: T }[]) => items.map((i) => i.value);

export async function loadCommitteeStatusData(store: Store, year: number, committeeCode: string): Promise<CommitteeStatusData> {
  const [committee, activities, statuses, completions, incidents] = await Promise.all([
    store.committees.query({ field: 'code', op: 'eq', value: committeeCode }, { top: 1 }),
    store.activities.query({ field: 'year', op: 'eq', value: year }),
    store.activityStatuses.query({ field: 'committeeCode', op: 'eq', value: committeeCode }),
    store.completions.query({ field: 'committeeCode', op: 'eq', value: committeeCode }),
    store.incidents.query({ field: 'committeeCode', op: 'eq', value: committeeCode }),
  ]);
  return {
    committee: committee[0]?.value,
    activities: values(activities),
    statuses: values(statuses).filter((s) => s.year === year),
    completions: values(completions),
    incidents: values(incidents).filter((i) => i.reportedAt.startsWith(String(year))),
  };
}

export async function loadOverviewStatusData(store: Store, year: number): Promise<OverviewStatusData> {
  const [committees, activities, statuses, completions, incidents] = await Promise.all([
    store.committees.query(),
    store.activities.query({ field: 'year', op: 'eq', value: year }),
    store.activityStatuses.query({ field: 'year', op: 'eq', value: year }),
    store.completions.query(),
    store.incidents.query({ field: 'reportedAt', op: 'ge', value: `${year}-01-01T00:00:00.000Z` }),
  ]);
  return {
    committees: values(committees),
    activities: values(activities),
    statuses: values(statuses),
    completions: values(completions),
    incidents: values(incidents).filter((i) => i.reportedAt < `${year + 1}`),
  };
}
