import type Database from 'better-sqlite3';
import type { LearnerTally, PassedPair, PassedTally, TrainingTallies } from '../learning/training-tally';
import type { IncidentSummary, IncidentTallyRow } from '../status/incident-tally';
import type { StatusTallies } from './operational-store';

export const STATUS_TALLIES_MIGRATION = `
  CREATE TABLE tallies_recounted (kind TEXT PRIMARY KEY, at TEXT NOT NULL);
  CREATE TABLE training_learners (
    committee TEXT NOT NULL,
    elected INTEGER NOT NULL,
    learners INTEGER NOT NULL,
    PRIMARY KEY (committee, elected)
  );
  CREATE TABLE training_passed (
    person TEXT NOT NULL,
    module TEXT NOT NULL,
    committee TEXT NOT NULL,
    elected INTEGER NOT NULL,
    noted_at TEXT NOT NULL,
    PRIMARY KEY (person, module)
  ) WITHOUT ROWID;
  CREATE TABLE training_passed_counts (
    committee TEXT NOT NULL,
    elected INTEGER NOT NULL,
    module TEXT NOT NULL,
    passed INTEGER NOT NULL,
    PRIMARY KEY (committee, elected, module)
  );
  CREATE TABLE incident_summaries (
    item_id TEXT PRIMARY KEY,
    year INTEGER NOT NULL,
    quarter INTEGER NOT NULL,
    committee TEXT NOT NULL,
    category TEXT NOT NULL,
    kind TEXT NOT NULL,
    open INTEGER NOT NULL,
    noted_at TEXT NOT NULL
  );
  CREATE INDEX ix_incident_summaries_year ON incident_summaries (year, committee, quarter, category, kind, open);
`;

/** Rows written per transaction in a recount, with a turn for the event loop between them. */
const RECOUNT_BATCH = 2_000;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The status figures' counts in the operational SQLite file. */
export class SqliteStatusTallies implements StatusTallies {
  private readonly insertPass: Database.Statement;
  private readonly countPass: Database.Statement;
  private readonly upsertPass: Database.Statement;
  private readonly upsertIncident: Database.Statement;
  private readonly recountedAt: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insertPass = db.prepare('INSERT INTO training_passed (person, module, committee, elected, noted_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
    this.countPass = db.prepare(
      `INSERT INTO training_passed_counts (committee, elected, module, passed) VALUES (?, ?, ?, 1)
       ON CONFLICT (committee, elected, module) DO UPDATE SET passed = passed + 1`,
    );
    // A recount's row replaces an older one, never one noted after the recount began.
    this.upsertPass = db.prepare(
      `INSERT INTO training_passed (person, module, committee, elected, noted_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (person, module) DO UPDATE SET committee = excluded.committee, elected = excluded.elected, noted_at = excluded.noted_at
       WHERE training_passed.noted_at <= excluded.noted_at`,
    );
    this.upsertIncident = db.prepare(
      `INSERT INTO incident_summaries (item_id, year, quarter, committee, category, kind, open, noted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (item_id) DO UPDATE SET year = excluded.year, quarter = excluded.quarter, committee = excluded.committee,
         category = excluded.category, kind = excluded.kind, open = excluded.open, noted_at = excluded.noted_at
       WHERE incident_summaries.noted_at <= excluded.noted_at`,
    );
    this.recountedAt = db.prepare('SELECT at FROM tallies_recounted WHERE kind = ?');
  }

  private recounted(kind: 'training' | 'incidents'): boolean {
    return this.recountedAt.get(kind) !== undefined;
  }

  async training(): Promise<TrainingTallies | undefined> {
    if (!this.recounted('training')) return undefined;
    const learners = this.db.prepare('SELECT committee, elected, learners FROM training_learners').all() as { committee: string; elected: number; learners: number }[];
    const passed = this.db.prepare('SELECT committee, elected, module, passed FROM training_passed_counts').all() as { committee: string; elected: number; module: string; passed: number }[];
    return {
      learners: learners.map((r): LearnerTally => ({ committeeCode: r.committee, electedOfficial: r.elected === 1, learners: r.learners })),
      passed: passed.map((r): PassedTally => ({ committeeCode: r.committee, electedOfficial: r.elected === 1, moduleId: r.module, passed: r.passed })),
    };
  }

