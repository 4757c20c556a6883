import type { SecrecyMark } from '../incidents/incident';
/**
 * What the tab API answers besides the status views (src/status/status-view-types.ts): who the
 * viewer is, the demo people, errors. Shared with the tab as type-only imports.
 */
export interface MeResponse {
  person: { id: string; displayName: string; roles: string[] };
  committees: { code: string; name: string }[];
  year: number;
  years: number[];
  target: number;
  categories: Record<string, string>;
  /** True when the identity came from the local demo picker, not from Teams. */
  demo: boolean;
  /** The committees whose register of personal data breaches the person may read (empty: no register view). */
  registerCommittees: string[];
  /** The authorities' names as people say them ("IMY", "CERT-SE"), from the incident rules. */
  authorities: { imy: string; csirt: string };
  /** The Administration part: the security officer runs it, the data protection officer reads it; absent for everyone else. */
  admin?: 'manage' | 'read';
  /** The register of information assets: the nämnder whose register the person may read (src/assets/asset-access.ts), or true for a systemägare who sees only their own. */
  assets?: boolean;
}

/** One nämnd's critical systems: how many, how many with a current classification and risk analysis, measures open and late. */
export interface AssetCoverageRow {
  committeeCode: string;
  committee: string;
  critical: number;
  classified: number;
  analysed: number;
  measuresOpen: number;
  measuresLate: number;
}

/** One asset as the register shows it; dates as YYYY-MM-DD, '' where there is none, levels null where not classified. */
export interface AssetRow {
  assetId: string;
  assetName: string;
  committeeCode: string;
  committee: string;
  critical: boolean;
  criticalityLabel: string;
  levels: { confidentiality: number | null; integrity: number | null; availability: number | null; traceability: number | null };
  classifiedOn: string;
  classificationDue: string;
  classificationCurrent: boolean;
  analysedOn: string;
  analysisCurrent: boolean;
  measuresOpen: number;
  measuresLate: number;
  systemOwner: string;
}

export interface AssetsResponse {
  today: string;
  reviewMonths: number;
  /** Per nämnd whose register the person may read (empty for a systemägare who sees only their own assets). */
  coverage: AssetCoverageRow[];
  /** The critical first, then by nämnd and name. */
  assets: AssetRow[];
}

/** One asset in full: its classification, risk analyses, measures and the incidents that name it, with what the person may do. */
export interface AssetDetailResponse {
  asset: AssetRow & { description: string; informationOwner: string; classificationReviewOn: string };
  analyses: { analysisKey: string; analysedOn: string; summary: string; reviewDue: string; current: boolean }[];
  measures: {
    measureId: string;
    etag: string;
    analysedOn: string;
    what: string;
    owner: string;
    dueDate: string;
    status: string;
    statusLabel: string;
    late: boolean;
    /** The action plan's activity it became: its year and quarter. */
    plannedIn: { year: number; quarter: number } | null;
  }[];
  /** The incidents reported against it that the person may read, newest first: reference, day, category, status and secrecy mark, never their description. */
  incidents: { reference: string; reportedAt: string; category: string; status: string; secrecyLabel: string }[];
  /** Record an analysis and set measures' status; make a measure an activity of the plan. */
  may: { edit: boolean; plan: boolean };
  measureStatuses: { value: string; label: string }[];
  /** Who a measure may be given to, and who may own its activity in the plan, and the quarters it may be planned for. */
  measureOwners: { id: string; name: string }[];
  planOwners: { id: string; name: string }[];
  targets: { year: number; quarter: number }[];
  today: string;
  /** ASSET_REVIEW_MONTHS: an analysis without a next date of its own is due this long after it. */
  reviewMonths: number;
}

/** The register in the Administration part: each asset's fields as the file's columns (the form edits them), its version, and its owners' names. */
export interface AdminAssetsResponse {
  columns: string[];
  reviewMonths: number;
  assets: { etag: string; fields: Record<string, string>; owners: { systemOwner: string; informationOwner: string } }[];
}

/** A register file's dry run or import in the Administration part. */
export interface AssetImportResponse {
  dryRun: boolean;
  text: string;
  summary: { created: number; updated: number; unchanged: number; assets: { assetId: string; assetName: string; change: 'created' | 'updated' | 'unchanged' }[] };
}

