import type { AssetMeasure, InformationAsset, RiskAnalysis } from '../assets/information-asset';
import type { Activity, ActivityStatus } from '../actionplan/activity';
import type { Incident, IncidentEvent } from '../incidents/incident';
import type { Campaign } from '../learning/campaign';
import type { Completion } from '../learning/completion';
import type { Committee, RoleAssignment } from '../organisation/organisation';
import type { AuditEntry } from './audit-entry';
import type { IndexedColumn, RepositoryName } from './list-schema';

export type { IndexedColumn, RepositoryName };

/**
 * The records of value, one repository per SharePoint list. The contract is shaped by what
 * SharePoint lists can do, so that whatever works on SQLite also works in production:
 * - a query filters on at most one indexed column;
 * - no joins and no transaction across lists;
 * - every update names the version it read (eTag) and fails with ConcurrencyConflictError otherwise;
 * - every create carries a key of our own, so a retried create never stores a record twice.
 */
export type FilterOperator = 'eq' | 'ne' | 'lt' | 'gt' | 'le' | 'ge' | 'startswith';
export type FieldValue = string | number | boolean;

export interface Filter<K extends string> {
  field: K;
  op: FilterOperator;
  value: FieldValue;
}

export interface QueryOptions<K extends string> {
  orderBy?: { field: K; descending?: boolean };
  top?: number;
}

export interface StoredItem<T> {
  /** The list item id (numeric string, as in SharePoint). */
  id: string;
  /** Our idempotency key, unique within the list. */
  key: string;
  /** Opaque version tag; pass it back to update. */
  etag: string;
  createdAt: string;
  modifiedAt: string;
  value: T;
}

export interface CreateResult<T> {
  item: StoredItem<T>;
  /** False when an item with the same key already existed: the create was a repeat. */
  created: boolean;
}

export interface ListRepository<T, K extends string> {
  readonly listName: string;
  /** Stores `value` under `key` once; a second call with the same key returns the first item. */
  create(key: string, value: T): Promise<CreateResult<T>>;
  /** Bulk create, each item idempotent as in create. SharePoint sends these in $batch requests. */
  createMany(items: { key: string; value: T }[]): Promise<CreateResult<T>[]>;
  getById(id: string): Promise<StoredItem<T> | undefined>;
  getByKey(key: string): Promise<StoredItem<T> | undefined>;
  /** All items matching one filter on an indexed column (all items when no filter), every page read. */
  query(filter?: Filter<K>, options?: QueryOptions<K>): Promise<StoredItem<T>[]>;
  /** Applies `patch` if the item is still at `etag`; otherwise throws ConcurrencyConflictError. */
  update(id: string, etag: string, patch: Partial<T>): Promise<StoredItem<T>>;
  delete(id: string): Promise<void>;
}

/** One repository per list in infra/sharepoint/lists.json, each typed with the columns that list indexes. */
export interface Store {
  readonly kind: 'sqlite' | 'sharepoint';
  readonly committees: ListRepository<Committee, IndexedColumn<'committees'>>;
  readonly roles: ListRepository<RoleAssignment, IndexedColumn<'roles'>>;
  readonly incidents: ListRepository<Incident, IndexedColumn<'incidents'>>;
  readonly incidentEvents: ListRepository<IncidentEvent, IndexedColumn<'incidentEvents'>>;
  readonly completions: ListRepository<Completion, IndexedColumn<'completions'>>;
  readonly campaigns: ListRepository<Campaign, IndexedColumn<'campaigns'>>;
  readonly activities: ListRepository<Activity, IndexedColumn<'activities'>>;
  readonly activityStatuses: ListRepository<ActivityStatus, IndexedColumn<'activityStatuses'>>;
  readonly audit: ListRepository<AuditEntry, IndexedColumn<'audit'>>;
  readonly assets: ListRepository<InformationAsset, IndexedColumn<'assets'>>;
  readonly riskAnalyses: ListRepository<RiskAnalysis, IndexedColumn<'riskAnalyses'>>;
  readonly assetMeasures: ListRepository<AssetMeasure, IndexedColumn<'assetMeasures'>>;
  close(): Promise<void>;
}
