import type Database from 'better-sqlite3';
import type { CampaignSummary, DeliveryStatus, FinalStatus, OutboundMessage, OutboxMessage, RequeueSelection } from './outbox-types';
import type { Outbox } from './operational-store';

interface Row {
  id: number;
  message_key: string;
  campaign_id: string;
  person_id: string;
  activity: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  sent_at: string | null;
  activity_id: string | null;
  enqueued_at: string;
}

function toMessage(r: Row): OutboxMessage {
  return {
    id: r.id,
    key: r.message_key,
    campaignId: r.campaign_id,
    personId: r.person_id,
    activity: JSON.parse(r.activity) as Record<string, unknown>,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    ...(r.last_error ? { lastError: r.last_error } : {}),
    ...(r.sent_at ? { sentAt: r.sent_at } : {}),
    ...(r.activity_id ? { activityId: r.activity_id } : {}),
    enqueuedAt: r.enqueued_at,
  };
}

export const OUTBOX_MIGRATION = `
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    message_key TEXT NOT NULL UNIQUE,
    campaign_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    activity TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'Queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    sent_at TEXT,
    activity_id TEXT,
    enqueued_at TEXT NOT NULL
  );
  CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at, id);
  CREATE INDEX ix_outbox_campaign ON outbox (campaign_id, status);
`;

/** Finds a person's undelivered messages when they become reachable (see requeue). */
export const OUTBOX_PERSON_INDEX_MIGRATION = `
  CREATE INDEX ix_outbox_person ON outbox (person_id, status);
`;

/** The durable outbox in the operational SQLite file. Claims are atomic, so several senders never take the same message. */
export class SqliteOutbox implements Outbox {
  private readonly insert: Database.Statement;
  private readonly claim: Database.Statement;
  private readonly finishStmt: Database.Statement;
  private readonly retryStmt: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO outbox (message_key, campaign_id, person_id, activity, next_attempt_at, enqueued_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(message_key) DO NOTHING`,
    );
    this.claim = db.prepare(
      `UPDATE outbox SET status = 'Sending', attempts = attempts + 1
       WHERE id = (SELECT id FROM outbox WHERE status = 'Queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1)
       RETURNING *`,
    );
    this.finishStmt = db.prepare(`UPDATE outbox SET status = ?, sent_at = ?, activity_id = ?, last_error = ? WHERE id = ? AND status = 'Sending'`);
    this.retryStmt = db.prepare(`UPDATE outbox SET status = 'Queued', next_attempt_at = ?, last_error = ? WHERE id = ? AND status = 'Sending'`);
  }

  async enqueue(messages: OutboundMessage[], now: string): Promise<{ queued: number; alreadyKnown: number }> {
    const queued = this.db.transaction(() =>
      messages.reduce((n, m) => n + this.insert.run(m.key, m.campaignId, m.personId, JSON.stringify(m.activity), now, now).changes, 0),
    )();
    return { queued, alreadyKnown: messages.length - queued };
  }

  async claimNext(now: string): Promise<OutboxMessage | undefined> {
    const row = this.claim.get(now) as Row | undefined;
    return row && toMessage(row);
  }

  async finish(id: number, status: FinalStatus, details: { at: string; activityId?: string; error?: string }): Promise<void> {
    this.finishStmt.run(status, status === 'Sent' ? details.at : null, details.activityId ?? null, details.error ?? null, id);
  }

  async retryLater(id: number, nextAttemptAt: string, error: string): Promise<void> {
    this.retryStmt.run(nextAttemptAt, error, id);
  }

  async recoverInterrupted(): Promise<number> {
    // Sends whose answer was never recorded (the process stopped mid-send) are sent again: see delivery-service.ts.
    return this.db
      .prepare(`UPDATE outbox SET status = 'Queued', last_error = coalesce(last_error, 'avbruten sändning: skickas igen') WHERE status = 'Sending'`)
      .run().changes;
  }

  async nextDueAt(): Promise<string | undefined> {
    const row = this.db.prepare(`SELECT min(next_attempt_at) AS due FROM outbox WHERE status = 'Queued'`).get() as { due: string | null };
    return row.due ?? undefined;
  }

  async get(key: string): Promise<OutboxMessage | undefined> {
    const row = this.db.prepare('SELECT * FROM outbox WHERE message_key = ?').get(key) as Row | undefined;
    return row && toMessage(row);
  }

  async messagesOf(campaignId: string): Promise<OutboxMessage[]> {
    return (this.db.prepare('SELECT * FROM outbox WHERE campaign_id = ? ORDER BY id').all(campaignId) as Row[]).map(toMessage);
  }

  async campaignSummary(campaignId: string): Promise<CampaignSummary> {
    const rows = this.db.prepare('SELECT status, count(*) AS n FROM outbox WHERE campaign_id = ? GROUP BY status').all(campaignId) as { status: DeliveryStatus; n: number }[];
    const summary: CampaignSummary = { campaignId, total: 0, Queued: 0, Sending: 0, Sent: 0, AppNotInstalled: 0, Blocked: 0, RecipientNotFound: 0, Failed: 0 };
    for (const r of rows) {
      summary[r.status] = r.n;
      summary.total += r.n;
    }
    return summary;
  }

  async deleteFinished(campaignPrefix: string, before: string): Promise<number> {
    return this.db
      .prepare(`DELETE FROM outbox WHERE substr(campaign_id, 1, length(?)) = ? AND status NOT IN ('Queued', 'Sending') AND enqueued_at < ?`)
      .run(campaignPrefix, campaignPrefix, before).changes;
  }

  async requeue(selection: RequeueSelection, now: string): Promise<number> {
    if (selection.statuses.length === 0) return 0;
    // One statement: the status test and the change happen under SQLite's write lock, so a second caller finds nothing left.
    // 'Sent' is refused here as well as by the type: a delivered message must never go out again.
    return this.db
      .prepare(
        `UPDATE outbox SET status = 'Queued', attempts = 0, next_attempt_at = ?, last_error = 'skickas igen: mottagaren kan nås nu (var ' || status || ')'
         WHERE person_id = ? AND status IN (${selection.statuses.map(() => '?').join(', ')}) AND status <> 'Sent'
           AND substr(campaign_id, 1, length(?)) = ? AND enqueued_at >= ?`,
      )
      .run(now, selection.personId, ...selection.statuses, selection.campaignPrefix, selection.campaignPrefix, selection.enqueuedSince).changes;
  }

  async pendingCount(): Promise<number> {
    return (this.db.prepare(`SELECT count(*) AS n FROM outbox WHERE status IN ('Queued', 'Sending')`).get() as { n: number }).n;
  }
}
