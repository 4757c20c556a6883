import type Database from 'better-sqlite3';
import type { LearnerTally, PassedPair, PassedTally, PersonGroup, TrainingTallies } from '../learning/training-tally';
import type { IncidentSummary, IncidentTallyRow } from '../status/incident-tally';
import type { StatusTallies } from './operational-store';

/**
 * `noted` is a number from tallies_sequence, taken in the same transaction as the write it marks:
 * of a running note and a recount, the later one wins, whatever the app's clock says.
 */
export const STATUS_TALLIES_MIGRATION = `
  CREATE TABLE tallies_sequence (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
  INSERT INTO tallies_sequence (id, n) VALUES (1, 0);
  CREATE TABLE tallies_recounted (kind TEXT PRIMARY KEY, noted INTEGER NOT NULL);
  CREATE TABLE training_people (
    person TEXT PRIMARY KEY,
    committee TEXT NOT NULL,
    elected INTEGER NOT NULL,
    noted INTEGER NOT NULL
  ) WITHOUT ROWID;
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
    noted INTEGER NOT NULL,
    PRIMARY KEY (person, module)
  ) WITHOUT ROWID;
  CREATE INDEX ix_training_passed_noted ON training_passed (noted);
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
    deleted INTEGER NOT NULL DEFAULT 0,
    noted INTEGER NOT NULL
  );
  CREATE INDEX ix_incident_summaries_year ON incident_summaries (year, deleted, committee, quarter, category, kind, open);
  CREATE INDEX ix_incident_summaries_noted ON incident_summaries (noted);
`;

/** Rows written per transaction in a recount, with a turn for the event loop between them. */
const RECOUNT_BATCH = 2_000;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const bit = (b: boolean) => (b ? 1 : 0);

/** The status figures' counts in the operational SQLite file. */
export class SqliteStatusTallies implements StatusTallies {
  private readonly next: Database.Statement;
  private readonly personRow: Database.Statement;
  private readonly upsertPerson: Database.Statement;
  private readonly deletePerson: Database.Statement;
  private readonly addLearners: Database.Statement;
  private readonly pairsOf: Database.Statement;
  private readonly movePairs: Database.Statement;
  private readonly insertPass: Database.Statement;
  private readonly addPassed: Database.Statement;
  private readonly recountPerson: Database.Statement;
  private readonly recountPass: Database.Statement;
  private readonly upsertIncident: Database.Statement;
  private readonly recountIncident: Database.Statement;
  private readonly recounted: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.next = db.prepare('UPDATE tallies_sequence SET n = n + 1 WHERE id = 1 RETURNING n').pluck();
    this.personRow = db.prepare('SELECT committee, elected FROM training_people WHERE person = ?');
    this.upsertPerson = db.prepare(
      `INSERT INTO training_people (person, committee, elected, noted) VALUES (?, ?, ?, ?)
       ON CONFLICT (person) DO UPDATE SET committee = excluded.committee, elected = excluded.elected, noted = excluded.noted`,
    );
    this.deletePerson = db.prepare('DELETE FROM training_people WHERE person = ?');
    this.addLearners = db.prepare(
      `INSERT INTO training_learners (committee, elected, learners) VALUES (?, ?, ?)
       ON CONFLICT (committee, elected) DO UPDATE SET learners = learners + excluded.learners`,
    );
    this.pairsOf = db.prepare('SELECT module, committee, elected FROM training_passed WHERE person = ?');
    this.movePairs = db.prepare('UPDATE training_passed SET committee = ?, elected = ?, noted = ? WHERE person = ?');
    this.insertPass = db.prepare('INSERT INTO training_passed (person, module, committee, elected, noted) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
    this.addPassed = db.prepare(
      `INSERT INTO training_passed_counts (committee, elected, module, passed) VALUES (?, ?, ?, ?)
       ON CONFLICT (committee, elected, module) DO UPDATE SET passed = passed + excluded.passed`,
    );
    // A recount's row replaces one noted before the recount began, never one noted after it.
    this.recountPerson = db.prepare(
      `INSERT INTO training_people (person, committee, elected, noted) VALUES (?, ?, ?, ?)
       ON CONFLICT (person) DO UPDATE SET committee = excluded.committee, elected = excluded.elected, noted = excluded.noted
       WHERE training_people.noted < excluded.noted`,
    );
    this.recountPass = db.prepare(
      `INSERT INTO training_passed (person, module, committee, elected, noted) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (person, module) DO UPDATE SET committee = excluded.committee, elected = excluded.elected, noted = excluded.noted
       WHERE training_passed.noted < excluded.noted`,
    );
    this.upsertIncident = db.prepare(
      `INSERT INTO incident_summaries (item_id, year, quarter, committee, category, kind, open, deleted, noted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (item_id) DO UPDATE SET year = excluded.year, quarter = excluded.quarter, committee = excluded.committee,
         category = excluded.category, kind = excluded.kind, open = excluded.open, deleted = excluded.deleted, noted = excluded.noted`,
    );
    this.recountIncident = db.prepare(
      `INSERT INTO incident_summaries (item_id, year, quarter, committee, category, kind, open, deleted, noted) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)
       ON CONFLICT (item_id) DO UPDATE SET year = excluded.year, quarter = excluded.quarter, committee = excluded.committee,
         category = excluded.category, kind = excluded.kind, open = excluded.open, deleted = 0, noted = excluded.noted
       WHERE incident_summaries.noted < excluded.noted`,
    );
    this.recounted = db.prepare('SELECT noted FROM tallies_recounted WHERE kind = ?');
  }

