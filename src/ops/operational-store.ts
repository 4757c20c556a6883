import type { CampaignSummary, FinalStatus, OutboundMessage, OutboxMessage, RequeueSelection, RestoredMessage } from './outbox-types';
import type { ConversationRecord } from './conversation-record';
import type { PassedMonthTally, PassedPair, PersonGroup, TrainingTallies } from '../learning/training-tally';
import type { IncidentSummary, IncidentTallyRow } from '../status/incident-tally';
import type { Learner } from '../learning/campaign';
import type { CampaignPeopleRow } from '../learning/campaign-figures';
import type { StaffMember, StaffSyncState } from '../organisation/staff';

/** The app's own bookkeeping: written often, valuable only to the running app (see ARCHITECTURE.md). */
export interface ConversationReferences {
  /** Saves or refreshes a conversation; keeps the welcome mark of an earlier save. */
  remember(record: Omit<ConversationRecord, 'welcomedAt'>): Promise<void>;
  get(conversationId: string): Promise<ConversationRecord | undefined>;
  /** The person's personal chat with the bot, if the app is installed for them. */
  personalChatOf(personId: string): Promise<ConversationRecord | undefined>;
  /** The conversation the bot heard from last: the tenant's service URL and the bot's own account, for a chat found through Graph. */
  latest(): Promise<ConversationRecord | undefined>;
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
  /**
   * Writes messages, all in one transaction, before anything is sent; a key already present is left
   * as it is. Messages may share one activity object (the same card to many people): it is then
   * serialised and stored once, and each message reads it back as its own.
   */
  enqueue(messages: OutboundMessage[], now: string): Promise<{ queued: number; alreadyKnown: number }>;
  /** Takes the next due message and marks it Sending, atomically. */
  claimNext(now: string): Promise<OutboxMessage | undefined>;
  finish(id: number, status: FinalStatus, details: { at: string; activityId?: string; error?: string }): Promise<void>;
  /** Back in the queue until its turn, without counting the claim as an attempt: it was not tried, only made to wait (an installation's turn). */
  postpone(id: number, nextAttemptAt: string, note: string): Promise<void>;
  /** Back in the queue until `nextAttemptAt`; `awaitingChat`: waiting for the chat an installation promised, which brings it forward. */
  retryLater(id: number, nextAttemptAt: string, error: string, awaitingChat?: boolean): Promise<void>;
  /**
   * Marks a message being sent as handed to the Bot Connector, just before the request: after a
   * stop, only a message so marked can have arrived. False when it is no longer this sender's
   * claim (another instance took the lead, recovered it and claimed it again): it must not be sent.
   */
  handOver(id: number, at: string): Promise<boolean>;
  /**
   * At start-up, the messages a stopped process left Sending. One never handed over goes back in
   * the queue. One handed over may have arrived, its answer unseen: back in the queue if
   * `sendAgain` says so (at least once), else recorded Sent with a note (at most once). Without
   * `sendAgain`, every one goes back in the queue. Returns how many went each way.
   */
  recoverInterrupted(sendAgain?: (message: { key: string; campaignId: string }) => boolean): Promise<{ requeued: number; settled: number }>;
  /**
   * Puts in messages moved from another operational store (`npm run ops -- copy-to-azure`), each as
   * it was there: status, attempts, times, error, activity id, whether it waits for a chat, when it
   * was enqueued. A message left Sending comes in Queued (its answer was never recorded). A key
   * already known is left as it is, so copying again adds nothing. Returns how many were put in.
   */
  restore(messages: readonly RestoredMessage[]): Promise<number>;
  nextDueAt(): Promise<string | undefined>;
  get(key: string): Promise<OutboxMessage | undefined>;
  messagesOf(campaignId: string): Promise<OutboxMessage[]>;
  campaignSummary(campaignId: string): Promise<CampaignSummary>;
  /**
   * A campaign's messages that found no chat, by why: the installation's outcome for the person
   * ('blocked', 'notFound', 'failed', 'installed' or 'alreadyInstalled' while no chat came), or
   * 'notTried' when the app was not installed for them (installation turned off).
   */
  unreachedReasons(campaignId: string): Promise<Record<string, number>>;
  /**
   * A campaign's people counted by how they ended (first card and reminders together): reached if
   * any message was sent, still queued if one is, otherwise by the last message's status and the
   * person's installation outcome.
   */
  campaignPeople(campaignId: string): Promise<CampaignPeopleRow[]>;
  /** The person now has a chat: their messages waiting for it (retryLater with awaitingChat) are due now; no other is touched. Returns how many. */
  bringForward(personId: string, now: string): Promise<number>;
  pendingCount(): Promise<number>;
  /**
   * Puts one person's finished, undelivered messages back in the queue, due at `now` with their
   * attempts reset. Each message changes only if it still has one of the selected statuses, so two
   * callers at once (two activities, two instances) requeue it once. Returns how many were requeued.
   */
  requeue(selection: RequeueSelection, now: string): Promise<number>;
  /** Removes a campaign's messages that have not gone out (Queued, waiting included): it was ended. A send under way is left to finish. Returns how many. */
  cancelQueued(campaignId: string): Promise<number>;
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
  /** `has` for a whole batch in one call, answers in the entries' order: a job over thousands of people checks them a batch at a time. */
  hasMany(entries: readonly LedgerEntry[]): Promise<boolean[]>;
  /** `claim` for a whole batch in one transaction, answers in the entries' order; each entry still goes to one caller only. */
  claimMany(entries: readonly LedgerEntry[], at: string): Promise<boolean[]>;
  /** When each entry was claimed (the `at` given), or undefined: a reminder sent today is told from one sent before. */
  claimedAtMany(entries: readonly LedgerEntry[]): Promise<(string | undefined)[]>;
  count(): Promise<number>;
  /** Removes entries whose kind starts with the prefix, recorded before `before`. */
  deleteBefore(kindPrefix: string, before: string): Promise<number>;
}

