import Database from 'better-sqlite3';
import path from 'node:path';
import { systemClock, type Clock } from '../../clock/clock';
import { listDefinition, type RepositoryName } from '../list-schema';
import { ListStore } from '../list-store';
import { migrate } from './migrations';
import { openPrivateDatabase } from './private-database';
import { SqliteListRepository } from './sqlite-list-repository';

/** A list's table: its repository name in snake_case (incidentEvents → incident_events), as the migrations create them. */
export function tableFor(repository: RepositoryName): string {
  return repository.replace(/[A-Z]/g, (upper) => `_${upper.toLowerCase()}`);
}

/** Opens (or creates) a SQLite database for the store and brings its schema up to date. */
export function openSqliteDatabase(file: string): Database.Database {
  const prepare = (db: Database.Database) => {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  };
  // A file on disk is the app's own (0600); a damaged or locked one is named in one line.
  return file === ':memory:' ? prepare(new Database(file)) : openPrivateDatabase(file, prepare);
}

/** The embedded default store: one SQLite file in DATA_DIR, the same contract as SharePoint. */
export class SqliteStore extends ListStore {
  readonly kind = 'sqlite' as const;

  constructor(
    private readonly db: Database.Database,
    clock: Clock = systemClock,
    /** SharePoint's list view threshold, applied as SharePoint applies it; tests may lower it. */
    listViewThreshold?: number,
  ) {
    super((name) => new SqliteListRepository(db, listDefinition(name), tableFor(name), clock, listViewThreshold));
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
