/**
 * Slows the whole sender, not just one message, when the service keeps answering 429: every 429
 * halves the rate (down to a quarter) and pauses all sends for its Retry-After; each success gives
 * back a little, so the rate climbs back once the service is happy.
 */
export class AdaptiveThrottle {
  private scale = 1;
  private pausedUntil = 0;
  throttledCount = 0;

  constructor(
    private readonly minScale = 0.25,
    private readonly recoveryPerSuccess = 0.02,
  ) {}

  onThrottled(now: number, retryAfterMs: number): void {
    this.throttledCount++;
    this.scale = Math.max(this.minScale, this.scale / 2);
    this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
  }

  onSuccess(): void {
    this.scale = Math.min(1, this.scale + this.recoveryPerSuccess);
  }

  /** The share of the configured rate to use now (0.25–1). */
  get rateScale(): number {
    return this.scale;
  }

  /** How long every sender must wait before the next send. */
  pauseMs(now: number): number {
    return Math.max(0, this.pausedUntil - now);
  }
}