  async training(): Promise<TrainingTallies | undefined> {
    if (this.recounted.get('training') === undefined) return undefined;
    const learners = this.db.prepare('SELECT committee, elected, learners FROM training_learners WHERE learners > 0').all() as { committee: string; elected: number; learners: number }[];
    const passed = this.db.prepare('SELECT committee, elected, module, passed FROM training_passed_counts WHERE passed > 0').all() as { committee: string; elected: number; module: string; passed: number }[];
    return {
      learners: learners.map((r): LearnerTally => ({ committeeCode: r.committee, electedOfficial: r.elected === 1, learners: r.learners })),
      passed: passed.map((r): PassedTally => ({ committeeCode: r.committee, electedOfficial: r.elected === 1, moduleId: r.module, passed: r.passed })),
    };
  }

  async recordPass(pair: PassedPair): Promise<boolean> {
    // The person's group, the pair and its count in one transaction: a repeated or concurrent pass counts once.
    return this.db.transaction(() => {
      const noted = this.next.get() as number;
      this.placePerson(pair, noted);
      const first = this.insertPass.run(pair.personId, pair.moduleId, pair.committeeCode, bit(pair.electedOfficial), noted).changes === 1;
      if (first) this.addPassed.run(pair.committeeCode, bit(pair.electedOfficial), pair.moduleId, 1);
      return first;
    })();
  }

  /**
   * Puts a person in the group the roles give them now: someone hired since the last recount is
   * expected from now on (so a committee never shows more done than expected), someone moved takes
   * their passes along, someone gone (no longer staff) leaves the figures with them.
   */
  private placePerson(group: PersonGroup, noted: number): void {
    const now = { committee: group.committeeCode, elected: bit(group.electedOfficial) };
    const was = this.personRow.get(group.personId) as { committee: string; elected: number } | undefined;
    const learner = group.committeeCode !== NOT_A_LEARNER;
    if (was && was.committee === now.committee && was.elected === now.elected) return;
    if (was) this.addLearners.run(was.committee, was.elected, -1);
    if (learner) {
      this.addLearners.run(now.committee, now.elected, 1);
      this.upsertPerson.run(group.personId, now.committee, now.elected, noted);
    } else if (was) {
      this.deletePerson.run(group.personId);
    }
    if (!was && !learner) return;
    for (const p of this.pairsOf.all(group.personId) as { module: string; committee: string; elected: number }[]) {
      this.addPassed.run(p.committee, p.elected, p.module, -1);
      this.addPassed.run(now.committee, now.elected, p.module, 1);
    }
    this.movePairs.run(now.committee, now.elected, noted, group.personId);
  }