/**
 * The status figures' counts, kept current with every completion and incident write and recounted
 * from the records by a job (src/status/status-tallies.ts): the overview reads these few rows
 * instead of every role, completion and incident. Which write is newer is decided by a sequence
 * kept in the operational store itself, never by a clock (a job run with --now must not freeze them).
 */
export interface StatusTallies {
  /** The training tallies, or undefined before the first recount. */
  training(): Promise<TrainingTallies | undefined>;
  /**
   * Notes a pass; true when it is the person's first of the module (it was counted). The person's
   * group is noted too: someone hired, moved or gone since the last recount is counted where they are now.
   */
  recordPass(pair: PassedPair): Promise<boolean>;
  /**
   * For each person (id in lower case), whether a pass of the module is noted: the campaign job's
   * "who is done", without reading the module's completions. With `since` (ISO 8601), only a pass
   * whose latest retake was made at or after it counts (a campaign that skips recent passes).
   */
  passedAmong(moduleId: string, personIds: readonly string[], since?: string): Promise<boolean[]>;
  /** The passes by the month they were first made in (per group and module): the training figures month by month. */
  passedByMonth(): Promise<PassedMonthTally[]>;
  /** Starts a recount: what is noted after this, the recount (which reads the records after it) leaves alone. */
  beginRecount(): Promise<number>;
  /** A full recount of the training figures, begun with beginRecount: every learner in their group, and every pair in its person's group. */
  recountTraining(people: PersonGroup[], pairs: PassedPair[], since: number): Promise<void>;
  /** The year's incidents counted by summary, or undefined before the first recount. */
  incidents(year: number): Promise<IncidentTallyRow[] | undefined>;
  /** Notes an incident as written (by its list item id). */
  noteIncident(itemId: string, summary: IncidentSummary): Promise<void>;
  forgetIncident(itemId: string): Promise<void>;
  /** A full recount of the incidents, begun with beginRecount. */
  recountIncidents(incidents: { itemId: string; summary: IncidentSummary }[], since: number): Promise<void>;
}

/**
 * The people the sync has read from Entra ID (src/organisation/people-sync.ts): a copy that one
 * full read rebuilds. Before the first complete sync it is empty and `state()` undefined, and the
 * roles list says who the staff are, as it did before there was a sync.
 */
export interface StaffRegister {
  state(): Promise<StaffSyncState | undefined>;
  all(): Promise<StaffMember[]>;
  /** One person by object id, in any case. */
  get(personId: string): Promise<StaffMember | undefined>;
  /** Active people with a committee: every campaign's audience and the figures' denominators. */
  learners(): Promise<Learner[]>;
  /** Active people the mapping placed nowhere, by the attribute's value that did not map (undefined: none), most first. */
  unmapped(): Promise<{ value: string | undefined; count: number }[]>;
  /** Forgets every person and the sync's state: the sync was turned off, and the roles list says who works where again. */
  clear(): Promise<void>;
  /** One sync's outcome and its new deltaLink, in one transaction: all of it or none. */
  save(change: { upsert: StaffMember[]; remove: string[]; state: StaffSyncState }): Promise<void>;
}

/** What came of installing the app for a person (src/delivery/install-before-send.ts). */
export interface InstallRecord {
  personId: string;
  outcome: 'installed' | 'alreadyInstalled' | 'blocked' | 'notFound' | 'failed';
  /** What Graph said, for the operator: the policy that blocked it, say. */
  detail?: string;
  at: string;
}

/** The latest installation attempt per person: campaigns say from it why someone was not reached, and nobody is installed for twice. */
export interface AppInstallations {
  get(personId: string): Promise<InstallRecord | undefined>;
  record(record: InstallRecord): Promise<void>;
  counts(): Promise<Partial<Record<InstallRecord['outcome'], number>>>;
}

export interface OperationalStore {
  readonly staff: StaffRegister;
  readonly installations: AppInstallations;
  readonly tallies: StatusTallies;
  readonly ledger: ReminderLedger;
  readonly counters: Counters;
  readonly tasks: Tasks;
  readonly learningAnswers: LearningAnswers;
  readonly conversations: ConversationReferences;
  readonly jobRuns: JobRuns;
  readonly outbox: Outbox;
  close(): Promise<void>;
}
