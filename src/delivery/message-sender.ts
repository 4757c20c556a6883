import type { SendFailure } from './send-failures';

/** Sends one activity into an existing conversation. Implemented with botbuilder in bot/proactive-sender.ts. */
export interface MessageSender {
  /** Resolves with the new activity's id; rejects with a SendError. */
  send(reference: Record<string, unknown>, activity: Record<string, unknown>): Promise<string | undefined>;
}

export class SendError extends Error implements SendFailure {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'SendError';
  }
}