  async beginRecount(): Promise<number> {
    return this.next.get() as number;
  }

  async recountTraining(people: PersonGroup[], pairs: PassedPair[], since: number): Promise<void> {
    for (let i = 0; i < people.length; i += RECOUNT_BATCH) {
      this.db.transaction(() => {
        for (const p of people.slice(i, i + RECOUNT_BATCH)) this.recountPerson.run(p.personId, p.committeeCode, bit(p.electedOfficial), since);
      })();
      await turn();
    }
    for (let i = 0; i < pairs.length; i += RECOUNT_BATCH) {
      this.db.transaction(() => {
        for (const p of pairs.slice(i, i + RECOUNT_BATCH)) this.recountPass.run(p.personId, p.moduleId, p.committeeCode, bit(p.electedOfficial), since);
      })();
      await turn();
    }
    this.db.transaction(() => {
      // Untouched by the recount and noted before it: gone from the records (a completion removed, someone no longer staff).
      this.db.prepare('DELETE FROM training_people WHERE noted < ?').run(since);
      this.db.prepare('DELETE FROM training_passed WHERE noted < ?').run(since);
      this.db.exec(`DELETE FROM training_learners;
        INSERT INTO training_learners (committee, elected, learners) SELECT committee, elected, count(*) FROM training_people GROUP BY committee, elected;
        DELETE FROM training_passed_counts;
        INSERT INTO training_passed_counts (committee, elected, module, passed)
          SELECT committee, elected, module, count(*) FROM training_passed GROUP BY committee, elected, module;`);
      this.db.prepare("INSERT INTO tallies_recounted (kind, noted) VALUES ('training', ?) ON CONFLICT (kind) DO UPDATE SET noted = excluded.noted").run(since);
    })();
  }

  async incidents(year: number): Promise<IncidentTallyRow[] | undefined> {
    if (this.recounted.get('incidents') === undefined) return undefined;
    const rows = this.db
      .prepare('SELECT committee, quarter, category, kind, open, count(*) AS n FROM incident_summaries WHERE year = ? AND deleted = 0 GROUP BY committee, quarter, category, kind, open')
      .all(year) as { committee: string; quarter: 1 | 2 | 3 | 4; category: string; kind: IncidentTallyRow['kind']; open: number; n: number }[];
    return rows.map((r) => ({ committeeCode: r.committee, quarter: r.quarter, category: r.category, kind: r.kind, open: r.open === 1, count: r.n }));
  }

  async noteIncident(itemId: string, s: IncidentSummary): Promise<void> {
    this.db.transaction(() => this.upsertIncident.run(itemId, s.year, s.quarter, s.committeeCode, s.category, s.kind, bit(s.open), 0, this.next.get()))();
  }

  async forgetIncident(itemId: string): Promise<void> {
    // Kept as removed until the next recount: a recount that read the incident before it went must not bring it back.
    this.db.transaction(() => this.db.prepare('UPDATE incident_summaries SET deleted = 1, noted = ? WHERE item_id = ?').run(this.next.get(), itemId))();
  }

  async recountIncidents(incidents: { itemId: string; summary: IncidentSummary }[], since: number): Promise<void> {
    for (let i = 0; i < incidents.length; i += RECOUNT_BATCH) {
      this.db.transaction(() => {
        for (const { itemId, summary: s } of incidents.slice(i, i + RECOUNT_BATCH)) {
          this.recountIncident.run(itemId, s.year, s.quarter, s.committeeCode, s.category, s.kind, bit(s.open), since);
        }
      })();
      await turn();
    }
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM incident_summaries WHERE noted < ?').run(since);
      this.db.prepare("INSERT INTO tallies_recounted (kind, noted) VALUES ('incidents', ?) ON CONFLICT (kind) DO UPDATE SET noted = excluded.noted").run(since);
    })();
  }
}

/** The group of someone the roles list does not hold as staff or elected (record-completion's NO_COMMITTEE). */
const NOT_A_LEARNER = '-';
