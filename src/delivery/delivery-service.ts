import type { Clock } from '../clock/clock';
import type { Logger } from '../logging/logger';
import type { OperationalStore } from '../ops/operational-store';
import { AdaptiveThrottle } from './adaptive-throttle';
import type { CampaignSummary, OutboundMessage, OutboxMessage } from '../ops/outbox-types';
import { SendError, type MessageSender } from './message-sender';
import { TEAMS_RATE_LIMITS, type RateLimits } from './rate-limits';
import { unreachedSelection } from './resend-unreached';
import { describeFailure, retryDelayMs, verdictFor, type BackoffOptions, type SendFailure } from './send-failures';
import { SlidingWindowLimiter } from './sliding-window-limiter';

export interface DeliveryOptions {
  limits: RateLimits;
  /** Sends in flight at once; enough to keep the tenant's rate busy while answers travel. */
  concurrency: number;
  /** Attempts per message before it ends as Failed. */
  maxAttempts: number;
  backoff: BackoffOptions;
  /** Days back that an unreached incident notification is sent again when the person gets a chat with the bot; 0 = never. */
  resendUnreachedDays: number;
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  limits: TEAMS_RATE_LIMITS,
  concurrency: 8,
  maxAttempts: 6,
  backoff: { baseMs: 1000, maxMs: 60_000 },
  resendUnreachedDays: 14,
};

/** Each window is kept 2 % (at least 25 ms) wider than the service's, for differences in travel time. */
const SAFETY_MARGIN = 0.02;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one way the app sends proactive messages. A message is written to the outbox before it is
 * sent, with an idempotency key; senders claim messages atomically, wait for the shared rate
 * limits (per tenant and per conversation), send, and record the outcome.
 *
 * Which way it errs: a message whose send was under way when the process died (status Sending at
 * start-up) is sent again. The window is one request per concurrent sender — the time between
 * handing the activity to the Bot Connector and recording its answer, a few milliseconds — and in
 * it a person may get a message twice; outside it nobody is skipped and nobody gets a message
 * twice. At least once was chosen over at most once because a missed incident notification (a
 * 72-hour clock) costs more than a repeated reminder.
 */
export class DeliveryService {
  private readonly tenantLimiter: SlidingWindowLimiter;
  private readonly conversationLimiter: SlidingWindowLimiter;
  readonly throttle = new AdaptiveThrottle();
  private running = false;
  private loops: Promise<void>[] = [];
  private wake: () => void = () => undefined;
  private wakeSignal: Promise<void> = Promise.resolve();
  private readonly options: DeliveryOptions;

  constructor(
    private readonly ops: OperationalStore,
    private readonly sender: MessageSender,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: Partial<DeliveryOptions> = {},
  ) {
    this.options = { ...DEFAULT_DELIVERY_OPTIONS, ...options };
    // Paced: a burst of a whole second's sends would arrive bunched and unevenly, and the service counts arrivals.
    this.tenantLimiter = new SlidingWindowLimiter(this.options.limits.perTenant, SAFETY_MARGIN, true);
    this.conversationLimiter = new SlidingWindowLimiter(this.options.limits.perConversation, SAFETY_MARGIN);
    this.resetWake();
  }

  private resetWake(): void {
    this.wakeSignal = new Promise((resolve) => (this.wake = resolve));
  }

  /** Writes messages to the outbox (before anything is sent) and wakes the senders. */
  async enqueue(messages: OutboundMessage[]): Promise<{ queued: number; alreadyKnown: number }> {
    const result = await this.ops.outbox.enqueue(messages, this.clock.now().toISOString());
    this.nudge();
    return result;
  }

  /**
   * The person now has a personal chat with the bot (installed the app, wrote, pressed a button):
   * their incident notifications that found no chat go back in the queue and are sent at once.
   * Safe to call on every activity: a message is requeued only from AppNotInstalled or
   * RecipientNotFound, so it is sent once however many callers race (see resend-unreached.ts).
   */
  async resendUnreached(personId: string): Promise<number> {
    const now = this.clock.now();
    const selection = unreachedSelection(personId, now, this.options.resendUnreachedDays);
    if (!selection) return 0;
    const requeued = await this.ops.outbox.requeue(selection, now.toISOString());
    if (requeued > 0) {
      this.logger.info({ requeued }, 'olevererade incidentmeddelanden skickas igen');
      this.nudge();
    }
    return requeued;
  }

  private nudge(): void {
    this.wake();
    this.resetWake();
  }

  async campaignStatus(campaignId: string): Promise<CampaignSummary> {
    return this.ops.outbox.campaignSummary(campaignId);
  }

  async messageStatus(key: string): Promise<OutboxMessage | undefined> {
    return this.ops.outbox.get(key);
  }

