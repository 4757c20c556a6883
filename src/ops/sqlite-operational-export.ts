import type Database from 'better-sqlite3';
import type { ConversationRecord } from './conversation-record';
import type { InstallRecord, JobRun, LedgerEntry } from './operational-store';
import type { RestoredMessage } from './outbox-types';
import { toRecord, type ConversationRow } from './sqlite-conversation-row';
import { MESSAGE_COLUMNS, MESSAGES_FROM, toMessage, type OutboxRow } from './sqlite-outbox';

/** A first answer kept for a quiz question (learning answers), with when it was given. */
export interface KeptAnswer {
  personId: string;
  attempt: string;
  question: number;
  choice: number;
  answeredAt: string;
}

/**
 * What an operational SQLite file holds that the store's interface cannot list, read row by row
 * (iterators, so 50,000 conversation references or a year's outbox are never all in memory) for
 * moving it to another store: `npm run ops -- copy-to-azure`.
 */
export class SqliteOperationalExport {
  constructor(private readonly db: Database.Database) {}

  *conversations(): Generator<ConversationRecord> {
    for (const row of this.db.prepare('SELECT * FROM conversations ORDER BY conversation_id').iterate() as Iterable<ConversationRow>) yield toRecord(row);
  }

  *ledger(): Generator<{ entry: LedgerEntry; at: string }> {
    const rows = this.db.prepare('SELECT year, quarter, kind, committee, person, recorded_at FROM reminder_ledger ORDER BY recorded_at').iterate() as Iterable<LedgerEntry & { recorded_at: string }>;
    for (const { recorded_at, ...entry } of rows) yield { entry, at: recorded_at };
  }

  /** Each counter's last number, with the allocation (a form's submission id) it went to, if any. */
  counters(): { name: string; value: number; allocation?: string }[] {
    const rows = this.db
      .prepare('SELECT c.name, c.value, (SELECT a.allocation FROM counter_allocations a WHERE a.name = c.name AND a.value = c.value) AS allocation FROM counters c ORDER BY c.name')
      .all() as { name: string; value: number; allocation: string | null }[];
    return rows.map((r) => ({ name: r.name, value: r.value, ...(r.allocation ? { allocation: r.allocation } : {}) }));
  }

  /** Each job's last run: what decides whether a missed run is caught up at start. */
  latestJobRuns(): JobRun[] {
    const rows = this.db.prepare('SELECT job, started_at, finished_at, summary FROM job_runs WHERE id IN (SELECT max(id) FROM job_runs GROUP BY job) ORDER BY job').all() as {
      job: string;
      started_at: string;
      finished_at: string;
      summary: string;
    }[];
    return rows.map((r) => ({ job: r.job, startedAt: r.started_at, finishedAt: r.finished_at, summary: r.summary }));
  }

  *installations(): Generator<InstallRecord> {
    const rows = this.db.prepare('SELECT person, outcome, detail, at FROM app_installations ORDER BY person').iterate() as Iterable<{ person: string; outcome: InstallRecord['outcome']; detail: string | null; at: string }>;
    for (const r of rows) yield { personId: r.person, outcome: r.outcome, at: r.at, ...(r.detail ? { detail: r.detail } : {}) };
  }

  *learningAnswers(): Generator<KeptAnswer> {
    const rows = this.db.prepare('SELECT person_id, attempt, question, choice, answered_at FROM learning_answers').iterate() as Iterable<{ person_id: string; attempt: string; question: number; choice: number; answered_at: string }>;
    for (const r of rows) yield { personId: r.person_id, attempt: r.attempt, question: r.question, choice: r.choice, answeredAt: r.answered_at };
  }

  /** Every message of the outbox, finished ones too: their keys keep a campaign from sending them again. */
  *outbox(): Generator<RestoredMessage> {
    const rows = this.db.prepare(`SELECT ${MESSAGE_COLUMNS}, o.awaiting_chat FROM ${MESSAGES_FROM} ORDER BY o.id`).iterate() as Iterable<OutboxRow & { awaiting_chat: number }>;
    for (const r of rows) yield { ...toMessage(r), awaitingChat: r.awaiting_chat === 1 };
  }
}
