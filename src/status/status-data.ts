import type { Activity, ActivityStatus } from '../actionplan/activity';
import type { Incident } from '../incidents/incident';
import type { Campaign } from '../learning/campaign';
import type { TrainingTallies } from '../learning/training-tally';
import type { OperationalStore } from '../ops/operational-store';
import { ALL_COMMITTEES, type Committee, type RoleAssignment } from '../organisation/organisation';
import type { Store } from '../store/store';
import { summaryOf, type IncidentTallyRow } from './incident-tally';
import { currentTallies } from './status-tallies';

/**
 * The records the status views are computed from, read with a fixed number of queries (one per
 * list, each on one indexed column, in parallel) however many committees or rows there are. The
 * training figures come from the operational store's tallies (status-tallies.ts), not from every
 * role and completion.
 */
export interface StatusData {
  committees: Committee[];
  activities: Activity[];
  statuses: ActivityStatus[];
  /** Campaigns that started in the year: what training was asked for. */
  campaigns: Campaign[];
  training: TrainingTallies;
}

/** The overview: incidents counted, not read. */
export interface OverviewData extends StatusData {
  incidents: IncidentTallyRow[];
}

/** One committee: its incidents of the year as records (for the incident list), and its people (for names). */
export interface CommitteeData extends StatusData {
  incidents: Incident[];
  roles: RoleAssignment[];
}

const values = <T>(items: { value: T }[]) => items.map((i) => i.value);
/** The year in Stockholm, as the figures count quarters. */
const inYear = (year: number) => (i: Incident) => summaryOf(i).year === year;

/** One committee: everything filtered on that committee's indexed column where the list has one. */
export async function loadCommitteeStatusData(store: Store, ops: OperationalStore, year: number, committeeCode: string): Promise<CommitteeData> {
  const [committees, activities, statuses, incidents, roles, centralRoles, campaigns, tallies] = await Promise.all([
    store.committees.query({ field: 'code', op: 'eq', value: committeeCode }, { top: 1 }),
    store.activities.query({ field: 'year', op: 'eq', value: year }),
    store.activityStatuses.query({ field: 'committeeCode', op: 'eq', value: committeeCode }),
    store.incidents.query({ field: 'committeeCode', op: 'eq', value: committeeCode }),
    // The committee's own people, and the municipality-wide roles (who may also have set a status).
    store.roles.query({ field: 'committeeCode', op: 'eq', value: committeeCode }),
    store.roles.query({ field: 'committeeCode', op: 'eq', value: ALL_COMMITTEES }),
    store.campaigns.query({ field: 'startDate', op: 'startswith', value: `${year}-` }),
    currentTallies(store, ops, year),
  ]);
  return {
    committees: values(committees),
    activities: values(activities),
    statuses: values(statuses).filter((s) => s.year === year),
    campaigns: values(campaigns),
    training: tallies.training,
    incidents: values(incidents).filter(inYear(year)),
    roles: [...values(roles), ...values(centralRoles)],
  };
}

/** Every committee at once, for the overview: the plan's records of the year, and counts for the rest. */
export async function loadOverviewStatusData(store: Store, ops: OperationalStore, year: number): Promise<OverviewData> {
  const [committees, activities, statuses, campaigns, tallies] = await Promise.all([
    store.committees.query(),
    store.activities.query({ field: 'year', op: 'eq', value: year }),
    store.activityStatuses.query({ field: 'year', op: 'eq', value: year }),
    store.campaigns.query({ field: 'startDate', op: 'startswith', value: `${year}-` }),
    currentTallies(store, ops, year),
  ]);
  return {
    committees: values(committees),
    activities: values(activities),
    statuses: values(statuses),
    campaigns: values(campaigns),
    training: tallies.training,
    incidents: tallies.incidents,
  };
}
