import type { Clock } from '../clock/clock';
import type { Logger } from '../logging/logger';
import type { OperationalStore } from '../ops/operational-store';
import type { CampaignSummary, OutboundMessage, OutboxMessage } from '../ops/outbox-types';
import { ConcurrencyLimit } from './concurrency-limit';
import type { InstallBeforeSend } from './install-before-send';
import { SendError, type MessageSender } from './message-sender';
import { ratePerSecond, TEAMS_RATE_LIMITS, TEAMS_TENANT_CEILING, type RateLimits, type RateWindow } from './rate-limits';
import { sendAgainIfInDoubt } from './in-doubt';
import { unreachedSelection } from './resend-unreached';
import { describeFailure, retryDelayMs, verdictFor, type BackoffOptions, type SendFailure } from './send-failures';
import { SlidingWindowLimiter } from './sliding-window-limiter';
import { TenantPacer, type Turn } from './tenant-pacer';

export interface DeliveryOptions {
  /** Where sending starts per tenant (the safe rate), and the per-conversation limits. */
  limits: RateLimits;
  /** How far the rate per tenant is probed while no 429 comes; at or below `limits.perTenant`: no probing. */
  tenantCeiling: RateWindow[];
  /** The most sends in flight at once; below it, the number follows the measured answer time (concurrency-limit.ts). */
  concurrency: number;
  /** Attempts per message before it ends as Failed. */
  maxAttempts: number;
  backoff: BackoffOptions;
  /** Days back that an unreached incident notification is sent again when the person gets a chat with the bot; 0 = never. */
  resendUnreachedDays: number;
  /** Installs the app for someone without a chat before giving up on them; none: they are AppNotInstalled at once. */
  installer?: InstallBeforeSend;
  /**
   * Claims made at once. One with SQLite, where a claim takes microseconds; with Table Storage a
   * claim is four or five round trips, and one at a time would cap the rate at what they allow.
   */
  claimsAtOnce: number;
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  limits: TEAMS_RATE_LIMITS,
  tenantCeiling: TEAMS_TENANT_CEILING,
  concurrency: 64,
  maxAttempts: 6,
  backoff: { baseMs: 1000, maxMs: 60_000 },
  resendUnreachedDays: 14,
  claimsAtOnce: 1,
};

/**
 * Each conversation window is kept 10 % wider than the service's, for differences in travel time: a
 * send held up on a busy machine must not land inside the window of the next. It costs a broadcast
 * nothing (one message a chat); only a chat sent many messages at once waits a little longer.
 */
