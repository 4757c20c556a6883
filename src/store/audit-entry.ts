/** One change to a record: who, what, when, before and after (spårbarhet). */
export interface AuditEntry {
  at: string;
  actorId: string;
  /** The kind of record changed, e.g. "incident" or "activityStatus". */
  recordKind: string;
  recordKey: string;
  action: string;
  before: string;
  after: string;
}
