import { stockholmQuarter } from '../clock/stockholm-time';
import type { Activity, ActivityStatus, Quarter } from './activity';

/**
 * Statuses per quarter. A row saved before statuses were kept per quarter has no quarter of its
 * own; it belongs to the quarter it was set in (Stockholm time), as the quarter's card set it —
 * or, for a status set after the year (an imported year-end follow-up), to the activity's last
 * quarter — moved to the nearest quarter the activity runs in at or before that. The SQLite
 * migration writes this quarter into the rows; on SharePoint it is worked out as rows are read.
 */
export function quarterOf(status: ActivityStatus, activity: Pick<Activity, 'quarters'> | undefined): Quarter {
  if (status.quarter) return status.quarter;
  const quarters = [...(activity?.quarters ?? [1, 2, 3, 4])].sort((a, b) => a - b) as Quarter[];
  const set = stockholmQuarter(new Date(status.setAt));
  const when: number = set.year > status.year ? 4 : set.year < status.year ? 1 : set.quarter;
  return [...quarters].reverse().find((q) => q <= when) ?? quarters[0]!;
}

/** One activity's statuses for one committee, by quarter; where two rows claim a quarter, the one set last counts. */
export function statusesByQuarter<T extends ActivityStatus>(rows: T[], activity: Pick<Activity, 'quarters'> | undefined): Map<Quarter, T> {
  const byQuarter = new Map<Quarter, T>();
  for (const row of [...rows].sort((a, b) => a.setAt.localeCompare(b.setAt))) byQuarter.set(quarterOf(row, activity), row);
  return byQuarter;
}

/** The status a quarter starts from: the latest quarter before it that has one. */
export function previousStatus<T>(byQuarter: Map<Quarter, T>, quarter: Quarter): T | undefined {
  for (let q = quarter - 1; q >= 1; q--) {
    const found = byQuarter.get(q as Quarter);
    if (found) return found;
  }
  return undefined;
}

/** Where the activity stands: the status of its latest quarter that has one. */
export function latestStatus<T>(byQuarter: Map<Quarter, T>): T | undefined {
  return byQuarter.get(4) ?? byQuarter.get(3) ?? byQuarter.get(2) ?? byQuarter.get(1);
}

/** The item key of a quarter's status: one row per (activity, committee, quarter) of the year. */
export const quarterStatusKey = (activityId: string, committeeCode: string, quarter: Quarter) => `status:${activityId}:${committeeCode}:q${quarter}`;
