import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { CampaignPeopleRow } from '../learning/campaign-figures';
import { IN_DOUBT_NOTE, type CampaignSummary, type DeliveryStatus, type FinalStatus, type OutboundMessage, type OutboxMessage, type RequeueSelection, type RestoredMessage } from './outbox-types';
import type { Outbox } from './operational-store';

/** A row of the outbox table, as SQLite gives it (with MESSAGE_COLUMNS, its activity read already). */
export interface OutboxRow {
  id: number;
  message_key: string;
  campaign_id: string;
  person_id: string;
  /** The activity's JSON, or '' when it is a shared payload's (payload_id). */
  activity: string;
  payload_id: number | null;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  sent_at: string | null;
  activity_id: string | null;
  enqueued_at: string;
  handed_over_at: string | null;
}

export function toMessage(r: OutboxRow, activity = r.activity): OutboxMessage {
  return {
    id: r.id,
    key: r.message_key,
    campaignId: r.campaign_id,
    personId: r.person_id,
    activity: JSON.parse(activity) as Record<string, unknown>,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    ...(r.last_error ? { lastError: r.last_error } : {}),
    ...(r.sent_at ? { sentAt: r.sent_at } : {}),
    ...(r.activity_id ? { activityId: r.activity_id } : {}),
    enqueuedAt: r.enqueued_at,
    ...(r.handed_over_at ? { handedOverAt: r.handed_over_at } : {}),
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

/**
 * A message put back to wait for the chat an installation promised: the chat's arrival makes it
 * due (bringForward), nothing else does. And person ids in lower case from now on, in the outbox
 * and the conversations alike: Entra object ids are GUIDs that Teams, Graph and the roles list may
 * write in either case, and one form lets every look-up and join use its index.
 */
export const OUTBOX_AWAITING_CHAT_MIGRATION = `
  ALTER TABLE outbox ADD COLUMN awaiting_chat INTEGER NOT NULL DEFAULT 0;
  UPDATE outbox SET person_id = lower(person_id);
  UPDATE conversations SET person_id = lower(person_id) WHERE person_id IS NOT NULL;
`;

/** A campaign's messages by person, for its figures (campaignPeople): one pass through the index, whatever the outbox holds besides. */
export const OUTBOX_CAMPAIGN_PERSON_MIGRATION = `
  CREATE INDEX ix_outbox_campaign_person ON outbox (campaign_id, person_id, status);
`;

/** When a message being sent was handed to the Bot Connector: what a restart needs to tell "may have arrived" from "never left". */
export const OUTBOX_HANDED_OVER_MIGRATION = `
  ALTER TABLE outbox ADD COLUMN handed_over_at TEXT;
`;

/** The form a person id is kept in: lower case (see OUTBOX_AWAITING_CHAT_MIGRATION). */
export const personKey = (personId: string) => personId.toLowerCase();

/**
 * A card sent to many people is stored once and the messages refer to it: a 50,000-person
 * campaign wrote its 1.2 KB card 50,000 times (ops.db 124 MB instead of 30 MB, and most of the
 * enqueue time went to checkpointing those pages). `activity` stays as it is for single messages; it is '' when
 * payload_id is set. The index lets retention find payloads no message refers to any more.
 */
export const OUTBOX_SHARED_PAYLOADS_MIGRATION = `
  CREATE TABLE outbox_payloads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    digest TEXT NOT NULL UNIQUE,
    activity TEXT NOT NULL
  );
  ALTER TABLE outbox ADD COLUMN payload_id INTEGER;
  CREATE INDEX ix_outbox_payload ON outbox (payload_id);
`;

/** The outbox's columns with the activity read from its shared payload where it has one. */
export const MESSAGE_COLUMNS = `o.id, o.message_key, o.campaign_id, o.person_id, coalesce(p.activity, o.activity) AS activity, o.payload_id, o.status,
  o.attempts, o.next_attempt_at, o.last_error, o.sent_at, o.activity_id, o.enqueued_at, o.handed_over_at`;
export const MESSAGES_FROM = `outbox o LEFT JOIN outbox_payloads p ON p.id = o.payload_id`;

/** The durable outbox in the operational SQLite file. Claims are atomic, so several senders never take the same message. */
export class SqliteOutbox implements Outbox {
  private readonly insert: Database.Statement;
  private readonly insertShared: Database.Statement;
  private readonly insertPayload: Database.Statement;
  private readonly payloadByDigest: Database.Statement;
  private readonly payloadById: Database.Statement;
  private readonly claim: Database.Statement;
  private readonly finishStmt: Database.Statement;
  private readonly retryStmt: Database.Statement;
  private readonly campaignPeopleRows: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO outbox (message_key, campaign_id, person_id, activity, next_attempt_at, enqueued_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(message_key) DO NOTHING`,
    );
    this.insertShared = db.prepare(
      `INSERT INTO outbox (message_key, campaign_id, person_id, activity, payload_id, next_attempt_at, enqueued_at)
       VALUES (?, ?, ?, '', ?, ?, ?) ON CONFLICT(message_key) DO NOTHING`,
    );
    this.insertPayload = db.prepare('INSERT INTO outbox_payloads (digest, activity) VALUES (?, ?) ON CONFLICT(digest) DO NOTHING');
    this.payloadByDigest = db.prepare('SELECT id FROM outbox_payloads WHERE digest = ?').pluck();
    this.payloadById = db.prepare('SELECT activity FROM outbox_payloads WHERE id = ?').pluck();
    this.claim = db.prepare(
      `UPDATE outbox SET status = 'Sending', attempts = attempts + 1, handed_over_at = NULL
       WHERE id = (SELECT id FROM outbox WHERE status = 'Queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1)
       RETURNING *`,
    );
    this.finishStmt = db.prepare(`UPDATE outbox SET status = ?, sent_at = ?, activity_id = ?, last_error = ?, handed_over_at = NULL WHERE id = ? AND status = 'Sending'`);
    // One row a person (through the campaign's index), then counted by how they ended.
    this.campaignPeopleRows = db.prepare(
      `WITH people AS (
         SELECT person_id, max(status = 'Sent') AS sent, max(status IN ('Queued', 'Sending')) AS pending, max(id) AS last_id
         FROM outbox WHERE campaign_id = ? GROUP BY person_id)
       SELECT CASE WHEN p.sent THEN 'sent' WHEN p.pending THEN 'pending' ELSE o.status END AS state,
              CASE WHEN p.sent OR p.pending THEN NULL ELSE i.outcome END AS install, count(*) AS people
       FROM people p JOIN outbox o ON o.id = p.last_id LEFT JOIN app_installations i ON i.person = p.person_id
       GROUP BY state, install`,
    );
    this.retryStmt = db.prepare(`UPDATE outbox SET status = 'Queued', next_attempt_at = ?, last_error = ?, awaiting_chat = ?, handed_over_at = NULL WHERE id = ? AND status = 'Sending'`);
  }

  async enqueue(messages: OutboundMessage[], now: string): Promise<{ queued: number; alreadyKnown: number }> {
    // An activity object given for several messages (a campaign's card) is serialised once and stored
    // once, by its digest, so the next batch of the same campaign refers to the same payload.
    const uses = new Map<Record<string, unknown>, number>();
    for (const m of messages) uses.set(m.activity, (uses.get(m.activity) ?? 0) + 1);
    const payloadIds = new Map<Record<string, unknown>, number>();
    const payloadOf = (activity: Record<string, unknown>): number => {
      let id = payloadIds.get(activity);
      if (id === undefined) {
        const json = JSON.stringify(activity);
        const digest = createHash('sha256').update(json).digest('base64url');
        this.insertPayload.run(digest, json);
        payloadIds.set(activity, (id = this.payloadByDigest.get(digest) as number));
      }
      return id;
    };
    const queued = this.db.transaction(() =>
      messages.reduce(
        (n, m) =>
          n +
          ((uses.get(m.activity) ?? 0) > 1
            ? this.insertShared.run(m.key, m.campaignId, personKey(m.personId), payloadOf(m.activity), now, now)
            : this.insert.run(m.key, m.campaignId, personKey(m.personId), JSON.stringify(m.activity), now, now)
          ).changes,
        0,
      ),
    )();
    return { queued, alreadyKnown: messages.length - queued };
  }

  async restore(messages: readonly RestoredMessage[]): Promise<number> {
    const insert = this.db.prepare(
      `INSERT INTO outbox (message_key, campaign_id, person_id, activity, status, attempts, next_attempt_at, last_error, sent_at, activity_id, enqueued_at, awaiting_chat)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(message_key) DO NOTHING`,
    );
    return this.db.transaction(() =>
      messages.reduce(
        (n, m) =>
          n +
          insert.run(
            m.key, m.campaignId, personKey(m.personId), JSON.stringify(m.activity), m.status === 'Sending' ? 'Queued' : m.status, m.attempts, m.nextAttemptAt,
            m.lastError ?? null, m.sentAt ?? null, m.activityId ?? null, m.enqueuedAt, m.awaitingChat ? 1 : 0,
          ).changes,
        0,
      ),
    )();
  }

  async claimNext(now: string): Promise<OutboxMessage | undefined> {
    const row = this.claim.get(now) as OutboxRow | undefined;
    return row && this.withActivity(row);
  }

  async finish(id: number, status: FinalStatus, details: { at: string; activityId?: string; error?: string }): Promise<void> {
    this.finishStmt.run(status, status === 'Sent' ? details.at : null, details.activityId ?? null, details.error ?? null, id);
  }

  async postpone(id: number, nextAttemptAt: string, note: string): Promise<void> {
    this.db
      .prepare(`UPDATE outbox SET status = 'Queued', next_attempt_at = ?, last_error = ?, attempts = max(0, attempts - 1), handed_over_at = NULL WHERE id = ? AND status = 'Sending'`)
      .run(nextAttemptAt, note, id);
  }

  async retryLater(id: number, nextAttemptAt: string, error: string, awaitingChat = false): Promise<void> {
    this.retryStmt.run(nextAttemptAt, error, awaitingChat ? 1 : 0, id);
  }

  async handOver(id: number, at: string): Promise<boolean> {
    // One process sends from a SQLite file, so a message still Sending is still this sender's claim.
    return this.db.prepare(`UPDATE outbox SET handed_over_at = ? WHERE id = ? AND status = 'Sending' AND handed_over_at IS NULL`).run(at, id).changes === 1;
  }

  async recoverInterrupted(sendAgain: (message: { key: string; campaignId: string }) => boolean = () => true): Promise<{ requeued: number; settled: number }> {
    // Sends whose answer was never recorded (the process stopped mid-send): see delivery-service.ts.
    const requeue = this.db.prepare(`UPDATE outbox SET status = 'Queued', handed_over_at = NULL, last_error = coalesce(last_error, 'avbruten sändning: skickas igen') WHERE id = ?`);
    const settle = this.db.prepare(`UPDATE outbox SET status = 'Sent', sent_at = handed_over_at, last_error = ? WHERE id = ?`);
    const rows = this.db.prepare(`SELECT id, message_key, campaign_id, handed_over_at FROM outbox WHERE status = 'Sending'`).all() as { id: number; message_key: string; campaign_id: string; handed_over_at: string | null }[];
    return this.db.transaction(() => {
      const counts = { requeued: 0, settled: 0 };
      for (const r of rows) {
        if (r.handed_over_at && !sendAgain({ key: r.message_key, campaignId: r.campaign_id })) {
          settle.run(IN_DOUBT_NOTE, r.id);
          counts.settled++;
        } else {
          requeue.run(r.id);
          counts.requeued++;
        }
      }
      return counts;
    })();
  }

  async nextDueAt(): Promise<string | undefined> {
    const row = this.db.prepare(`SELECT min(next_attempt_at) AS due FROM outbox WHERE status = 'Queued'`).get() as { due: string | null };
    return row.due ?? undefined;
  }

  async get(key: string): Promise<OutboxMessage | undefined> {
    const row = this.db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGES_FROM} WHERE o.message_key = ?`).get(key) as OutboxRow | undefined;
    return row && toMessage(row);
  }

  async messagesOf(campaignId: string): Promise<OutboxMessage[]> {
    return (this.db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGES_FROM} WHERE o.campaign_id = ? ORDER BY o.id`).all(campaignId) as OutboxRow[]).map((r) => toMessage(r));
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

  async unreachedReasons(campaignId: string): Promise<Record<string, number>> {
    const rows = this.db
      .prepare(
        `SELECT coalesce(i.outcome, 'notTried') AS reason, count(*) AS n FROM outbox o LEFT JOIN app_installations i ON i.person = o.person_id
         WHERE o.campaign_id = ? AND o.status = 'AppNotInstalled' GROUP BY reason`,
      )
      .all(campaignId) as { reason: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.reason, r.n]));
  }

  async campaignPeople(campaignId: string): Promise<CampaignPeopleRow[]> {
    const rows = this.campaignPeopleRows.all(campaignId) as { state: CampaignPeopleRow['state']; install: string | null; people: number }[];
    return rows.map((r) => ({ state: r.state, people: r.people, ...(r.install ? { install: r.install } : {}) }));
  }

  async bringForward(personId: string, now: string): Promise<number> {
    return this.db
      .prepare(`UPDATE outbox SET next_attempt_at = ?, awaiting_chat = 0 WHERE person_id = ? AND status = 'Queued' AND awaiting_chat = 1 AND next_attempt_at > ?`)
      .run(now, personKey(personId), now).changes;
  }

  async cancelQueued(campaignId: string): Promise<number> {
    return this.db.transaction(() => {
      const removed = this.db.prepare(`DELETE FROM outbox WHERE campaign_id = ? AND status = 'Queued'`).run(campaignId).changes;
      this.db.prepare('DELETE FROM outbox_payloads WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.payload_id = outbox_payloads.id)').run();
      return removed;
    })();
  }

  async deleteFinished(campaignPrefix: string, before: string): Promise<number> {
    return this.db.transaction(() => {
      const deleted = this.db
        .prepare(`DELETE FROM outbox WHERE substr(campaign_id, 1, length(?)) = ? AND status NOT IN ('Queued', 'Sending') AND enqueued_at < ?`)
        .run(campaignPrefix, campaignPrefix, before).changes;
      // Shared cards go with their last message; in the same transaction, so no enqueue can refer to one being removed.
      this.db.prepare('DELETE FROM outbox_payloads WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.payload_id = outbox_payloads.id)').run();
      return deleted;
    })();
  }

  private withActivity(row: OutboxRow): OutboxMessage {
    return row.payload_id === null ? toMessage(row) : toMessage(row, this.payloadById.get(row.payload_id) as string);
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
      .run(now, personKey(selection.personId), ...selection.statuses, selection.campaignPrefix, selection.campaignPrefix, selection.enqueuedSince).changes;
  }

  async pendingCount(): Promise<number> {
    return (this.db.prepare(`SELECT count(*) AS n FROM outbox WHERE status IN ('Queued', 'Sending')`).get() as { n: number }).n;
  }
}
