import type Database from 'better-sqlite3';
import type { Learner } from '../learning/campaign';
import { learnerOf, type StaffMember, type StaffSyncState } from '../organisation/staff';
import type { StaffRegister } from './operational-store';

/**
 * `person` is the object id in lower case (Entra ids are GUIDs, found without regard to case);
 * `committee` and `elected` are the learner the mapping made of the person, kept as columns so the
 * audiences and denominators are one indexed read.
 */
export const STAFF_MIGRATION = `
  CREATE TABLE staff (
    person TEXT PRIMARY KEY,
    person_id TEXT NOT NULL,
    display_name TEXT NOT NULL,
    email TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    attribute_value TEXT,
    group_ids TEXT NOT NULL,
    assignments TEXT NOT NULL,
    committee TEXT,
    elected INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX ix_staff_committee ON staff (committee, elected);
  CREATE TABLE staff_sync (id INTEGER PRIMARY KEY CHECK (id = 1), delta_link TEXT NOT NULL, synced_at TEXT NOT NULL, full_read_at TEXT NOT NULL, attribute TEXT NOT NULL);
`;

interface StaffRow {
  person_id: string;
  display_name: string;
  email: string;
  enabled: number;
  attribute_value: string | null;
  group_ids: string;
  assignments: string;
}

const memberOf = (r: StaffRow): StaffMember => ({
  personId: r.person_id,
  displayName: r.display_name,
  email: r.email,
  accountEnabled: r.enabled === 1,
  ...(r.attribute_value !== null ? { attributeValue: r.attribute_value } : {}),
  groupIds: JSON.parse(r.group_ids) as string[],
  assignments: JSON.parse(r.assignments) as StaffMember['assignments'],
});

export class SqliteStaffRegister implements StaffRegister {
  private readonly upsertRow: Database.Statement;
  private readonly deleteRow: Database.Statement;
  private readonly getRow: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.upsertRow = db.prepare(
      `INSERT INTO staff (person, person_id, display_name, email, enabled, attribute_value, group_ids, assignments, committee, elected)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (person) DO UPDATE SET person_id = excluded.person_id, display_name = excluded.display_name, email = excluded.email,
         enabled = excluded.enabled, attribute_value = excluded.attribute_value, group_ids = excluded.group_ids,
         assignments = excluded.assignments, committee = excluded.committee, elected = excluded.elected`,
    );
    this.deleteRow = db.prepare('DELETE FROM staff WHERE person = ?');
    this.getRow = db.prepare('SELECT * FROM staff WHERE person = ?');
  }

  async state(): Promise<StaffSyncState | undefined> {
    const row = this.db.prepare('SELECT delta_link, synced_at, full_read_at, attribute FROM staff_sync WHERE id = 1').get() as
      | { delta_link: string; synced_at: string; full_read_at: string; attribute: string }
      | undefined;
    return row && { deltaLink: row.delta_link, syncedAt: row.synced_at, fullReadAt: row.full_read_at, attribute: row.attribute };
  }

  async all(): Promise<StaffMember[]> {
    return (this.db.prepare('SELECT * FROM staff').all() as StaffRow[]).map(memberOf);
  }

  async get(personId: string): Promise<StaffMember | undefined> {
    const row = this.getRow.get(personId.toLowerCase()) as StaffRow | undefined;
    return row && memberOf(row);
  }

  async learners(): Promise<Learner[]> {
    const rows = this.db.prepare('SELECT person_id, committee, elected FROM staff WHERE committee IS NOT NULL').all() as { person_id: string; committee: string; elected: number }[];
    return rows.map((r) => ({ personId: r.person_id, committeeCode: r.committee, electedOfficial: r.elected === 1 }));
  }

  async unmapped(): Promise<{ value: string | undefined; count: number }[]> {
    const rows = this.db.prepare('SELECT attribute_value AS value, count(*) AS n FROM staff WHERE enabled = 1 AND committee IS NULL GROUP BY attribute_value ORDER BY n DESC').all() as { value: string | null; n: number }[];
    return rows.map((r) => ({ value: r.value ?? undefined, count: r.n }));
  }

  async clear(): Promise<void> {
    this.db.transaction(() => this.db.exec('DELETE FROM staff; DELETE FROM staff_sync;'))();
  }

  async save(change: { upsert: StaffMember[]; remove: string[]; state: StaffSyncState }): Promise<void> {
    this.db.transaction(() => {
      for (const m of change.upsert) {
        const learner = learnerOf(m);
        this.upsertRow.run(
          m.personId.toLowerCase(),
          m.personId,
          m.displayName,
          m.email,
          m.accountEnabled ? 1 : 0,
          m.attributeValue ?? null,
          JSON.stringify(m.groupIds),
          JSON.stringify(m.assignments),
          learner?.committeeCode ?? null,
          learner?.electedOfficial ? 1 : 0,
        );
      }
      for (const person of change.remove) this.deleteRow.run(person.toLowerCase());
      this.db
        .prepare(
          `INSERT INTO staff_sync (id, delta_link, synced_at, full_read_at, attribute) VALUES (1, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET delta_link = excluded.delta_link, synced_at = excluded.synced_at, full_read_at = excluded.full_read_at,
             attribute = excluded.attribute`,
        )
        .run(change.state.deltaLink, change.state.syncedAt, change.state.fullReadAt, change.state.attribute);
    })();
  }
}
