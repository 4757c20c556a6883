import { AdaptiveThrottle, type ThrottleSettings } from './adaptive-throttle';
import { GatedQueue } from './gated-queue';
import { TokenBucket } from './token-bucket';

/** A send's turn: it may go now, and asks again at leaving (after the hand-over is written). */
export interface Turn {
  /** Resolves when the send may leave: at once, unless the window has seen its limit of departures. */
  leave(): Promise<void>;
}

/**
 * The turns to send to one tenant: senders ask for a turn and get it in the order they asked,
 * paced by a token bucket at the adaptive throttle's rate. One timer serves the whole queue, so
 * many waiting sends cost one wake-up per turn. The bucket may save a few turns, so that sends
 * whose timer fired late (as timers do on a busy machine) catch up instead of being lost; what
 * keeps the catching up within the service's limit is a count of the turns actually handed out in
 * the last window, held to the allowed rate less half the margin (the other half is for jitter on
 * the way to the service).
 *
 * Between its turn and its request the sender writes the hand-over to the store, which takes from a
 * few to a hundred milliseconds on Table Storage: sends whose write was slow then leave together
 * with the next ones, and the service, which counts arrivals, sees a bunch. So a send also asks to
 * leave (`Turn.leave`), and waits only if the service's own limit (no margin: the turns keep that)
 * has left in the last window — a send that would have been refused with a 429. Counting turns from
 * when they leave instead would be safe too, but slower by the whole write time in every window;
 * and a gate at the turns' own limit held most sends a little, each marked as handed over but not
 * yet sent, which a crash then could not tell from sent.
 */
export class TenantPacer {
  readonly throttle: AdaptiveThrottle;
  private readonly bucket: TokenBucket;
  /** Sends waiting for their turn, and sends waiting to leave. */
  private readonly turns: GatedQueue;
  private readonly leaving: GatedQueue;
  /** When the turns of the last window were handed out, oldest first. */
  private readonly handedOut: number[] = [];
  /** When the sends of the last window left, oldest first. */
  private readonly departures: number[] = [];
  private readonly turnHandle: Turn = { leave: () => this.leave() };
  /** Sends the gate held at leaving, and for how long in all and at most: how often a crash could find one marked but not sent. */
  readonly held = { count: 0, totalMs: 0, maxMs: 0 };
  private readonly windowMs: number;

  constructor(
    settings: Partial<ThrottleSettings> & Pick<ThrottleSettings, 'safePerSecond'>,
    private readonly now: () => number = Date.now,
  ) {
    this.throttle = new AdaptiveThrottle(settings, now());
    this.windowMs = settings.windowMs ?? 1000;
    this.bucket = new TokenBucket(this.throttle.ratePerSecond, this.throttle.burst, now());
    this.turns = new GatedQueue(now, (at) => this.windowWait(at) || this.bucket.tryTake(at));
    this.leaving = new GatedQueue(now, (at) => this.capWait(this.departures, at, this.departureCap));
  }

  /** The most turns handed out in any one window. */
  get windowCap(): number {
    const { allowedPerSecond, margin } = this.throttle;
    return Math.max(1, Math.floor(((allowedPerSecond * this.windowMs) / 1000) * (1 - margin / 2)));
  }

  /** The most sends that may leave in any one window: the service's own limit, no margin. */
  get departureCap(): number {
    return Math.max(1, Math.floor((this.throttle.allowedPerSecond * this.windowMs) / 1000));
  }

  /** Ms until one more of `times` fits in the window ending now under `cap`: 0 when it does. */
  private capWait(times: number[], now: number, cap: number): number {
    while (times.length > 0 && times[0]! <= now - this.windowMs) times.shift();
    return times.length >= cap ? times[times.length - cap]! + this.windowMs - now + 1 : 0;
  }

  /** Ms until one more turn fits in the window: 0 when it does now. */
  private windowWait(now: number): number {
    const full = this.capWait(this.handedOut, now, this.windowCap);
    if (full > 0) return full;
    // Catching up goes at twice the rate at most, not all at once: a bunch would arrive as one.
    const last = this.handedOut[this.handedOut.length - 1];
    const gap = 500 / this.throttle.ratePerSecond;
    return last !== undefined && now - last < gap ? Math.ceil(last + gap - now) : 0;
  }

  /** Resolves when one more send to the tenant may go. */
  turn(): Promise<Turn> {
    return new Promise((resolve) =>
      this.turns.add((now) => {
        this.handedOut.push(now);
        resolve(this.turnHandle);
      }),
    );
  }

  onSuccess(sentAt: number): void {
    this.throttle.onSuccess(this.now(), sentAt);
    this.follow();
  }

  onThrottled(sentAt: number, retryAfterMs: number): void {
    this.throttle.onThrottled(this.now(), sentAt, retryAfterMs);
    this.bucket.holdUntil(this.throttle.pausedUntil);
    this.follow();
  }

  /** Sends waiting for a turn. */
  get queued(): number {
    return this.turns.length;
  }

  /** The bucket follows the throttle's current rate, and the turns' timer the bucket's new schedule. */
  private follow(): void {
    const { ratePerSecond, burst } = this.throttle;
    if (ratePerSecond === this.bucket.rate && this.throttle.pauseMs(this.now()) === 0) return;
    this.bucket.configure(this.now(), ratePerSecond, burst);
    this.turns.reschedule();
  }

  private leave(): Promise<void> {
    const asked = this.now();
    return new Promise((resolve) =>
      this.leaving.add((now) => {
        this.departures.push(now);
        const ms = now - asked;
        if (ms > 0) {
          this.held.count++;
          this.held.totalMs += ms;
          this.held.maxMs = Math.max(this.held.maxMs, ms);
        }
        resolve();
      }),
    );
  }
}
