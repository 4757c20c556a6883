import type { CampaignSummary, FinalStatus, OutboundMessage, OutboxMessage, RequeueSelection } from './outbox-types';
import type { ConversationRecord } from './conversation-record';

/** The app's own bookkeeping: written often, valuable only to the running app (see ARCHITECTURE.md). */
export interface ConversationReferences {
  /** Saves or refreshes a conversation; keeps the welcome mark of an earlier save. */
  remember(record: Omit<ConversationRecord, 'welcomedAt'>): Promise<void>;
  get(conversationId: string): Promise<ConversationRecord | undefined>;
  /** The person's personal chat with the bot, if the app is installed for them. */
  personalChatOf(personId: string): Promise<ConversationRecord | undefined>;
  /** Marks the conversation as welcomed; true only for the first caller, so a welcome is sent once. */
  markWelcomed(conversationId: string, at: string): Promise<boolean>;
}

export interface JobRun {
  job: string;
  startedAt: string;
  finishedAt: string;
  summary: string;
}

export interface JobRuns {
  record(run: JobRun): Promise<void>;
  latest(job: string): Promise<JobRun | undefined>;
}

/** The durable outbox of proactive messages, with a status per message. */
export interface Outbox {
  /** Writes messages before anything is sent; a key already present is left as it is. */
  enqueue(messages: OutboundMessage[], now: string): Promise<{ queued: number; alreadyKnown: number }>;
  /** Takes the next due message and marks it Sending, atomically. */
  claimNext(now: string): Promise<OutboxMessage | undefined>;
  finish(id: number, status: FinalStatus, details: { at: string; activityId?: string; error?: string }): Promise<void>;
  retryLater(id: number, nextAttemptAt: string, error: string): Promise<void>;
  /** At start-up: messages left Sending by a stopped process go back in the queue. Returns how many. */
  recoverInterrupted(): Promise<number>;
  nextDueAt(): Promise<string | undefined>;
  get(key: string): Promise<OutboxMessage | undefined>;
  messagesOf(campaignId: string): Promise<OutboxMessage[]>;
  campaignSummary(campaignId: string): Promise<CampaignSummary>;
  pendingCount(): Promise<number>;
  /**
   * Puts one person's finished, undelivered messages back in the queue, due at `now` with their
   * attempts reset. Each message changes only if it still has one of the selected statuses, so two
   * callers at once (two activities, two instances) requeue it once. Returns how many were requeued.
   */
  requeue(selection: RequeueSelection, now: string): Promise<number>;
  /** Removes finished messages (not Queued or Sending) of campaigns whose id starts with the prefix, queued before `before`. */
  deleteFinished(campaignPrefix: string, before: string): Promise<number>;
}

export interface Counters {
  /**
   * The next number under `name`; on first use it starts after `floor()` (the highest number already
   * in use). With an `allocation` (a form's submission id), the same allocation always gets the same
   * number, so a form sent twice uses up one.
   */
  next(name: string, floor: () => Promise<number>, allocation?: string): Promise<number>;
}

/** The first answer given to each question of a learning attempt: a card replayed from before an answer cannot change it. */
export interface LearningAnswers {
  /** Records `choice` unless the question was answered in this attempt; returns the answer that stands. */
  answerOnce(entry: { personId: string; attempt: string; question: number; choice: number }, now: string): Promise<number>;
}

export interface DurableTask {
  key: string;
  kind: string;
  payload: unknown;
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
}

/** Durable follow-up work: written before the app answers, done later, kept until done. */
export interface Tasks {
  /** Adds a task once per key; false when it was already there. */
  add(task: { key: string; kind: string; payload: unknown }, now: string): Promise<boolean>;
  get(key: string): Promise<DurableTask | undefined>;
  due(now: string, limit: number): Promise<DurableTask[]>;
  /** Moves a task on to its next kind of work. */
  replace(key: string, kind: string, payload: unknown, now: string): Promise<void>;
  postpone(key: string, nextAttemptAt: string, error: string): Promise<void>;
  done(key: string): Promise<void>;
  count(kind?: string): Promise<number>;
}

export interface LedgerEntry {
  year: number;
  quarter: number;
  kind: string;
  committee: string;
  person: string;
}

export interface ReminderLedger {
  /** True for the one caller that records the entry first; false for every repeat. */
  claim(entry: LedgerEntry, at: string): Promise<boolean>;
  has(entry: LedgerEntry): Promise<boolean>;
  count(): Promise<number>;
  /** Removes entries whose kind starts with the prefix, recorded before `before`. */
  deleteBefore(kindPrefix: string, before: string): Promise<number>;
}

export interface OperationalStore {
  readonly ledger: ReminderLedger;
  readonly counters: Counters;
  readonly tasks: Tasks;
  readonly learningAnswers: LearningAnswers;
  readonly conversations: ConversationReferences;
  readonly jobRuns: JobRuns;
  readonly outbox: Outbox;
  close(): Promise<void>;
}
