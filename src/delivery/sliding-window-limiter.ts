import type { RateWindow } from './rate-limits';

/**
 * A sliding-window limiter per key: never more than `limit` sends in any `windowMs`, for every
 * window at once. `reserve` books the earliest allowed moment and returns how long to wait for it.
 * Time comes from the caller (tests move it by hand). Keys are conversations: a key is forgotten
 * once no window can see its sends, so memory follows the last hour's recipients rather than
 * everyone ever sent to.
 */
export class SlidingWindowLimiter {
  private readonly log = new Map<string, number[]>();
  private readonly longest: number;
  private readonly windows: RateWindow[];
  private readonly pruneEveryMs: number;
  private prunedAt = Number.NEGATIVE_INFINITY;

  /**
   * `safetyMargin` widens each window by a share of it (at least 25 ms): the service counts arrivals,
   * and a request that travelled faster than the one before it must not land inside the window.
   */
  constructor(windows: RateWindow[], safetyMargin = 0) {
    this.windows = windows.map((w) => ({ limit: w.limit, windowMs: safetyMargin > 0 ? w.windowMs + Math.max(25, Math.round(w.windowMs * safetyMargin)) : w.windowMs }));
    this.longest = Math.max(...this.windows.map((w) => w.windowMs));
    // A sweep of every key at most once a minute: cheap next to the sends, and memory lags traffic by a minute at most.
    this.pruneEveryMs = Math.min(this.longest, 60_000);
  }

  /** The earliest moment ≥ now at which one more send under `key` keeps every window within its limit. */
  earliest(key: string, now: number): number {
    const events = this.log.get(key) ?? [];
    let t = Math.max(now, events[events.length - 1] ?? now);
    for (;;) {
      let needed = t;
      for (const w of this.windows) {
        // Events inside (t - window, t]: the oldest that must drop out first decides the wait.
        let inside = 0;
        for (let i = events.length - 1; i >= 0 && events[i]! > t - w.windowMs; i--) inside++;
        if (inside >= w.limit) needed = Math.max(needed, events[events.length - w.limit]! + w.windowMs);
      }
      if (needed === t) return t;
      t = needed;
    }
  }

  /** Books the earliest allowed moment under `key`; returns the wait in ms (0 = now). */
  reserve(key: string, now: number): number {
    const at = this.earliest(key, now);
    this.book(key, at, now);
    return at - now;
  }

  /** Books a send at `at` under `key`. */
  book(key: string, at: number, now: number): void {
    const events = this.log.get(key) ?? [];
    events.push(at);
    // Forget what no window can see any more.
    let drop = 0;
    while (drop < events.length && events[drop]! <= now - this.longest) drop++;
    if (drop > 0) events.splice(0, drop);
    this.log.set(key, events);
    if (now - this.prunedAt >= this.pruneEveryMs) this.prune(now);
  }

  /** Removes keys with nothing left in any window. */
  prune(now: number): void {
    this.prunedAt = now;
    for (const [key, events] of this.log) if ((events[events.length - 1] ?? Number.NEGATIVE_INFINITY) <= now - this.longest) this.log.delete(key);
  }

  /** Keys remembered. */
  get size(): number {
    return this.log.size;
  }
}
