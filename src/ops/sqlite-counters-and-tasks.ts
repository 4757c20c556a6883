import type Database from 'better-sqlite3';
import type { Counters, DurableTask, LearningAnswers, LedgerEntry, ReminderLedger, Tasks } from './operational-store';

export const COUNTERS_AND_TASKS_MIGRATION = `
  CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
  CREATE TABLE tasks (
    task_key TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX ix_tasks_due ON tasks (next_attempt_at);
`;

export const ALLOCATIONS_AND_ANSWERS_MIGRATION = `
  CREATE TABLE counter_allocations (name TEXT NOT NULL, allocation TEXT NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (name, allocation));
  CREATE TABLE learning_answers (
    person_id TEXT NOT NULL,
    attempt TEXT NOT NULL,
    question INTEGER NOT NULL,
    choice INTEGER NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (person_id, attempt, question)
  );
`;

/** Numbers handed out once each, atomically, even to concurrent callers. */
export class SqliteCounters implements Counters {
  constructor(private readonly db: Database.Database) {}

  async next(name: string, floor: () => Promise<number>, allocation?: string): Promise<number> {
    const allocated = this.db.prepare('SELECT value FROM counter_allocations WHERE name = ? AND allocation = ?');
    const bump = this.db.prepare('UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value');
    const allocate = this.db.prepare('INSERT INTO counter_allocations (name, allocation, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    // Everything from the allocation's check to its record happens in one transaction: a form sent twice
    // at once uses up one number, also when both waited for the floor of a name's first use.
    const take = this.db.transaction((start: number | undefined): number | undefined => {
      if (allocation !== undefined) {
        const earlier = allocated.get(name, allocation) as { value: number } | undefined;
        if (earlier) return earlier.value;
      }
      if (start !== undefined) this.db.prepare('INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO NOTHING').run(name, start);
      const value = (bump.get(name) as { value: number } | undefined)?.value;
      if (value === undefined) return undefined;
      if (allocation !== undefined) allocate.run(name, allocation, value);
      return value;
    });
    const value = take(undefined);
    if (value !== undefined) return value;
    // First use (or a new year, or a new instance): start after the highest number already in use.
    return take(await floor())!;
  }
}

/** First answers per learning attempt and question. */
export class SqliteLearningAnswers implements LearningAnswers {
  constructor(private readonly db: Database.Database) {}

  async answerOnce(entry: { personId: string; attempt: string; question: number; choice: number }, now: string): Promise<number> {
    this.db
      .prepare('INSERT INTO learning_answers (person_id, attempt, question, choice, answered_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(entry.personId, entry.attempt, entry.question, entry.choice, now);
    const row = this.db.prepare('SELECT choice FROM learning_answers WHERE person_id = ? AND attempt = ? AND question = ?').get(entry.personId, entry.attempt, entry.question) as { choice: number };
    return row.choice;
  }
}

interface TaskRow {
  task_key: string;
  kind: string;
  payload: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
}

const toTask = (r: TaskRow): DurableTask => ({
  key: r.task_key,
  kind: r.kind,
  payload: JSON.parse(r.payload) as unknown,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  ...(r.last_error ? { lastError: r.last_error } : {}),
});

/** Work the app has promised to finish (store a report, tell people of it), kept until it is done. */
export class SqliteTasks implements Tasks {
  constructor(private readonly db: Database.Database) {}

  async add(task: { key: string; kind: string; payload: unknown }, now: string): Promise<boolean> {
    return (
      this.db
        .prepare('INSERT INTO tasks (task_key, kind, payload, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(task_key) DO NOTHING')
        .run(task.key, task.kind, JSON.stringify(task.payload), now, now).changes === 1
    );
  }

  async get(key: string): Promise<DurableTask | undefined> {
    const row = this.db.prepare('SELECT * FROM tasks WHERE task_key = ?').get(key) as TaskRow | undefined;
    return row && toTask(row);
  }

