import type { ActivityRollup, IncidentFigures, PlanProgress, StatusName, TrainingFigure } from '../status/status-view-types';

/**
 * Ledningens genomgång: the year's report to kommunstyrelsen and the nämnder, as figures. Every
 * figure comes from the functions the status tab uses (overviewView, committeeView, the training
 * tallies), so the report and the tab never disagree; the rest (legal deadlines, times to
 * acknowledgement and closure) from the incident records, counted — no description, no text the
 * reporter wrote, nothing under secrecy. The Word document is written from this (annual-report-docx.ts).
 */
export interface AnnualReport {
  year: number;
  /** The municipality's name, from configuration (MUNICIPALITY_NAME). */
  municipality: string;
  /** The whole municipality, or the nämnder a manager or an elected official answers for. */
  scope: { whole: boolean; committees: { code: string; name: string; administration: string }[] };
  /** When it was made (ISO); the document shows the Stockholm date. */
  generatedAt: string;
  /** The training target (a share, 0–1) and the audit's finding that about half finished the e-mailed training. */
  trainingTarget: number;
  auditBaseline: number;
  summary: ReportSummary;
  plan: ReportPlan;
  training: ReportTraining;
  incidents: ReportIncidents;
  assets: ReportAssets;
  /** The previous year's figures, when its records hold any (a plan, training asked for, or incidents); undefined otherwise. */
  previous?: ReportComparison;
}

/** The counts the summary page and the comparison with the previous year share. */
export interface ReportKeyFigures {
  /** Activities × the nämnder they apply to, by each one's latest status; carriedOver = "Flyttas till nästa år". */
  plan: PlanProgress & { carriedOver: number };
  training: { overall: TrainingFigure; electedOfficials: TrainingFigure };
  incidents: { incidents: number; weaknesses: number; personalData: number; reportedToImy: number; reportedToCsirt: number };
}

export interface ReportSummary extends ReportKeyFigures {
  /** The legal deadlines that applied to the year's incidents (IMY 72 h; CERT-SE 24 h, 72 h, one month): met, late, still running. */
  deadlines: { total: number; met: number; late: number; running: number };
}

export interface ReportActivity {
  title: string;
  quarters: number[];
  /** One per quarter the activity runs in: that quarter's own status ('' when none was recorded). */
  cells: { quarter: number; status: StatusName | '' }[];
  /** Where it stands (its latest quarter's status) and that status's comment, who set it and when. */
  status: StatusName;
  comment: string;
  setBy: string;
  setAt: string;
}

export interface ReportPlan {
  /** Per activity of the plan, across the nämnder in scope: how many it applies to, done, by status. */
  rollup: ActivityRollup[];
  /** Per nämnd: its progress and each activity quarter by quarter with the last comment, in the plan's areas. */
  committees: { code: string; name: string; administration: string; progress: PlanProgress; areas: { area: string; activities: ReportActivity[] }[] }[];
  /** Activities moved to next year ("Flyttas till nästa år"), by the nämnd's name. */
  carriedOver: { committee: string; activity: string; comment: string }[];
  /**
   * Actions taken into the plan after an incident, by the nämnd's name: the title only (the incident's
   * details stay in the register), and after an incident under secrecy not even that.
   */
  fromIncidents: { committee: string; title: string; quarter: number; year: number; status: StatusName }[];
}

export interface ReportTraining {
  overall: TrainingFigure;
  electedOfficials: TrainingFigure;
  /** Per module across the scope, with the previous year's figure for the same module where it was asked for. */
  modules: { moduleId: string; title: string; figure: TrainingFigure; previous?: TrainingFigure }[];
  committees: { code: string; name: string; figure: TrainingFigure; previous?: TrainingFigure; modules: { moduleId: string; title: string; figure: TrainingFigure }[] }[];
}

export interface ReportIncidents {
  /** By category and quarter, as the status tab counts them (incidents and weaknesses reported in the year). */
  figures: IncidentFigures;
  /** Category names in the report's language, for the category codes in `figures`. */
  categoryNames: Record<string, string>;
  /** As the audit asks them split: IT incidents, lost or stolen equipment, personal-data incidents (an incident may be both IT and personal data). */
  byAuditGroup: { it: number; lostOrStolen: number; personalData: number; other: number };
  /** Personal-data incidents: reported to IMY, of those within 72 hours, judged not reportable, not yet decided. */
  imy: { personalData: number; reported: number; inTime: number; notReportable: number; undecided: number };
  /** Cybersäkerhetslagen: judged, significant, notified to CERT-SE, of those within the deadline, judged not significant. */
  csirt: { judged: number; significant: number; reported: number; inTime: number; notSignificant: number };
  /** Median hours from report to acknowledgement and to closure, over the incidents that got there (null when none did). */
  medianHours: { toAcknowledgement: number | null; toClosure: number | null };
}

/**
 * The information assets: per nämnd, its critical systems with a KLASSA classification and a risk
 * analysis current on the report's day, and the measures the analyses require by status. The
 * register keeps no history of a measure's status: it is as it stands when the report is made.
 */
export interface ReportAssets {
  /** The day coverage is counted on: the year's last day for a past year, today for this one. */
  asOf: string;
  reviewMonths: number;
  committees: { code: string; name: string; critical: number; classified: number; analysed: number; measuresOpen: number; measuresLate: number }[];
  measures: { total: number; byStatus: { status: string; count: number }[]; late: number };
}

export interface ReportComparison extends ReportKeyFigures {
  year: number;
}
