/**
 * A token bucket with time passed in by the caller (tests move it by hand): `ratePerSecond` tokens
 * are earned, at most `capacity` are held, and a send takes one. A capacity a little above one
 * paces sends evenly yet lets a send whose timer fired late catch up, instead of losing its turn
 * for good — on a busy machine timers are late all the time.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private ratePerSecond: number,
    private capacity: number,
    now: number,
  ) {
    // One token to start with: the first send goes at once, the next ones at the rate.
    this.tokens = Math.min(1, capacity);
    this.updatedAt = now;
  }

  /** Takes a token if there is one and returns 0; otherwise returns the ms until there will be one, taking nothing. */
  tryTake(now: number): number {
    this.earn(now);
    if (now >= this.updatedAt && this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    const paused = Math.max(0, this.updatedAt - now);
    return Math.max(1, Math.ceil(paused + ((1 - this.tokens) * 1000) / this.ratePerSecond));
  }

  /** Sets the rate and capacity from `now` on; what was earned before at the old rate is kept, up to the new capacity. */
  configure(now: number, ratePerSecond: number, capacity: number): void {
    this.earn(now);
    this.ratePerSecond = ratePerSecond;
    this.capacity = capacity;
    this.tokens = Math.min(this.tokens, capacity);
  }

  /**
   * Nothing is earned before `until` and what was saved is given up: the service asked for a pause
   * (Retry-After), and a burst of saved turns right after it would be throttled again.
   */
  holdUntil(until: number): void {
    if (until <= this.updatedAt) return;
    this.tokens = Math.min(this.tokens, 0);
    this.updatedAt = until;
  }

  get rate(): number {
    return this.ratePerSecond;
  }

  private earn(now: number): void {
    if (now <= this.updatedAt) return;
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) * this.ratePerSecond) / 1000);
    this.updatedAt = now;
  }
}
