import type { SecrecyMark } from '../incidents/incident';
/**
 * The status views as the tab API answers them: per committee and for the whole municipality.
 * Shared with the tab (type-only imports, so the tab's bundle takes nothing from the server).
 */
export type StatusName = 'Ej påbörjad' | 'Påbörjad' | 'Delvis påbörjad' | 'Pågående' | 'Delvis genomförd' | 'Genomförd' | 'Flyttas till nästa år';

export interface TrainingFigure {
  completed: number;
  expected: number;
  /** Share 0–1; null when nothing was asked of the group. */
  rate: number | null;
  meetsTarget: boolean;
  /**
   * The same among those the bot can reach (a personal chat with it): beside the share of all
   * staff, it tells a committee whose figure is low for want of reach from one that is not done.
   */
  reached?: { completed: number; expected: number; rate: number | null };
}

export interface PlanProgress {
  total: number;
  done: number;
  byStatus: Partial<Record<StatusName, number>>;
}

export interface IncidentFigures {
  total: number;
  open: number;
  weaknesses: number;
  /** Counts per category code and quarter (index 0 = kvartal 1). */
  byCategory: Record<string, [number, number, number, number]>;
  byQuarter: [number, number, number, number];
}

export interface OverviewResponse {
  year: number;
  target: number;
  committees: { code: string; name: string; plan: PlanProgress; training: TrainingFigure; incidents: IncidentFigures }[];
  training: { overall: TrainingFigure; electedOfficials: TrainingFigure };
  incidents: IncidentFigures;
  /** The municipality roll-up of the year's plan, over the committees the viewer may see. */
  rollup: PlanRollup;
  /** Training completion month by month through the year, against the target and the audit's baseline. */
  trainingTrend: TrainingTrend;
}

/** The share of the year's asked training done by the end of each month: one line per committee, and all of them. */
export interface TrainingTrend {
  /** The months shown, "2026-01" …, up to the current one (all twelve for a past year). */
  months: string[];
  /** The audit's finding: about half of staff finished the training sent by e-mail (the 48 % line). */
  baseline: number;
  overall: (number | null)[];
  committees: { code: string; name: string; rates: (number | null)[] }[];
}

/** One activity across committees: of the nämnder it applies to, how many have it Genomförd (their latest quarter's status). */
export interface ActivityRollup {
  activityId: string;
  area: string;
  title: string;
  /** Visible committees the activity applies to. */
  applies: number;
  done: number;
  /** Where the applicable committees stand, counted by status (Ej påbörjad when none was set). */
  byStatus: Partial<Record<StatusName, number>>;
}

/** Counts per status per nämnd: the stacked bars. Committees in the overview's order. */
export interface CommitteeStatusCounts {
  code: string;
  name: string;
  total: number;
  byStatus: Partial<Record<StatusName, number>>;
}

export interface PlanRollup {
  /** Activities in plan order; those that apply to none of the visible committees are left out. */
  activities: ActivityRollup[];
  committees: CommitteeStatusCounts[];
}

/** One quarter of an activity in the grid: that quarter's own status, never another quarter's. */
export interface QuarterCell {
  quarter: number;
  /** '' when nothing was recorded for the quarter. */
  status: StatusName | '';
  comment: string;
  setBy: string;
  setAt: string;
  /** The quarter has passed and the activity was not Genomförd (or moved) by then. */
  late: boolean;
  /** The quarter we are in now. */
  current: boolean;
}

export interface GridActivity {
  activityId: string;
  title: string;
  description: string;
  quarters: number[];
  /** Where the activity stands: its latest quarter's status (Ej påbörjad when none). */
  status: StatusName;
  comment: string;
  setBy: string;
  setAt: string;
  /** One per quarter the activity runs in. */
  cells: QuarterCell[];
  /** For an action taken after an incident: the incident's reference and who answers for the action ('' otherwise). */
  incidentRef: string;
  owner: string;
}

export interface IncidentRow {
  reference: string;
  kind: 'incident' | 'weakness';
  category: string;
  status: string;
  severity: string;
  reportedAt: string;
  personalData: boolean;
  /** The description's first 200 characters, for those who triage. */
  summary: string;
  /** Diarienummer ('' when none) and secrecy under OSL, shown with the reference. */
  caseNumber: string;
  secrecy: SecrecyMark | '';
  /** What the assessment still lacks before the incident may be closed (facts, the IMY decision, the significance decision). */
  missing: ('facts' | 'imy' | 'nis')[];
  /** The authority drafts that can be made now (IMY when the committee decided to notify; the CSIRT when significant). */
  drafts: ('imy' | 'csirt')[];
  /** Actions in the year's plan taken after this incident: what, and by which quarter. */
  actions: { title: string; quarter: number; year: number }[];
}

export interface CommitteeResponse {
  year: number;
  target: number;
  committee: { code: string; name: string; administration: string };
  plan: { progress: PlanProgress; areas: { area: string; activities: GridActivity[] }[] };
  training: { overall: TrainingFigure; modules: { moduleId: string; title: string; figure: TrainingFigure }[] };
  incidents: IncidentFigures;
  /** Present only for those allowed to see incident details (coordinators of the committee, security officer, DPO). */
  incidentList?: IncidentRow[];
}
