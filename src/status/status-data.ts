import { statusesOfYear } from '../actionplan/status-queries';
import type { Activity, ActivityStatus } from '../actionplan/activity';
import type { Incident } from '../incidents/incident';
import type { Campaign } from '../learning/campaign';
import { trainingAtYearEnd, type PassedMonthTally, type TrainingTallies } from '../learning/training-tally';
import type { OperationalStore } from '../ops/operational-store';
import type { Committee } from '../organisation/organisation';
import { nameLookup } from '../organisation/people';
import { committeeIncidentsOfYear } from '../incidents/incident-queries';
import { yearCommitteeKey } from '../store/derived-columns';
import type { Store } from '../store/store';
import type { IncidentTallyRow } from './incident-tally';
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

/** The overview: incidents counted, not read; passes by month for the training over the year. A past year's training is as it stood at its end. */
export interface OverviewData extends StatusData {
  incidents: IncidentTallyRow[];
  passedByMonth: PassedMonthTally[];
}

/** One committee: its incidents of the year as records (for the incident list), and the names of who set its statuses. */
export interface CommitteeData extends StatusData {
  incidents: Incident[];
  nameOf: (personId: string) => string;
}

const values = <T>(items: { value: T }[]) => items.map((i) => i.value);

/**
 * One committee: its year of statuses and incidents by the committee-year key, so that neither grows
 * with the years nor reaches the list view threshold; the names of the few who set its statuses by
 * person (a large committee's people are more than a query may return).
 */
export async function loadCommitteeStatusData(store: Store, ops: OperationalStore, year: number, committeeCode: string): Promise<CommitteeData> {
  const [committees, activities, statuses, incidents, campaigns, { tallies, passedByMonth }] = await Promise.all([
    store.committees.query({ field: 'code', op: 'eq', value: committeeCode }, { top: 1 }),
    store.activities.query({ field: 'year', op: 'eq', value: year }),
    store.activityStatuses.query({ field: 'yearCommittee', op: 'eq', value: yearCommitteeKey(year, committeeCode) }),
    committeeIncidentsOfYear(store, year, committeeCode),
    store.campaigns.query({ field: 'startDate', op: 'startswith', value: `${year}-` }),
    // The months after the tallies are current: a recount (the first, or after an upgrade) fills them in.
    currentTallies(store, ops, year).then(async (tallies) => ({ tallies, passedByMonth: await ops.tallies.passedByMonth() })),
  ]);
  return {
    committees: values(committees),
    activities: values(activities),
    statuses: values(statuses),
    campaigns: values(campaigns),
    training: trainingAtYearEnd(tallies.training, passedByMonth, year),
    incidents: values(incidents),
    // Who set a status, and who owns an activity (an incident's action), by person: a few people.
    nameOf: await nameLookup(store, [...statuses.map((s) => s.value.setBy), ...activities.map((a) => a.value.ownerId)]),
  };
}

/** Every committee at once, for the overview: the plan's records of the year, and counts for the rest. */
export async function loadOverviewStatusData(store: Store, ops: OperationalStore, year: number): Promise<OverviewData> {
  const [committees, activities, statuses, campaigns, tallies] = await Promise.all([
    store.committees.query(),
    store.activities.query({ field: 'year', op: 'eq', value: year }),
    statusesOfYear(store, year),
    store.campaigns.query({ field: 'startDate', op: 'startswith', value: `${year}-` }),
    currentTallies(store, ops, year),
  ]);
  // After the tallies are current: a recount (the first, or after an upgrade) fills in the months.
  const passedByMonth = await ops.tallies.passedByMonth();
  return {
    committees: values(committees),
    activities: values(activities),
    statuses: values(statuses),
    campaigns: values(campaigns),
    training: trainingAtYearEnd(tallies.training, passedByMonth, year),
    incidents: tallies.incidents,
    passedByMonth,
  };
}
