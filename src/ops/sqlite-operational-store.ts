import Database from 'better-sqlite3';
import path from 'node:path';
import { openPrivateDatabase } from '../store/sqlite/private-database';
import type { ConversationRecord } from './conversation-record';
import { toRecord, type ConversationRow } from './sqlite-conversation-row';
import { SqliteOperationalExport } from './sqlite-operational-export';
import type { ConversationReferences, Counters, JobRun, JobRuns, LearningAnswers, OperationalStore, Outbox, ReminderLedger, StaffRegister, StatusTallies, Tasks, AppInstallations } from './operational-store';
import { ALLOCATIONS_AND_ANSWERS_MIGRATION, COUNTERS_AND_TASKS_MIGRATION, REMINDER_LEDGER_MIGRATION, SqliteCounters, SqliteLearningAnswers, SqliteReminderLedger, SqliteTasks } from './sqlite-counters-and-tasks';
import { SqliteStatusTallies, STATUS_TALLIES_MIGRATION, TRAINING_LAST_PASS_MIGRATION, TRAINING_MONTHS_MIGRATION } from './sqlite-status-tallies';
import { APP_INSTALLATIONS_MIGRATION, SqliteAppInstallations } from './sqlite-app-installations';
import { SqliteStaffRegister, STAFF_MIGRATION } from './sqlite-staff-register';
import { OUTBOX_AWAITING_CHAT_MIGRATION, OUTBOX_CAMPAIGN_PERSON_MIGRATION, OUTBOX_HANDED_OVER_MIGRATION, OUTBOX_MIGRATION, personKey, OUTBOX_PERSON_INDEX_MIGRATION, OUTBOX_SHARED_PAYLOADS_MIGRATION, SqliteOutbox } from './sqlite-outbox';

const MIGRATIONS: ((db: Database.Database) => void)[] = [
  (db) =>
    db.exec(`
      CREATE TABLE conversations (
        conversation_id TEXT PRIMARY KEY,
        person_id TEXT,
        tenant_id TEXT NOT NULL,
        service_url TEXT NOT NULL,
        conversation_type TEXT NOT NULL,
        reference TEXT NOT NULL,
        welcomed_at TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX ix_conversations_person ON conversations (person_id, conversation_type);
      CREATE TABLE job_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        job TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        summary TEXT NOT NULL
      );
      CREATE INDEX ix_job_runs_job ON job_runs (job, id);
    `),
  (db) => db.exec(OUTBOX_MIGRATION),
  (db) => db.exec(COUNTERS_AND_TASKS_MIGRATION),
  (db) => db.exec(REMINDER_LEDGER_MIGRATION),
  (db) => db.exec(ALLOCATIONS_AND_ANSWERS_MIGRATION),
  (db) => db.exec(OUTBOX_PERSON_INDEX_MIGRATION),
  (db) => db.exec(STATUS_TALLIES_MIGRATION),
  (db) => db.exec(OUTBOX_SHARED_PAYLOADS_MIGRATION),
  (db) => db.exec(TRAINING_MONTHS_MIGRATION),
  (db) => db.exec(STAFF_MIGRATION),
  (db) => db.exec(APP_INSTALLATIONS_MIGRATION + OUTBOX_AWAITING_CHAT_MIGRATION),
  (db) => db.exec(OUTBOX_CAMPAIGN_PERSON_MIGRATION),
  (db) => db.exec(OUTBOX_HANDED_OVER_MIGRATION),
  (db) => db.exec(TRAINING_LAST_PASS_MIGRATION),
];

class SqliteConversationReferences implements ConversationReferences {
  constructor(private readonly db: Database.Database) {}

