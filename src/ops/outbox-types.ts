/**
 * Proactive delivery: every message the app sends on its own (learning cards, reminders, incident
 * notifications) is written to a durable outbox first and sent from there. The model is the send
 * pipeline of Microsoft's Company Communicator: a queue, a status per recipient, a shared throttle
 * and delayed retries.
 */
export const FINAL_STATUSES = ['Sent', 'AppNotInstalled', 'Blocked', 'RecipientNotFound', 'Failed'] as const;
export type FinalStatus = (typeof FINAL_STATUSES)[number];
/** Queued: waiting (first try or a retry); Sending: handed to the Bot Connector, answer not yet recorded. */
export type DeliveryStatus = 'Queued' | 'Sending' | FinalStatus;

export interface OutboundMessage {
  /** Idempotency key, e.g. `learning:<campaign>:<person>`: enqueueing the same key twice sends once. */
  key: string;
  campaignId: string;
  /** aadObjectId of the recipient. */
  personId: string;
  /** The Bot Framework activity to send (text and/or attachments). */
  activity: Record<string, unknown>;
}

export interface OutboxMessage extends OutboundMessage {
  id: number;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  sentAt?: string;
  activityId?: string;
  enqueuedAt: string;
  /** Sending, and handed to the Bot Connector at this time (just before the request): it may have arrived. */
  handedOverAt?: string;
}

/** The note on a message recorded Sent after a stop while it was at the Bot Connector, its answer unseen. */
export const IN_DOUBT_NOTE = 'avbruten under sändning: kom troligen fram, skickas inte igen';

/** A message as another operational store held it, for Outbox.restore. */
export type RestoredMessage = Omit<OutboxMessage, 'id'> & { awaitingChat?: boolean };

/** Finished messages of one person that may go back in the queue; a Sent message never can. */
export interface RequeueSelection {
  personId: string;
  statuses: readonly Exclude<FinalStatus, 'Sent'>[];
  /** Only messages of campaigns whose id starts with this. */
  campaignPrefix: string;
  /** Only messages enqueued at or after this instant (ISO 8601). */
  enqueuedSince: string;
}

export type CampaignSummary = Record<DeliveryStatus, number> & { campaignId: string; total: number };
