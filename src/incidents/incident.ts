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

export interface Incident {
  reference: string;
  kind: 'incident' | 'weakness';
  category: IncidentCategory;
  description: string;
  occurredAt?: string;
  discoveredAt: string;
  committeeCode: string;
  affectedSystem: string;
  personalData: boolean;
  approxPeopleAffected?: number;
  sensitiveData?: boolean;
  personalIdentityNumbers?: boolean;
  aspects: SecurityAspect[];
  ongoing: boolean;
  essentialService: boolean;
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
}

export interface IncidentEvent {
  reference: string;
  at: string;
  actorId: string;
  action: string;
  detail: string;
}
