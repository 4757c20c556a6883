import type Database from 'better-sqlite3';
import type { LearnerTally, PassedMonthTally, PassedPair, PassedTally, PersonGroup, TrainingTallies } from '../learning/training-tally';
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
  CREATE TABLE tallies_recount (id INTEGER PRIMARY KEY CHECK (id = 1), begun INTEGER NOT NULL);
  INSERT INTO tallies_recount (id, begun) VALUES (1, 0);
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

/**
 * Each pass keeps the month it was first made in (the training figures month by month). Rows from
 * before get "" and the tallies count as never recounted, so the next read recounts them with months.
 */
export const TRAINING_MONTHS_MIGRATION = `
  ALTER TABLE training_passed ADD COLUMN month TEXT NOT NULL DEFAULT '';
  CREATE INDEX ix_training_passed_month ON training_passed (committee, elected, module, month);
  DELETE FROM tallies_recounted WHERE kind = 'training';
`;

/**
 * Each pass keeps when its latest retake was made, for campaigns that leave out recent passes.
 * Rows from before get "" (a pass long ago) and the tallies count as never recounted, so the next
 * read recounts them with the dates.
 */
export const TRAINING_LAST_PASS_MIGRATION = `
  ALTER TABLE training_passed ADD COLUMN last_at TEXT NOT NULL DEFAULT '';
  DELETE FROM tallies_recounted WHERE kind = 'training';
`;

/** Rows written per transaction in a recount, with a turn for the event loop between them. */
const RECOUNT_BATCH = 2_000;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const bit = (b: boolean) => (b ? 1 : 0);

/** The status figures' counts in the operational SQLite file. */
/**
 * Learners and passes of those the bot can write to, starting from the people with a personal
 * chat (read off the conversations' (person_id, conversation_type) index, each person once) and
 * joined to their group and passes by person: the cost follows those reached, and the join is a
 * plain equality because ids are kept in lower case on both sides (lower() would force a scan).
 */
const REACHED = `(SELECT DISTINCT person_id FROM conversations WHERE conversation_type = 'personal' AND person_id IS NOT NULL) c`;
export const REACHABLE_LEARNERS_SQL = `SELECT p.committee, p.elected, count(*) AS learners FROM ${REACHED} JOIN training_people p ON p.person = c.person_id WHERE p.committee <> '-' GROUP BY p.committee, p.elected`;
export const REACHABLE_PASSED_SQL = `SELECT t.committee, t.elected, t.module, count(*) AS passed FROM ${REACHED} JOIN training_passed t ON t.person = c.person_id WHERE t.committee <> '-' GROUP BY t.committee, t.elected, t.module`;

/** How long the "of those reached" tallies are kept before they are counted again. */
export const REACHED_KEEP_MS = 5 * 60_000;

const learnerTallies = (rows: unknown[]) =>
  (rows as { committee: string; elected: number; learners: number }[]).map((r): LearnerTally => ({ committeeCode: r.committee, electedOfficial: r.elected === 1, learners: r.learners }));
const passedTallies = (rows: unknown[]) =>
  (rows as { committee: string; elected: number; module: string; passed: number }[]).map((r): PassedTally => ({ committeeCode: r.committee, electedOfficial: r.elected === 1, moduleId: r.module, passed: r.passed }));