  async remember(r: Omit<ConversationRecord, 'welcomedAt'>): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO conversations (conversation_id, person_id, tenant_id, service_url, conversation_type, reference, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(conversation_id) DO UPDATE SET person_id = excluded.person_id, tenant_id = excluded.tenant_id,
           service_url = excluded.service_url, conversation_type = excluded.conversation_type,
           reference = excluded.reference, updated_at = excluded.updated_at`,
      )
      .run(r.conversationId, r.personId ? personKey(r.personId) : null, r.tenantId, r.serviceUrl, r.conversationType, JSON.stringify(r.reference), r.updatedAt);
  }

  async get(conversationId: string): Promise<ConversationRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM conversations WHERE conversation_id = ?').get(conversationId) as ConversationRow | undefined;
    return row && toRecord(row);
  }

  async personalChatOf(personId: string): Promise<ConversationRecord | undefined> {
    const row = this.db
      .prepare(`SELECT * FROM conversations WHERE person_id = ? AND conversation_type = 'personal' ORDER BY updated_at DESC LIMIT 1`)
      .get(personKey(personId)) as ConversationRow | undefined;
    return row && toRecord(row);
  }

  async latest(): Promise<ConversationRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM conversations ORDER BY updated_at DESC LIMIT 1').get() as ConversationRow | undefined;
    return row && toRecord(row);
  }

  async markWelcomed(conversationId: string, at: string): Promise<boolean> {
    const info = this.db
      .prepare('UPDATE conversations SET welcomed_at = ? WHERE conversation_id = ? AND welcomed_at IS NULL')
      .run(at, conversationId);
    return info.changes === 1;
  }
}

class SqliteJobRuns implements JobRuns {
  constructor(private readonly db: Database.Database) {}

  async record(run: JobRun): Promise<void> {
    this.db
      .prepare('INSERT INTO job_runs (job, started_at, finished_at, summary) VALUES (?, ?, ?, ?)')
      .run(run.job, run.startedAt, run.finishedAt, run.summary);
  }

  async latest(job: string): Promise<JobRun | undefined> {
    const row = this.db
      .prepare('SELECT job, started_at, finished_at, summary FROM job_runs WHERE job = ? ORDER BY id DESC LIMIT 1')
      .get(job) as { job: string; started_at: string; finished_at: string; summary: string } | undefined;
    return row && { job: row.job, startedAt: row.started_at, finishedAt: row.finished_at, summary: row.summary };
  }
}

/** Operational state in its own SQLite file (ops.db), apart from the records of value. */
export class SqliteOperationalStore implements OperationalStore {
  readonly conversations: ConversationReferences;
  readonly jobRuns: JobRuns;
  readonly outbox: Outbox;
  readonly counters: Counters;
  readonly learningAnswers: LearningAnswers;
  readonly tasks: Tasks;
  readonly ledger: ReminderLedger;
  readonly tallies: StatusTallies;
  readonly staff: StaffRegister;
  readonly installations: AppInstallations;

  constructor(private readonly db: Database.Database) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    const current = db.pragma('user_version', { simple: true }) as number;
    MIGRATIONS.forEach((up, i) => {
      if (i + 1 <= current) return;
      db.transaction(() => {
        up(db);
        db.pragma(`user_version = ${i + 1}`);
      })();
    });
    this.conversations = new SqliteConversationReferences(db);
    this.jobRuns = new SqliteJobRuns(db);
    this.outbox = new SqliteOutbox(db);
    this.counters = new SqliteCounters(db);
    this.learningAnswers = new SqliteLearningAnswers(db);
    this.tasks = new SqliteTasks(db);
    this.ledger = new SqliteReminderLedger(db);
    this.tallies = new SqliteStatusTallies(db);
    this.staff = new SqliteStaffRegister(db);
    this.installations = new SqliteAppInstallations(db);
  }

  static open(dataDir: string): SqliteOperationalStore {
    // Owner-only (0600), like the records: the outbox holds messages to named people.
    return openPrivateDatabase(path.join(dataDir, 'ops.db'), (db) => new SqliteOperationalStore(db));
  }

  /** An existing file by its path (a single instance's ops.db being moved); never creates one. */
  static openFile(file: string): SqliteOperationalStore {
    return openPrivateDatabase(file, (db) => new SqliteOperationalStore(db), { mustExist: true });
  }

  static inMemory(): SqliteOperationalStore {
    return new SqliteOperationalStore(new Database(':memory:'));
  }

  /** What the interface cannot list, read row by row, for moving the state to another store. */
  exported(): SqliteOperationalExport {
    return new SqliteOperationalExport(this.db);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
