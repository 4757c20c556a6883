import type { Activity, ActivityStatus } from '../actionplan/activity';
import type { Incident, IncidentEvent } from '../incidents/incident';
import type { Campaign } from '../learning/campaign';
import type { Completion } from '../learning/completion';
import type { Committee, RoleAssignment } from '../organisation/organisation';
import type { AuditEntry } from './audit-entry';
import type { ListRepository, RepositoryName, Store } from './store';

/** Makes the repository for one list; each store supplies its own (SQLite table, SharePoint list). */
export type RepositoryFactory = <T, K extends keyof T & string>(name: RepositoryName) => ListRepository<T, K>;

/** What both stores share: one repository per list, typed once here. */
export abstract class ListStore implements Store {
  abstract readonly kind: Store['kind'];
  readonly committees: Store['committees'];
  readonly roles: Store['roles'];
  readonly incidents: Store['incidents'];
  readonly incidentEvents: Store['incidentEvents'];
  readonly completions: Store['completions'];
  readonly campaigns: Store['campaigns'];
  readonly activities: Store['activities'];
  readonly activityStatuses: Store['activityStatuses'];
  readonly audit: Store['audit'];

  protected constructor(make: RepositoryFactory) {
    this.committees = make<Committee, 'code'>('committees');
    this.roles = make<RoleAssignment, 'personId' | 'committeeCode' | 'role'>('roles');
    this.incidents = make<Incident, 'reference' | 'committeeCode' | 'reporterId' | 'status' | 'reportedAt'>('incidents');
    this.incidentEvents = make<IncidentEvent, 'reference'>('incidentEvents');
    this.completions = make<Completion, 'personId' | 'moduleId' | 'committeeCode'>('completions');
    this.campaigns = make<Campaign, 'moduleId' | 'startDate' | 'dueDate'>('campaigns');
    this.activities = make<Activity, 'year'>('activities');
    this.activityStatuses = make<ActivityStatus, 'year' | 'committeeCode' | 'activityId'>('activityStatuses');
    this.audit = make<AuditEntry, 'recordKey' | 'at'>('audit');
  }

  abstract close(): Promise<void>;
}
