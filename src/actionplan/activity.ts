/** The yearly action plan (handlingsplan): activities by area and quarter, with a status per committee. */
export const ACTIVITY_STATUSES = [
  'Ej påbörjad',
  'Påbörjad',
  'Delvis påbörjad',
  'Pågående',
  'Delvis genomförd',
  'Genomförd',
  'Flyttas till nästa år',
] as const;
export type ActivityStatusValue = (typeof ACTIVITY_STATUSES)[number];

export type Quarter = 1 | 2 | 3 | 4;

export interface Activity {
  year: number;
  /** Stable within a plan, e.g. "2022-riskanalys". */
  activityId: string;
  area: string;
  title: string;
  description: string;
  quarters: Quarter[];
  /** Committee codes, or ["*"] for every committee. */
  committees: string[];
  /** For an action taken after an incident: who answers for it (Entra object id), and the incident it came from. */
  ownerId?: string;
  incidentRef?: string;
}

/**
 * A committee's status for an activity in one quarter: each quarter keeps its own, so a later
 * quarter's save never rewrites an earlier one, and progress between quarters can be followed.
 */
export interface ActivityStatus {
  year: number;
  activityId: string;
  committeeCode: string;
  /** The quarter it is the status of. Rows stored before statuses were kept per quarter have none: see quarter-status.ts. */
  quarter?: Quarter;
  status: ActivityStatusValue;
  comment: string;
  setBy: string;
  setAt: string;
}

export function activityAppliesTo(activity: Activity, committeeCode: string): boolean {
  return activity.committees.includes('*') || activity.committees.includes(committeeCode);
}
