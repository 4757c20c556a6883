import type { ReportedMessage } from './reported-message';

/** An incident or weakness reported by staff, and the events in its handling. */
export const INCIDENT_STATUSES = ['Ny', 'Under utredning', 'Åtgärdad', 'Stängd'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_CATEGORIES = [
  'forlorad-utrustning',
  'natfiske',
  'skadlig-kod',
  'felskickad-information',
  'obehorig-atkomst',
  'avbrott',
  'annat',
] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

export const SECURITY_ASPECTS = ['konfidentialitet', 'riktighet', 'tillganglighet', 'sparbarhet'] as const;
export type SecurityAspect = (typeof SECURITY_ASPECTS)[number];

export const SEVERITIES = ['låg', 'medel', 'hög', 'kritisk'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The risk to the people whose data is concerned (GDPR art. 33–34): it decides whether IMY and they must be told. */
export const RISK_LEVELS = ['ingen', 'risk', 'hog'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Whose data it is: what IMY's form asks, and what weighs most in a municipality (children, clients, protected identity). */
export const SUBJECT_CATEGORIES = ['anstallda', 'barn-elever', 'klienter-patienter', 'invanare', 'skyddad-identitet', 'andra'] as const;
export type SubjectCategory = (typeof SUBJECT_CATEGORIES)[number];

/** What kind of data: art. 9 (special categories) and art. 10 (offences) and personnummer are asked for apart. */
export const DATA_CATEGORIES = ['identitet', 'kontakt', 'personnummer', 'ekonomi', 'inloggning', 'sarskilda-art9', 'lagovertradelser-art10', 'annat'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Art. 34.3: when the people concerned need not be told although the risk is high. */
export const SUBJECT_EXCEPTIONS = ['skyddade-uppgifter', 'risken-undanrojd', 'oproportionerlig-anstrangning'] as const;
export type SubjectException = (typeof SUBJECT_EXCEPTIONS)[number];

/**
 * Secrecy under offentlighets- och sekretesslagen that a municipality's incidents most often carry:
 * security details (18:8), school and pupil health (23 kap.), health care (25 kap.), social services
 * (26 kap.) and staff matters (39 kap.).
 */
export const SECRECY_MARKS = ['osl-18-8', 'osl-23', 'osl-25', 'osl-26', 'osl-39'] as const;
export type SecrecyMark = (typeof SECRECY_MARKS)[number];

export const TRISTATE = ['ja', 'nej', 'okant'] as const;
export type Tristate = (typeof TRISTATE)[number];

export interface Incident {
  reference: string;
  kind: 'incident' | 'weakness';
  category: IncidentCategory;
  description: string;
  occurredAt?: string;
  discoveredAt: string;
  committeeCode: string;
  affectedSystem: string;
  /** The asset in the register it concerns, when the reporter chose one (affectedSystem then holds its name). */
  assetId?: string;
  personalData: boolean;
  approxPeopleAffected?: number;
  sensitiveData?: boolean;
  personalIdentityNumbers?: boolean;
  aspects: SecurityAspect[];
  ongoing: boolean;
  essentialService: boolean;
  /** Reported from a Teams message ("Rapportera till Infosäk"): the message, as much of it as the incident needs. */
  reportedMessage?: ReportedMessage;
  reporterId: string;
  reportedAt: string;
  status: IncidentStatus;
  severity?: Severity;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  assigneeId?: string;
  imyNotifiedAt?: string;
  nisEarlyWarningAt?: string;
  nisNotificationAt?: string;
  nisFinalReportAt?: string;
  closingNote?: string;
  /** When the status became Åtgärdad: the end of an ongoing incident, from which the NIS final report is counted. */
  resolvedAt?: string;

  // The assessment at triage. The reporter's form stays short; what the authorities ask for is filled in here.
  /** When a triager last saved the personal-data assessment; closing needs an assessment. */
  assessedAt?: string;
  assessedBy?: string;
  riskLevel?: RiskLevel;
  riskMotivation?: string;
  subjectCategories?: SubjectCategory[];
  dataCategories?: DataCategory[];
  approxRecords?: number;
  consequences?: string;
  measuresTaken?: string;
  measuresPlanned?: string;
  encrypted?: Tristate;
  crimeSuspected?: Tristate;
  policeReport?: string;
  crossBorder?: Tristate;
  rootCause?: string;

  /** The committee's decision (it is the controller): reportable to IMY or not (art. 33.1), with why when not. */
  imyReportable?: boolean;
  imyMotivation?: string;
  imyDecidedAt?: string;
  imyDecidedBy?: string;
  imyCaseNumber?: string;
  /** Art. 33.1: a notification later than 72 hours carries the reasons for the delay. */
  imyLateReason?: string;
  /** Art. 33.4: information given to IMY in phases, after the first notification. */
  imySupplementsAt?: string[];
  /** Art. 34: an exception that lets the committee not tell the people concerned at high risk, and why. */
  subjectsException?: SubjectException;
  subjectsExceptionMotivation?: string;
  subjectsInformedAt?: string;
  subjectsInformedHow?: string;

  /** Cybersäkerhetslagen: the security function's judgement whether this is a significant incident. */
  significant?: boolean;
  significantMotivation?: string;
  significantDecidedAt?: string;
  significantDecidedBy?: string;
  /** A progress report when the incident is still going on at the final report's date. */
  nisProgressReportAt?: string;

  /** Diarienummer, and secrecy under OSL that every card, view and export shows. */
  caseNumber?: string;
  secrecy?: SecrecyMark;
}

export interface IncidentEvent {
  reference: string;
  at: string;
  actorId: string;
  action: string;
  detail: string;
}
