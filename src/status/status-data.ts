import type { Activity, ActivityStatus } from '../actionplan/activity';
import type { Incident } from '../incidents/incident';
import type { Campaign } from '../learning/campaign';
import type { Completion } from '../learning/completion';
import { ALL_COMMITTEES, type Committee, type RoleAssignment } from '../organisation/organisation';
import type { Store } from '../store/store';

/**
 * The records the status views are computed from, read with a fixed number of queries (one per
 * list, each on one indexed column, in parallel) however many committees or rows there are.
 */
export interface StatusData {
  committees: Committee[];
  activities: Activity[];
  statuses: ActivityStatus[];
  completions: Completion[];
  incidents: Incident[];
  /** Role rows: who is staff where (the denominators of the training figures), and display names. */
  roles: RoleAssignment[];
  /** Campaigns that started in the year: what training was asked for. */
  campaigns: Campaign[];
}

const values = <T>(items: { value: T }[]) => items.map((i) => i.value);
const inYear = (year: number) => (i: Incident) => i.reportedAt >= `${year}-01-01` && i.reportedAt < `${year + 1}`;

/** One committee: everything filtered on that committee's indexed column where the list has one. */
export async function loadCommitteeStatusData(store: Store, year: number, committeeCode: string): Promise<StatusData> {
  const [committees, activities, statuses, completions, incidents, roles, centralRoles, campaigns] = await Promise.all([
    store.committees.query({ field: 'code', op: 'eq', value: committeeCode }, { top: 1 }),
    store.activities.query({ field: 'year', op: 'eq', value: year }),
    store.activityStatuses.query({ field: 'committeeCode', op: 'eq', value: committeeCode }),
    store.completions.query({ field: 'committeeCode', op: 'eq', value: committeeCode }),
    store.incidents.query({ field: 'committeeCode', op: 'eq', value: committeeCode }),
    // The committee's own people, and the municipality-wide roles (who may also have set a status).
    store.roles.query({ field: 'committeeCode', op: 'eq', value: committeeCode }),
    store.roles.query({ field: 'committeeCode', op: 'eq', value: ALL_COMMITTEES }),
    store.campaigns.query({ field: 'startDate', op: 'startswith', value: `${year}-` }),
  ]);
  return {
    committees: values(committees),
    activities: values(activities),
    statuses: values(statuses).filter((s) => s.year === year),
    completions: values(completions),
    incidents: values(incidents).filter(inYear(year)),
    roles: [...values(roles), ...values(centralRoles)],
    campaigns: values(campaigns),
  };
}

/** Every committee at once, for the overview. */
export async function loadOverviewStatusData(store: Store, year: number): Promise<StatusData> {
  const [committees, activities, statuses, completions, incidents, roles, campaigns] = await Promise.all([
    store.committees.query(),
    store.activities.query({ field: 'year', op: 'eq', value: year }),
    store.activityStatuses.query({ field: 'year', op: 'eq', value: year }),
    store.completions.query(),
    store.incidents.query({ field: 'reportedAt', op: 'ge', value: `${year}-01-01T00:00:00.000Z` }),
    store.roles.query(),
    store.campaigns.query({ field: 'startDate', op: 'startswith', value: `${year}-` }),
  ]);
  return {
    committees: values(committees),
    activities: values(activities),
    statuses: values(statuses),
    completions: values(completions),
    incidents: values(incidents).filter(inYear(year)),
    roles: values(roles),
    campaigns: values(campaigns),
  };
}