  /** Starts the senders; first puts back what a stopped process left half-sent. */
  async start(): Promise<void> {
    if (this.running) return;
    const recovered = await this.ops.outbox.recoverInterrupted();
    if (recovered > 0) this.logger.warn({ recovered }, 'avbrutna sändningar läggs tillbaka i kön');
    this.running = true;
    this.loops = Array.from({ length: this.options.concurrency }, () => this.senderLoop());
  }

  /** Stops taking new messages and waits for the sends in flight to be recorded. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await Promise.all(this.loops);
    this.loops = [];
  }

  /** Resolves when nothing is queued or being sent (for commands and tests). */
  async drained(pollMs = 50): Promise<void> {
    while ((await this.ops.outbox.pendingCount()) > 0) await sleep(pollMs);
  }

  private async senderLoop(): Promise<void> {
    while (this.running) {
      const message = await this.ops.outbox.claimNext(this.clock.now().toISOString());
      if (!message) {
        await this.idle();
        continue;
      }
      try {
        await this.deliver(message);
      } catch (err) {
        // The store failed while recording: the message stays Sending and is retried after a restart.
        this.logger.error({ err: (err as Error).message, key: message.key }, 'kunde inte registrera ett utskick');
      }
    }
  }

  private async idle(): Promise<void> {
    const due = await this.ops.outbox.nextDueAt();
    const wait = due ? Math.min(1000, Math.max(5, Date.parse(due) - this.clock.now().getTime())) : 1000;
    await Promise.race([sleep(wait), this.wakeSignal]);
  }

  /** Waits until both the tenant's and the conversation's windows allow one more send, and books it. */
  private async waitForTurn(tenantId: string, conversationId: string): Promise<void> {
    for (let pause = this.throttle.pauseMs(Date.now()); pause > 0; pause = this.throttle.pauseMs(Date.now())) await sleep(pause);
    const now = Date.now();
    const scale = this.throttle.rateScale;
    let at = now;
    for (;;) {
      const tenantAt = this.tenantLimiter.earliest(tenantId, at, scale);
      const both = this.conversationLimiter.earliest(conversationId, tenantAt);
      if (both === tenantAt) {
        at = both;
        break;
      }
      at = both;
    }
    this.tenantLimiter.book(tenantId, at, now);
    this.conversationLimiter.book(conversationId, at, now);
    if (at > now) await sleep(at - now);
  }

  private async deliver(message: OutboxMessage): Promise<void> {
    const outbox = this.ops.outbox;
    const conversation = await this.ops.conversations.personalChatOf(message.personId);
    if (!conversation) {
      await outbox.finish(message.id, 'AppNotInstalled', { at: this.clock.now().toISOString(), error: 'Infosäk är inte installerad hos mottagaren' });
      // The app may have been installed between the look-up and the mark, when resendUnreached found this message still Sending.
      if (await this.ops.conversations.personalChatOf(message.personId)) await this.resendUnreached(message.personId);
      return;
    }
    await this.waitForTurn(conversation.tenantId, conversation.conversationId);
    try {
      const activityId = await this.sender.send(conversation.reference, message.activity);
      this.throttle.onSuccess();
      await outbox.finish(message.id, 'Sent', { at: this.clock.now().toISOString(), ...(activityId ? { activityId } : {}) });
    } catch (err) {
      await this.recordFailure(message, toFailure(err));
    }
  }

  private async recordFailure(message: OutboxMessage, failure: SendFailure): Promise<void> {
    const outbox = this.ops.outbox;
    const now = this.clock.now();
    const verdict = verdictFor(failure);
    const delay = retryDelayMs(failure, message.attempts, this.options.backoff);
    if (failure.status === 429) this.throttle.onThrottled(Date.now(), delay);
    const error = describeFailure(failure);
    if (verdict === 'retry' && message.attempts < this.options.maxAttempts) {
      await outbox.retryLater(message.id, new Date(now.getTime() + delay).toISOString(), error);
      this.logger.debug({ key: message.key, attempt: message.attempts, status: failure.status, delay }, 'utskick försöks igen');
      return;
    }
    await outbox.finish(message.id, verdict === 'retry' ? 'Failed' : verdict, { at: now.toISOString(), error });
    this.logger.warn({ key: message.key, status: failure.status, verdict }, 'utskick avslutat utan leverans');
  }
}

function toFailure(err: unknown): SendFailure {
  if (err instanceof SendError) {
    return {
      message: err.message,
      ...(err.status !== undefined ? { status: err.status } : {}),
      ...(err.code ? { code: err.code } : {}),
      ...(err.retryAfterSeconds !== undefined ? { retryAfterSeconds: err.retryAfterSeconds } : {}),
    };
  }
  return { message: err instanceof Error ? err.message : String(err) };
}
