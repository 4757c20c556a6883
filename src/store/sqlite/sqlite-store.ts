import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { systemClock, type Clock } from '../../clock/clock';
import { listDefinition } from '../list-schema';
import type { RepositoryName, Store } from '../store';
import type { Activity, ActivityStatus } from '../../actionplan/activity';
import type { Incident, IncidentEvent } from '../../incidents/incident';
import type { Completion } from '../../learning/completion';
import type { Committee, RoleAssignment } from '../../organisation/organisation';
import type { AuditEntry } from '../audit-entry';
import { migrate } from './migrations';
import { SqliteListRepository } from './sqlite-list-repository';

const TABLES: Record<RepositoryName, string> = {
  committees: 'committees',
  roles: 'roles',
  incidents: 'incidents',
  incidentEvents: 'incident_events',
  completions: 'completions',
  activities: 'activities',
  activityStatuses: 'activity_statuses',
  audit: 'audit',
};

/** Opens (or creates) a SQLite database for the store and brings its schema up to date. */
export function openSqliteDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/** The embedded default store: one SQLite file in DATA_DIR, the same contract as SharePoint. */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly committees;
  readonly roles;
  readonly incidents;
  readonly incidentEvents;
  readonly completions;
  readonly activities;
  readonly activityStatuses;
  readonly audit;

  constructor(
    private readonly db: Database.Database,
    clock: Clock = systemClock,
  ) {
    const repo = <T, K extends keyof T & string>(name: RepositoryName) =>
      new SqliteListRepository<T, K>(db, listDefinition(name), TABLES[name], clock);
    this.committees = repo<Committee, 'code'>('committees');
    this.roles = repo<RoleAssignment, 'personId' | 'committeeCode' | 'role'>('roles');
    this.incidents = repo<
      Incident,
      'reference' | 'committeeCode' | 'reporterId' | 'status' | 'reportedAt'
    >('incidents');
    this.incidentEvents = repo<IncidentEvent, 'reference'>('incidentEvents');
    this.completions = repo<Completion, 'personId' | 'moduleId' | 'committeeCode'>(
      'completions',
    );
    this.activities = repo<Activity, 'year'>('activities');
    this.activityStatuses = repo<ActivityStatus, 'year' | 'committeeCode' | 'activityId'>(
      'activityStatuses',
    );
    this.audit = repo<AuditEntry, 'recordKey' | 'at'>('audit');
  }

  static open(dataDir: string, clock: Clock = systemClock): SqliteStore {
    return new SqliteStore(openSqliteDatabase(path.join(dataDir, 'infosak.db')), clock);
  }

  static inMemory(clock: Clock = systemClock): SqliteStore {
    return new SqliteStore(openSqliteDatabase(':memory:'), clock);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
