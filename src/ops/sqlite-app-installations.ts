import type Database from 'better-sqlite3';
import type { AppInstallations, InstallRecord } from './operational-store';

/** One row a person: the latest installation attempt's outcome. `person` is the object id in lower case. */
export const APP_INSTALLATIONS_MIGRATION = `
  CREATE TABLE app_installations (
    person TEXT PRIMARY KEY,
    outcome TEXT NOT NULL,
    detail TEXT,
    at TEXT NOT NULL
  ) WITHOUT ROWID;
`;

export class SqliteAppInstallations implements AppInstallations {
  constructor(private readonly db: Database.Database) {}

  async get(personId: string): Promise<InstallRecord | undefined> {
    const row = this.db.prepare('SELECT outcome, detail, at FROM app_installations WHERE person = ?').get(personId.toLowerCase()) as
      | { outcome: InstallRecord['outcome']; detail: string | null; at: string }
      | undefined;
    return row && { personId, outcome: row.outcome, at: row.at, ...(row.detail ? { detail: row.detail } : {}) };
  }

  async record(r: InstallRecord): Promise<void> {
    this.db
      .prepare('INSERT INTO app_installations (person, outcome, detail, at) VALUES (?, ?, ?, ?) ON CONFLICT (person) DO UPDATE SET outcome = excluded.outcome, detail = excluded.detail, at = excluded.at')
      .run(r.personId.toLowerCase(), r.outcome, r.detail ?? null, r.at);
  }

  async counts(): Promise<Partial<Record<InstallRecord['outcome'], number>>> {
    const rows = this.db.prepare('SELECT outcome, count(*) AS n FROM app_installations GROUP BY outcome').all() as { outcome: InstallRecord['outcome']; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.outcome, r.n]));
  }
}
