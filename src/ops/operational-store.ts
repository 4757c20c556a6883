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

export interface OperationalStore {
  readonly conversations: ConversationReferences;
  readonly jobRuns: JobRuns;
  close(): Promise<void>;
}