export class SqliteStatusTallies implements StatusTallies {
  private readonly next: Database.Statement;
  private readonly personRow: Database.Statement;
  private readonly upsertPerson: Database.Statement;
  private readonly addLearners: Database.Statement;
  private readonly strayPairsOf: Database.Statement;
  private readonly pairRow: Database.Statement;
  private readonly personNoted: Database.Statement;
  private readonly recountBegun: Database.Statement;
  private readonly movePairs: Database.Statement;
  private readonly insertPass: Database.Statement;
  private readonly laterPass: Database.Statement;
  private readonly addPassed: Database.Statement;
  private readonly recountPerson: Database.Statement;
  private readonly recountPass: Database.Statement;
  private readonly passedOf: Database.Statement;
  private readonly passedMonthRows: Database.Statement;
  private readonly upsertIncident: Database.Statement;
  private readonly recountIncident: Database.Statement;
  private readonly recounted: Database.Statement;
  private readonly markRecounted: Database.Statement;
  private readonly learnerRows: Database.Statement;
  private readonly passedRows: Database.Statement;
  private readonly reachableRows: Database.Statement;
  private readonly reachablePassedRows: Database.Statement;
  private reached: { at: number; tallies: NonNullable<TrainingTallies['reachable']> } | undefined;
  private readonly incidentRows: Database.Statement;
  private readonly removeIncident: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.next = db.prepare('UPDATE tallies_sequence SET n = n + 1 WHERE id = 1 RETURNING n').pluck();
    this.personRow = db.prepare('SELECT committee, elected FROM training_people WHERE person = ?');
    this.upsertPerson = db.prepare(
      `INSERT INTO training_people (person, committee, elected, noted) VALUES (?, ?, ?, ?)
       ON CONFLICT (person) DO UPDATE SET committee = excluded.committee, elected = excluded.elected, noted = excluded.noted`,
    );
    this.addLearners = db.prepare(
      `INSERT INTO training_learners (committee, elected, learners) VALUES (?, ?, ?)
       ON CONFLICT (committee, elected) DO UPDATE SET learners = learners + excluded.learners`,
    );
    this.strayPairsOf = db.prepare('SELECT module, committee, elected FROM training_passed WHERE person = ? AND (committee <> ? OR elected <> ?)');
    this.movePairs = db.prepare('UPDATE training_passed SET committee = ?, elected = ?, noted = ? WHERE person = ? AND (committee <> ? OR elected <> ?)');
    // Read from the index on (committee, elected, module, month) alone: a few hundred groups from 250,000 passes.
    this.passedMonthRows = db.prepare(
      "SELECT committee, elected, module, month, count(*) AS passed FROM training_passed WHERE committee <> '-' GROUP BY committee, elected, module, month",
    );
    this.passedOf = db.prepare('SELECT person FROM training_passed WHERE module = ? AND last_at >= ? AND person IN (SELECT value FROM json_each(?))').pluck();
    // A retake is as new as the note: a recount that read the completions before it leaves it alone.
    this.laterPass = db.prepare('UPDATE training_passed SET last_at = ?, noted = max(noted, ?) WHERE person = ? AND module = ? AND last_at < ?');
    this.pairRow = db.prepare('SELECT committee, elected, noted FROM training_passed WHERE person = ? AND module = ?');
    this.personNoted = db.prepare('SELECT committee, elected, noted FROM training_people WHERE person = ?');
    this.recountBegun = db.prepare('SELECT begun FROM tallies_recount WHERE id = 1').pluck();
    this.insertPass = db.prepare('INSERT INTO training_passed (person, module, committee, elected, noted, month, last_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
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
      `INSERT INTO training_passed (person, module, committee, elected, noted, month, last_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (person, module) DO UPDATE SET committee = excluded.committee, elected = excluded.elected, noted = excluded.noted, month = excluded.month, last_at = excluded.last_at
       WHERE training_passed.noted < excluded.noted`,
    );
    // An item id is never used again (SQLite AUTOINCREMENT, SharePoint item ids): a note arriving after the removal is late, not new.
    this.upsertIncident = db.prepare(
      `INSERT INTO incident_summaries (item_id, year, quarter, committee, category, kind, open, deleted, noted) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)
       ON CONFLICT (item_id) DO UPDATE SET year = excluded.year, quarter = excluded.quarter, committee = excluded.committee,
         category = excluded.category, kind = excluded.kind, open = excluded.open, noted = excluded.noted
       WHERE incident_summaries.deleted = 0`,
    );
    this.recountIncident = db.prepare(
      `INSERT INTO incident_summaries (item_id, year, quarter, committee, category, kind, open, deleted, noted) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)
       ON CONFLICT (item_id) DO UPDATE SET year = excluded.year, quarter = excluded.quarter, committee = excluded.committee,
         category = excluded.category, kind = excluded.kind, open = excluded.open, deleted = 0, noted = excluded.noted
       WHERE incident_summaries.noted < excluded.noted`,
    );
    this.recounted = db.prepare('SELECT noted FROM tallies_recounted WHERE kind = ?');
    this.markRecounted = db.prepare('INSERT INTO tallies_recounted (kind, noted) VALUES (?, ?) ON CONFLICT (kind) DO UPDATE SET noted = excluded.noted');
    // Read at every status view: prepared once.
    this.learnerRows = db.prepare("SELECT committee, elected, learners FROM training_learners WHERE learners > 0 AND committee <> '-'");
    this.passedRows = db.prepare('SELECT committee, elected, module, passed FROM training_passed_counts WHERE passed > 0');
    this.reachableRows = db.prepare(REACHABLE_LEARNERS_SQL);
    this.reachablePassedRows = db.prepare(REACHABLE_PASSED_SQL);
    this.incidentRows = db.prepare(
      'SELECT committee, quarter, category, kind, open, count(*) AS n FROM incident_summaries WHERE year = ? AND deleted = 0 GROUP BY committee, quarter, category, kind, open',
    );
    // Kept as removed until the next recount (also when it was never noted): a recount that read the incident before it went must not bring it back.
    this.removeIncident = db.prepare(
      `INSERT INTO incident_summaries (item_id, year, quarter, committee, category, kind, open, deleted, noted) VALUES (?, 0, 0, '', '', 'incident', 0, 1, ?)
       ON CONFLICT (item_id) DO UPDATE SET deleted = 1, noted = excluded.noted`,
    );
  }

  /** The group '-' holds people who are not (or no longer) staff: kept as markers, never counted as learners. */
  async training(): Promise<TrainingTallies | undefined> {
    if (this.recounted.get('training') === undefined) return undefined;
    return {
      learners: learnerTallies(this.learnerRows.all()),
      passed: passedTallies(this.passedRows.all()),
      reachable: this.reachableTallies(),
    };
  }

  /**
   * "Of those reached" is kept for REACHED_KEEP_MS: it counts every reached person's passes (about
   * 90 ms with 40,000 people in chats and 200,000 passes), and who has a chat changes slowly; the
   * share of all staff beside it is read fresh each time. A recount reads it anew.
   */
  private reachableTallies(): NonNullable<TrainingTallies['reachable']> {
    const now = Date.now();
    if (!this.reached || now - this.reached.at > REACHED_KEEP_MS) {
      this.reached = { at: now, tallies: { learners: learnerTallies(this.reachableRows.all()), passed: passedTallies(this.reachablePassedRows.all()) } };
    }
    return this.reached.tallies;
  }

  async recordPass(pair: PassedPair): Promise<boolean> {
    // The person's group, the pair and its count in one transaction: a repeated or concurrent pass counts once.
    return this.db.transaction(() => {
      const noted = this.next.get() as number;
      this.placePerson(pair, noted);
      const first = this.insertPass.run(pair.personId, pair.moduleId, pair.committeeCode, bit(pair.electedOfficial), noted, pair.month, pair.lastAt).changes === 1;
      if (first) this.addPassed.run(pair.committeeCode, bit(pair.electedOfficial), pair.moduleId, 1);
      else this.laterPass.run(pair.lastAt, noted, pair.personId, pair.moduleId, pair.lastAt);
      return first;
    })();
  }

  /**
   * Puts a person in the group the roles give them now: someone hired since the last recount is
   * expected from now on (so a committee never shows more done than expected), someone moved takes
   * their passes along, someone gone (no longer staff) leaves the figures with them. Someone who is
   * not a learner stays as a row in the group '-' (record-completion's NO_COMMITTEE), which no committee's figures read: it
   * marks them as gone, so a recount that read the roles before they left does not bring them back.
   */
  private placePerson(group: PersonGroup, noted: number): void {
    const now = { committee: group.committeeCode, elected: bit(group.electedOfficial) };
    const was = this.personRow.get(group.personId) as { committee: string; elected: number } | undefined;
    if (!was || was.committee !== now.committee || was.elected !== now.elected) {
      if (was) this.addLearners.run(was.committee, was.elected, -1);
      this.addLearners.run(now.committee, now.elected, 1);
      this.upsertPerson.run(group.personId, now.committee, now.elected, noted);
    }
    // Passes counted in another group (the person moved, or a recount read them before) join the person.
    for (const p of this.strayPairsOf.all(group.personId, now.committee, now.elected) as { module: string; committee: string; elected: number }[]) {
      this.addPassed.run(p.committee, p.elected, p.module, -1);
      this.addPassed.run(now.committee, now.elected, p.module, 1);
    }
    this.movePairs.run(now.committee, now.elected, noted, group.personId, now.committee, now.elected);
  }

  async passedByMonth(): Promise<PassedMonthTally[]> {
    const rows = this.passedMonthRows.all() as { committee: string; elected: number; module: string; month: string; passed: number }[];
    return rows.map((r) => ({ committeeCode: r.committee, electedOfficial: r.elected === 1, moduleId: r.module, month: r.month, passed: r.passed }));
  }

  async passedAmong(moduleId: string, personIds: readonly string[], since = ''): Promise<boolean[]> {
    const passed = new Set(this.passedOf.all(moduleId, since, JSON.stringify(personIds)) as string[]);
    return personIds.map((p) => passed.has(p));
  }

  async beginRecount(): Promise<number> {
    // The newest recount is the one that counts: an older one still running (the nightly job while
    // `npm run job` recounts, or two processes on one ops.db) stops at its next batch.
    return this.db.transaction(() => {
      const since = this.next.get() as number;
      this.db.prepare('UPDATE tallies_recount SET begun = ? WHERE id = 1').run(since);
      return since;
    })();
  }

  /** Runs a recount's write if it is still the newest recount; otherwise stops it. */
  private asRecount<T>(since: number, write: () => T): T {
    return this.db.transaction(() => {
      if (this.recountBegun.get() !== since) throw new RecountSupersededError();
      return write();
    })();
  }

  async recountTraining(people: PersonGroup[], pairs: PassedPair[], since: number): Promise<void> {
    this.reached = undefined;
    // The counts are kept right batch by batch, so a recount stopped half-way leaves them consistent.
    for (let i = 0; i < people.length; i += RECOUNT_BATCH) {
      this.asRecount(since, () => {
        for (const p of people.slice(i, i + RECOUNT_BATCH)) {
          const was = this.personNoted.get(p.personId) as { committee: string; elected: number; noted: number } | undefined;
          if (was && was.noted >= since) continue; // noted after the recount began: newer than what it read
          if (!was || was.committee !== p.committeeCode || was.elected !== bit(p.electedOfficial)) {
            if (was) this.addLearners.run(was.committee, was.elected, -1);
            this.addLearners.run(p.committeeCode, bit(p.electedOfficial), 1);
          }
          this.recountPerson.run(p.personId, p.committeeCode, bit(p.electedOfficial), since);
        }
      });
      await turn();
    }
    for (let i = 0; i < pairs.length; i += RECOUNT_BATCH) {
      this.asRecount(since, () => {
        for (const p of pairs.slice(i, i + RECOUNT_BATCH)) {
          const was = this.pairRow.get(p.personId, p.moduleId) as { committee: string; elected: number; noted: number } | undefined;
          if (was && was.noted >= since) continue;
          if (!was || was.committee !== p.committeeCode || was.elected !== bit(p.electedOfficial)) {
            if (was) this.addPassed.run(was.committee, was.elected, p.moduleId, -1);
            this.addPassed.run(p.committeeCode, bit(p.electedOfficial), p.moduleId, 1);
          }
          this.recountPass.run(p.personId, p.moduleId, p.committeeCode, bit(p.electedOfficial), since, p.month, p.lastAt);
        }
      });
      await turn();
    }
    this.asRecount(since, () => {
      // Untouched by the recount and noted before it: gone from the records (a completion removed, someone no longer staff).
      for (const gone of this.db.prepare('DELETE FROM training_people WHERE noted < ? RETURNING committee, elected').all(since) as { committee: string; elected: number }[]) {
        this.addLearners.run(gone.committee, gone.elected, -1);
      }
      for (const gone of this.db.prepare('DELETE FROM training_passed WHERE noted < ? RETURNING committee, elected, module').all(since) as { committee: string; elected: number; module: string }[]) {
        this.addPassed.run(gone.committee, gone.elected, gone.module, -1);
      }
      this.db.exec('DELETE FROM training_learners WHERE learners = 0; DELETE FROM training_passed_counts WHERE passed = 0;');
      this.markRecounted.run('training', since);
    });
  }

  async incidents(year: number): Promise<IncidentTallyRow[] | undefined> {
    if (this.recounted.get('incidents') === undefined) return undefined;
    const rows = this.incidentRows.all(year) as { committee: string; quarter: 1 | 2 | 3 | 4; category: string; kind: IncidentTallyRow['kind']; open: number; n: number }[];
    return rows.map((r) => ({ committeeCode: r.committee, quarter: r.quarter, category: r.category, kind: r.kind, open: r.open === 1, count: r.n }));
  }

  async noteIncident(itemId: string, s: IncidentSummary): Promise<void> {
    this.db.transaction(() => this.upsertIncident.run(itemId, s.year, s.quarter, s.committeeCode, s.category, s.kind, bit(s.open), this.next.get()))();
  }

  async forgetIncident(itemId: string): Promise<void> {
    this.db.transaction(() => this.removeIncident.run(itemId, this.next.get()))();
  }

  async recountIncidents(incidents: { itemId: string; summary: IncidentSummary }[], since: number): Promise<void> {
    for (let i = 0; i < incidents.length; i += RECOUNT_BATCH) {
      this.asRecount(since, () => {
        for (const { itemId, summary: s } of incidents.slice(i, i + RECOUNT_BATCH)) {
          this.recountIncident.run(itemId, s.year, s.quarter, s.committeeCode, s.category, s.kind, bit(s.open), since);
        }
      });
      await turn();
    }
    this.asRecount(since, () => {
      this.db.prepare('DELETE FROM incident_summaries WHERE noted < ?').run(since);
      this.markRecounted.run('incidents', since);
    });
  }
}

/** A newer recount began while this one ran: this one stops, the newer one finishes the work. */
export class RecountSupersededError extends Error {
  constructor() {
    super('en nyare omräkning av statussiffrorna har börjat');
    this.name = 'RecountSupersededError';
  }
}
