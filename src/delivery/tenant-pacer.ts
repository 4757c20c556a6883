import { AdaptiveThrottle, type ThrottleSettings } from './adaptive-throttle';
import { TokenBucket } from './token-bucket';

/**
 * The turns to send to one tenant: senders ask for a turn and get it in the order they asked,
 * paced by a token bucket at the adaptive throttle's rate. One timer serves the whole queue, so
 * many waiting sends cost one wake-up per turn. The bucket may save a few turns, so that sends
 * whose timer fired late (as timers do on a busy machine) catch up instead of being lost; what
 * keeps the catching up within the service's limit is a count of the turns actually handed out in
 * the last window, held to the allowed rate less half the margin (the other half is for jitter on
 * the way to the service).
 */
export class TenantPacer {
  readonly throttle: AdaptiveThrottle;
  private readonly bucket: TokenBucket;
  private readonly waiting: (() => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the turns of the last window were handed out, oldest first. */
  private readonly handedOut: number[] = [];
  private readonly windowMs: number;

  constructor(
    settings: Partial<ThrottleSettings> & Pick<ThrottleSettings, 'safePerSecond'>,
    private readonly now: () => number = Date.now,
  ) {
    this.throttle = new AdaptiveThrottle(settings, now());
    this.windowMs = settings.windowMs ?? 1000;
    this.bucket = new TokenBucket(this.throttle.ratePerSecond, this.throttle.burst, now());
  }

  /** The most turns handed out in any one window. */
  get windowCap(): number {
    const { allowedPerSecond, margin } = this.throttle;
    return Math.max(1, Math.floor(((allowedPerSecond * this.windowMs) / 1000) * (1 - margin / 2)));
  }

  /** Ms until one more turn fits in the window: 0 when it does now. */
  private windowWait(now: number): number {
    while (this.handedOut.length > 0 && this.handedOut[0]! <= now - this.windowMs) this.handedOut.shift();
    const cap = this.windowCap;
    if (this.handedOut.length >= cap) return this.handedOut[this.handedOut.length - cap]! + this.windowMs - now + 1;
    // Catching up goes at twice the rate at most, not all at once: a bunch would arrive as one.
    const last = this.handedOut[this.handedOut.length - 1];
    const gap = 500 / this.throttle.ratePerSecond;
    return last !== undefined && now - last < gap ? Math.ceil(last + gap - now) : 0;
  }

  /** Resolves when one more send to the tenant may go. */
  turn(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.serve();
    });
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
    return this.waiting.length;
  }

  /** The bucket follows the throttle's current rate, and the timer the bucket's new schedule. */
  private follow(): void {
    const { ratePerSecond, burst } = this.throttle;
    if (ratePerSecond === this.bucket.rate && this.throttle.pauseMs(this.now()) === 0) return;
    this.bucket.configure(this.now(), ratePerSecond, burst);
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.serve();
  }

  private serve(): void {
    if (this.timer) return;
    while (this.waiting.length > 0) {
      const now = this.now();
      const wait = this.windowWait(now) || this.bucket.tryTake(now);
      if (wait > 0) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.serve();
        }, wait);
        return;
      }
      this.handedOut.push(now);
      this.waiting.shift()!();
    }
  }
}
