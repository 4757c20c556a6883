import type Database from 'better-sqlite3';

/**
 * Versioned schema migrations for the SQLite store, tracked in PRAGMA user_version.
 * Each list is a table of JSON items with an expression index per indexed column, the same
 * shape as a SharePoint list: queries can only use what is indexed. A migration is never edited
 * once released; add the next one instead.
 */
interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}

function createListTable(db: Database.Database, table: string, indexed: string[]): void {
  db.exec(`CREATE TABLE ${table} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_key TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL,
    data TEXT NOT NULL CHECK (json_valid(data))
  )`);
  for (const field of indexed) {
    db.exec(`CREATE INDEX ix_${table}_${field} ON ${table} (json_extract(data, '$.${field}'))`);
  }
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'Listor för nämnder, roller, incidenter, utbildning, handlingsplan och granskningslogg',
    up(db) {
      createListTable(db, 'committees', ['code']);
      createListTable(db, 'roles', ['personId', 'committeeCode', 'role']);
      createListTable(db, 'incidents', ['reference', 'committeeCode', 'reporterId', 'status', 'reportedAt']);
      createListTable(db, 'incident_events', ['reference']);
      createListTable(db, 'completions', ['personId', 'moduleId', 'committeeCode']);
      createListTable(db, 'activities', ['year']);
      createListTable(db, 'activity_statuses', ['year', 'activityId', 'committeeCode']);
      createListTable(db, 'audit', ['at', 'recordKey']);
    },
  },
  {
    version: 2,
    description: 'Lista för utbildningskampanjer',
    up(db) {
      createListTable(db, 'campaigns', ['moduleId', 'startDate', 'dueDate']);
    },
  },
];

/** Brings the database up to the newest version, one migration per transaction. Returns the versions applied. */
export function migrate(db: Database.Database): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}