  async due(now: string, limit: number): Promise<DurableTask[]> {
    return (this.db.prepare('SELECT * FROM tasks WHERE next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?').all(now, limit) as TaskRow[]).map(toTask);
  }

  async replace(key: string, kind: string, payload: unknown, now: string): Promise<void> {
    this.db.prepare('UPDATE tasks SET kind = ?, payload = ?, attempts = 0, next_attempt_at = ?, last_error = NULL WHERE task_key = ?').run(kind, JSON.stringify(payload), now, key);
  }

  async postpone(key: string, nextAttemptAt: string, error: string): Promise<void> {
    this.db.prepare('UPDATE tasks SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE task_key = ?').run(nextAttemptAt, error.slice(0, 500), key);
  }

  async done(key: string): Promise<void> {
    this.db.prepare('DELETE FROM tasks WHERE task_key = ?').run(key);
  }

  async count(kind?: string): Promise<number> {
    const row = (kind ? this.db.prepare('SELECT count(*) AS n FROM tasks WHERE kind = ?').get(kind) : this.db.prepare('SELECT count(*) AS n FROM tasks').get()) as { n: number };
    return row.n;
  }
}

export const REMINDER_LEDGER_MIGRATION = `
  CREATE TABLE reminder_ledger (
    year INTEGER NOT NULL,
    quarter INTEGER NOT NULL,
    kind TEXT NOT NULL,
    committee TEXT NOT NULL,
    person TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (year, quarter, kind, committee, person)
  );
`;

/** Which reminders have gone out: an entry is claimed once, by one caller, ever. */
export class SqliteReminderLedger implements ReminderLedger {
  // Prepared once: a campaign checks and claims tens of thousands of entries in a run.
  private readonly insert: Database.Statement;
  private readonly select: Database.Statement;
  private readonly selectAt: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare('INSERT INTO reminder_ledger (year, quarter, kind, committee, person, recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
    this.select = db.prepare('SELECT 1 FROM reminder_ledger WHERE year = ? AND quarter = ? AND kind = ? AND committee = ? AND person = ?');
    this.selectAt = db.prepare('SELECT recorded_at AS at FROM reminder_ledger WHERE year = ? AND quarter = ? AND kind = ? AND committee = ? AND person = ?');
  }

  async claim(entry: LedgerEntry, at: string): Promise<boolean> {
    return this.insertOne(entry, at);
  }

  async has(entry: LedgerEntry): Promise<boolean> {
    return this.hasOne(entry);
  }

  async hasMany(entries: readonly LedgerEntry[]): Promise<boolean[]> {
    // A read transaction: the whole batch is answered from one snapshot.
    return this.db.transaction(() => entries.map((e) => this.hasOne(e)))();
  }

  async claimMany(entries: readonly LedgerEntry[], at: string): Promise<boolean[]> {
    // One transaction, one commit for the batch instead of one per entry; the primary key still decides who claims first.
    return this.db.transaction(() => entries.map((e) => this.insertOne(e, at)))();
  }

  async claimedAtMany(entries: readonly LedgerEntry[]): Promise<(string | undefined)[]> {
    return this.db.transaction(() => entries.map((e) => (this.selectAt.get(e.year, e.quarter, e.kind, e.committee, e.person) as { at: string } | undefined)?.at))();
  }

  async count(): Promise<number> {
    return (this.db.prepare('SELECT count(*) AS n FROM reminder_ledger').get() as { n: number }).n;
  }

  async deleteBefore(kindPrefix: string, before: string): Promise<number> {
    return this.db.prepare('DELETE FROM reminder_ledger WHERE substr(kind, 1, length(?)) = ? AND recorded_at < ?').run(kindPrefix, kindPrefix, before).changes;
  }

  private insertOne(entry: LedgerEntry, at: string): boolean {
    return this.insert.run(entry.year, entry.quarter, entry.kind, entry.committee, entry.person, at).changes === 1;
  }

  private hasOne(entry: LedgerEntry): boolean {
    return Boolean(this.select.get(entry.year, entry.quarter, entry.kind, entry.committee, entry.person));
  }
}