  async recordPass(pair: PassedPair, at: string): Promise<boolean> {
    // The pair and its count in one transaction: a repeated or concurrent pass of the same module counts once.
    return this.db.transaction(() => {
      const first = this.insertPass.run(pair.personId, pair.moduleId, pair.committeeCode, pair.electedOfficial ? 1 : 0, at).changes === 1;
      if (first) this.countPass.run(pair.committeeCode, pair.electedOfficial ? 1 : 0, pair.moduleId);
      return first;
    })();
  }

  async recountTraining(learners: LearnerTally[], pairs: PassedPair[], since: string): Promise<void> {
    for (let i = 0; i < pairs.length; i += RECOUNT_BATCH) {
      this.db.transaction(() => {
        for (const p of pairs.slice(i, i + RECOUNT_BATCH)) this.upsertPass.run(p.personId, p.moduleId, p.committeeCode, p.electedOfficial ? 1 : 0, since);
      })();
      await turn();
    }
    this.db.transaction(() => {
      // Untouched by the recount and older than it: the completion is gone from the records.
      this.db.prepare('DELETE FROM training_passed WHERE noted_at < ?').run(since);
      this.db.exec('DELETE FROM training_learners');
      const insert = this.db.prepare('INSERT INTO training_learners (committee, elected, learners) VALUES (?, ?, ?)');
      for (const l of learners) insert.run(l.committeeCode, l.electedOfficial ? 1 : 0, l.learners);
      this.db.exec(`DELETE FROM training_passed_counts;
        INSERT INTO training_passed_counts (committee, elected, module, passed)
          SELECT committee, elected, module, count(*) FROM training_passed GROUP BY committee, elected, module;`);
      this.db.prepare("INSERT INTO tallies_recounted (kind, at) VALUES ('training', ?) ON CONFLICT (kind) DO UPDATE SET at = excluded.at").run(since);
    })();
  }

  async incidents(year: number): Promise<IncidentTallyRow[] | undefined> {
    if (!this.recounted('incidents')) return undefined;
    const rows = this.db
      .prepare('SELECT committee, quarter, category, kind, open, count(*) AS n FROM incident_summaries WHERE year = ? GROUP BY committee, quarter, category, kind, open')
      .all(year) as { committee: string; quarter: 1 | 2 | 3 | 4; category: string; kind: IncidentTallyRow['kind']; open: number; n: number }[];
    return rows.map((r) => ({ committeeCode: r.committee, quarter: r.quarter, category: r.category, kind: r.kind, open: r.open === 1, count: r.n }));
  }

  async noteIncident(itemId: string, s: IncidentSummary, at: string): Promise<void> {
    this.upsertIncident.run(itemId, s.year, s.quarter, s.committeeCode, s.category, s.kind, s.open ? 1 : 0, at);
  }

  async forgetIncident(itemId: string): Promise<void> {
    this.db.prepare('DELETE FROM incident_summaries WHERE item_id = ?').run(itemId);
  }

  async recountIncidents(incidents: { itemId: string; summary: IncidentSummary }[], since: string): Promise<void> {
    for (let i = 0; i < incidents.length; i += RECOUNT_BATCH) {
      this.db.transaction(() => {
        for (const { itemId, summary: s } of incidents.slice(i, i + RECOUNT_BATCH)) {
          this.upsertIncident.run(itemId, s.year, s.quarter, s.committeeCode, s.category, s.kind, s.open ? 1 : 0, since);
        }
      })();
      await turn();
    }
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM incident_summaries WHERE noted_at < ?').run(since);
      this.db.prepare("INSERT INTO tallies_recounted (kind, at) VALUES ('incidents', ?) ON CONFLICT (kind) DO UPDATE SET at = excluded.at").run(since);
    })();
  }
}