/** One row of the register of personal data breaches (GDPR art. 33.5); labels in the asked language, times as ISO. */
export interface RegisterRow {
  reference: string;
  caseNumber: string;
  secrecy: SecrecyMark | '';
  secrecyLabel: string;
  committeeCode: string;
  committee: string;
  discoveredAt: string;
  category: string;
  description: string;
  subjectCategories: string[];
  dataCategories: string[];
  approxPeopleAffected: number | null;
  approxRecords: number | null;
  consequences: string;
  measuresTaken: string;
  measuresPlanned: string;
  riskLevel: string;
  riskMotivation: string;
  decision: 'anmald' | 'anmalningspliktig' | 'ej-anmalningspliktig' | 'ej-beslutad';
  decisionLabel: string;
  decisionMotivation: string;
  imyNotifiedAt: string;
  imyCaseNumber: string;
  imyLateReason: string;
  /** Who made the decision on IMY for the committee, and when ("Sara Lind, 2026-03-03 kl. 10:15"); '' before it is made. */
  decidedBy: string;
  /** Supplements sent to IMY later (art. 33.4), as times. */
  supplementsAt: string[];
  subjectsInformation: string;
}

export interface RegisterResponse {
  year: number;
  /** The committee asked for, or "all" (every committee the person may read). */
  committee: string;
  committees: { code: string; name: string }[];
  rows: RegisterRow[];
}

/** The answer to "Öppna": the card is on its way to the person's chat with the bot; chatUrl opens that chat ('' in local mode). */
export interface OpenResponse {
  sent: true;
  chatUrl: string;
}

export interface DemoUser {
  id: string;
  displayName: string;
  title: string;
}

export interface ApiError {
  error: 'unauthenticated' | 'forbidden' | 'not_found' | 'bad_request' | 'conflict';
  reason: string;
}

/** What the tab's "Skapa åtgärd" form offers for an incident: the quarters, the possible owners, a title to start from. */
export interface ActionOptionsResponse {
  targets: { value: string; label: string }[];
  owners: { id: string; name: string }[];
  defaultTitle: string;
}

/** One campaign in the Administration part, with its figures: from the training tallies and the outbox, live. */
export interface AdminCampaign {
  campaignId: string;
  moduleId: string;
  /** The module's title, or the id of a module no longer in the library. */
  moduleTitle: string;
  audience: 'alla' | 'namnder' | 'fortroendevalda';
  committees: { code: string; name: string }[];
  startDate: string;
  dueDate: string;
  reminderEveryDays: number;
  maxReminders: number;
  phase: 'planned' | 'running' | 'ended';
  figures: {
    audience: number;
    delivered: number;
    pending: number;
    notReached: number;
    notReachedBy: Partial<Record<'policy' | 'noTeams' | 'installFailed' | 'noChat' | 'notInstalled' | 'botBlocked' | 'recipientNotFound' | 'failed', number>>;
    completed: number;
    overdue: number;
  };
  /**
   * A short lesson sent after an incident (src/admin/incident-lesson.ts): the committee's incidents
   * of that category reported in the `windowDays` before its start and in the `afterDays` since.
   */
  lesson?: { incidentReference: string; categoryLabel: string; before: number; after: number; afterDays: number; windowDays: number };
}

export interface AdminCampaignsResponse {
  /** What the viewer may do here: run it (the security officer) or read it (the data protection officer). */
  access: 'manage' | 'read';
  /** Today in Stockholm, YYYY-MM-DD: what the phases are counted from. */
  today: string;
  /** Running first, then planned, then ended; the latest start first within each. */
  campaigns: AdminCampaign[];
  /** What a new campaign may be for: the modules and the committees. */
  modules: { id: string; title: string }[];
  committees: { code: string; name: string }[];
}

/** A plan file read in the Administration part: the one-line outcome, as the command prints it, and each activity's fate. */
export interface PlanImportResponse {
  year: number;
  dryRun: boolean;
  text: string;
  summary: { created: number; updated: number; unchanged: number; statusesCreated: number; activities: { activityId: string; title: string; change: 'created' | 'updated' | 'unchanged' }[] };
}

/** The modules as the Administration part lists them: what staff will read and be asked, and the files that did not load. */
export interface AdminModulesResponse {
  modules: {
    id: string;
    title: string;
    version: number;
    minutes: number;
    summary: string;
    steps: string[];
    quiz: { question: string; choices: { text: string; correct: boolean }[] }[];
    /** Share of the quiz to get right; the configured default when the module sets none. */
    passScore: number;
  }[];
  /** Files that did not load, each with its line and what is wrong (the others are served). */
  problems: { file: string; line: number; message: string }[];
}

/** A module's cards as staff meet them in Teams, for the page to render: the first card, each step, each question. */
export interface AdminModuleCardsResponse {
  cards: { kind: 'intro' | 'step' | 'question'; n: number; of: number; card: Record<string, unknown> }[];
}