const CONVERSATION_MARGIN = 0.1;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one way the app sends proactive messages. A message is written to the outbox before it is
 * sent, with an idempotency key; senders claim messages atomically, wait for the shared rate
 * limits (per tenant and per conversation), send, and record the outcome.
 *
 * Per tenant the sends are paced by a token bucket whose rate adapts to the service's answers
 * (tenant-pacer.ts, adaptive-throttle.ts); the number in flight follows the answer time
 * (concurrency-limit.ts), so the rate is reached whether the Bot Connector answers in 50 ms or 500.
 *
 * Which way it errs when the process dies: a message claimed but not yet handed to the Bot
 * Connector (waiting for its turn) is sent again, and cannot arrive twice. A message handed over
 * (marked just before the request) whose answer was never recorded may have arrived: what to do
 * with it is the message's own rule (in-doubt.ts) — incident notifications are sent again (at
 * least once: a missed one costs a 72-hour clock), everything else is recorded Sent (at most once:
 * the campaign's reminder follows). The window is one request per send in flight, about the answer
 * time; outside it nobody is skipped and nobody gets a message twice.
 */
export class DeliveryService {
  private readonly conversationLimiter: SlidingWindowLimiter;
  private readonly pacers = new Map<string, TenantPacer>();
  readonly concurrency: ConcurrencyLimit;
  private running = false;
  private dispatcher: Promise<void> = Promise.resolve();
  private inFlight = 0;
  private claiming = 0;
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
    this.conversationLimiter = new SlidingWindowLimiter(this.options.limits.perConversation, CONVERSATION_MARGIN);
    this.concurrency = new ConcurrencyLimit({ max: this.options.concurrency });
    this.resetWake();
  }

  /** 429s received from the Bot Connector since start, all tenants. */
  get throttledCount(): number {
    return [...this.pacers.values()].reduce((n, p) => n + p.throttle.throttledCount, 0);
  }

  /** Sends held at leaving by the departures' gate since start, all tenants (tenant-pacer.ts). */
  get heldAtLeaving(): { count: number; totalMs: number; maxMs: number } {
    const all = [...this.pacers.values()].map((p) => p.held);
    return { count: all.reduce((n, h) => n + h.count, 0), totalMs: all.reduce((n, h) => n + h.totalMs, 0), maxMs: Math.max(0, ...all.map((h) => h.maxMs)) };
  }

  /** The pacing of one tenant: its throttle's current rate, margin and 429s. */
  pacerOf(tenantId: string): TenantPacer {
    let pacer = this.pacers.get(tenantId);
    if (!pacer) {
      const { perTenant } = this.options.limits;
      pacer = new TenantPacer({
        safePerSecond: ratePerSecond(perTenant),
        ceilingPerSecond: ratePerSecond(this.options.tenantCeiling),
        windowMs: Math.min(...perTenant.map((w) => w.windowMs)),
      });
      this.pacers.set(tenantId, pacer);
    }
    return pacer;
  }

  /** Sends allowed in flight now: enough for every tenant's current rate at the measured answer time. */
  private concurrencyLimit(): number {
    const rate = [...this.pacers.values()].reduce((sum, p) => sum + p.throttle.allowedPerSecond, 0) || ratePerSecond(this.options.limits.perTenant);
    return this.concurrency.limitFor(rate);
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
    // Messages waiting for the chat an installation promised go at once.
    if ((await this.ops.outbox.bringForward(personId, now.toISOString())) > 0) this.nudge();
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

  /** Starts sending; first puts back what a stopped process left half-sent. */
  async start(): Promise<void> {
    if (this.running) return;
    const { requeued, settled } = await this.ops.outbox.recoverInterrupted(sendAgainIfInDoubt);
    if (requeued + settled > 0) this.logger.warn({ requeued, settled }, 'avbrutna sändningar: de som inte hade lämnats över läggs tillbaka i kön');
    this.running = true;
    this.dispatcher = this.dispatch();
  }

  /** Stops taking new messages and waits for the sends in flight to be recorded. */
  async stop(): Promise<void> {
    this.running = false;
    this.nudge();
    await this.dispatcher;
  }

  /** Resolves when nothing is queued or being sent (for commands and tests). */
  async drained(pollMs = 50): Promise<void> {
    while ((await this.ops.outbox.pendingCount()) > 0) await sleep(pollMs);
  }

  /**
   * Claiming loops (`claimsAtOnce`, one with SQLite) take messages while fewer than the concurrency
   * limit are under way or being claimed, and start a send for each; a finished send wakes them.
   * The store hands concurrent claims the due messages in order, each to one of them.
   */
  private async dispatch(): Promise<void> {
    const underWay = new Set<Promise<void>>();
    await Promise.all(Array.from({ length: Math.max(1, this.options.claimsAtOnce) }, () => this.claimLoop(underWay)));
    await Promise.all(underWay);
  }

  private async claimLoop(underWay: Set<Promise<void>>): Promise<void> {
    while (this.running) {
      // Taken before looking, so that a send finishing or a message enqueued meanwhile is not missed.
      const signal = this.wakeSignal;
      if (this.inFlight + this.claiming >= this.concurrencyLimit()) {
        await signal;
        continue;
      }
      let message: OutboxMessage | undefined;
      this.claiming++;
      try {
        message = await this.ops.outbox.claimNext(this.clock.now().toISOString());
      } catch (err) {
        this.logger.error({ err: (err as Error).message }, 'kunde inte hämta nästa utskick');
        await Promise.race([sleep(1000), signal]);
        continue;
      } finally {
        this.claiming--;
      }
      if (!message) {
        await this.idle(signal);
        continue;
      }
      this.inFlight++;
      const send: Promise<void> = this.deliverAndRecord(message).finally(() => {
        this.inFlight--;
        underWay.delete(send);
        this.nudge();
      });
      underWay.add(send);
    }
  }

  private async deliverAndRecord(message: OutboxMessage): Promise<void> {
    try {
      await this.deliver(message);
    } catch (err) {
      // The store failed while recording: the message stays Sending and is retried after a restart.
      this.logger.error({ err: (err as Error).message, key: message.key }, 'kunde inte registrera ett utskick');
    }
  }

  private async idle(signal: Promise<void>): Promise<void> {
    const due = await this.ops.outbox.nextDueAt();
    const wait = due ? Math.min(1000, Math.max(5, Date.parse(due) - this.clock.now().getTime())) : 1000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, wait))), signal]);
    // Woken early: the timer must not keep a stopped service's process alive.
    clearTimeout(timer);
  }

  /**
   * Waits until both the conversation's windows and the tenant's pacing allow one more send. The
   * conversation is asked first and again after the tenant's turn: a second message to the same
   * chat may have taken its place meanwhile, and then the turn is given up rather than the limit.
   */
  private async waitForTurn(pacer: TenantPacer, conversationId: string): Promise<Turn> {
    for (;;) {
      const now = Date.now();
      const free = this.conversationLimiter.earliest(conversationId, now);
      if (free > now) {
        await sleep(free - now);
        continue;
      }
      const turn = await pacer.turn();
      const at = Date.now();
      if (this.conversationLimiter.earliest(conversationId, at) <= at) {
        this.conversationLimiter.book(conversationId, at, at);
        return turn;
      }
    }
  }

  private async deliver(message: OutboxMessage): Promise<void> {
    const outbox = this.ops.outbox;
    let conversation = await this.ops.conversations.personalChatOf(message.personId);
    if (!conversation && this.options.installer) {
      if ((await this.options.installer.noChat(message, this.clock.now())) === 'handled') {
        // The chat may have arrived while the installation was under way, before the message was back in the queue.
        if (await this.ops.conversations.personalChatOf(message.personId)) await this.resendUnreached(message.personId);
        return;
      }
      // The app was there already and its chat is known now: send at once.
      conversation = await this.ops.conversations.personalChatOf(message.personId);
    }
    if (!conversation) {
      await outbox.finish(message.id, 'AppNotInstalled', { at: this.clock.now().toISOString(), error: 'Infosäk är inte installerad hos mottagaren' });
      // The app may have been installed between the look-up and the mark, when resendUnreached found this message still Sending.
      if (await this.ops.conversations.personalChatOf(message.personId)) await this.resendUnreached(message.personId);
      return;
    }
    const pacer = this.pacerOf(conversation.tenantId);
    const turn = await this.waitForTurn(pacer, conversation.conversationId);
    const turnAt = Date.now();
    const now = this.clock.now().toISOString();
    // Stopped (shutting down, or no longer leading) while it waited for its turn: it has not left,
    // so it goes back in the queue for whoever sends next, without counting as an attempt.
    if (!this.running) return outbox.postpone(message.id, now, 'avsändaren stoppades före sändningen');
    // Recorded before the request: after a crash, only a message handed over can have arrived.
    let mine: boolean;
    try {
      mine = await outbox.handOver(message.id, now);
    } catch (err) {
      // Nothing has left: back in the queue rather than Sending until the next start.
      await outbox.retryLater(message.id, new Date(this.clock.now().getTime() + 5000).toISOString(), `kunde inte registrera överlämningen: ${(err as Error).message}`);
      return;
    }
    // Another instance leads now and has taken this message over: it sends it, not this one.
    if (!mine) return;
    // Sent the moment the mark is written: a crash between the two loses the card, so nothing waits
    // there but the departures' gate, which holds a send only while a slow write has bunched them.
    await turn.leave();
    const sentAt = Date.now();
    try {
      const activityId = await this.sender.send(conversation.reference, message.activity);
      // From the turn: the hand-over's write holds a place in flight as the answer does.
      this.concurrency.recordLatency(Date.now() - turnAt);
      pacer.onSuccess(sentAt);
      await outbox.finish(message.id, 'Sent', { at: this.clock.now().toISOString(), ...(activityId ? { activityId } : {}) });
    } catch (err) {
      const failure = toFailure(err);
      if (failure.status !== undefined) this.concurrency.recordLatency(Date.now() - turnAt);
      await this.recordFailure(message, failure, pacer, sentAt);
    }
  }

  private async recordFailure(message: OutboxMessage, failure: SendFailure, pacer: TenantPacer, sentAt: number): Promise<void> {
    const outbox = this.ops.outbox;
    const now = this.clock.now();
    const verdict = verdictFor(failure);
    const delay = retryDelayMs(failure, message.attempts, this.options.backoff);
    if (failure.status === 429) pacer.onThrottled(sentAt, delay);
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
