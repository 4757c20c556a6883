import type { RateWindow } from './rate-limits';

/**
 * A sliding-window limiter per key: never more than `limit` sends in any `windowMs`, for every
 * window at once. `reserve` books the earliest allowed moment and returns how long to wait for it,
 * so concurrent senders share one schedule instead of racing. Time comes from the caller (tests
 * move it by hand).
 */
export class SlidingWindowLimiter {
  private readonly log = new Map<string, number[]>();
  private readonly longest: number;
  private readonly windows: RateWindow[];

  /**
   * `safetyMargin` widens each window by a share of it (at least 25 ms): the service counts arrivals,
   * and a request that travelled faster than the one before it must not land inside the window.
   */
  constructor(
    windows: RateWindow[],
    safetyMargin = 0,
    /** Spread sends evenly (one every window/limit) instead of letting a window's worth go at once. */
    private readonly paced = false,
  ) {
    this.windows = windows.map((w) => ({ limit: w.limit, windowMs: safetyMargin > 0 ? w.windowMs + Math.max(25, Math.round(w.windowMs * safetyMargin)) : w.windowMs }));
    this.longest = Math.max(...this.windows.map((w) => w.windowMs));
  }

  /** The earliest moment ≥ now at which one more send under `key` keeps every window within its limit. */
  earliest(key: string, now: number, scale = 1): number {
    const events = this.log.get(key) ?? [];
    const last = events[events.length - 1];
    let t = Math.max(now, last ?? now);
    if (this.paced && last !== undefined) {
      const interval = Math.max(...this.windows.map((w) => w.windowMs / Math.max(1, Math.floor(w.limit * scale))));
      t = Math.max(t, last + interval);
    }
    for (;;) {
      let needed = t;
      for (const w of this.windows) {
        const limit = Math.max(1, Math.floor(w.limit * scale));
        // Events inside (t - window, t]: the oldest that must drop out first decides the wait.
        let inside = 0;
        for (let i = events.length - 1; i >= 0 && events[i]! > t - w.windowMs; i--) inside++;
        if (inside >= limit) needed = Math.max(needed, events[events.length - limit]! + w.windowMs);
      }
      if (needed === t) return t;
      t = needed;
    }
  }

  /** Books the earliest allowed moment under `key`; returns the wait in ms (0 = now). */
  reserve(key: string, now: number, scale = 1): number {
    const at = this.earliest(key, now, scale);
    this.book(key, at, now);
    return at - now;
  }

  /** Books a send at `at` under `key` (used when several limiters must agree on one moment). */
  book(key: string, at: number, now: number): void {
    const events = this.log.get(key) ?? [];
    events.push(at);
    // Forget what no window can see any more.
    let drop = 0;
    while (drop < events.length && events[drop]! <= now - this.longest) drop++;
    if (drop > 0) events.splice(0, drop);
    this.log.set(key, events);
  }

  /** Removes keys with nothing left in any window, so memory follows current traffic only. */
  prune(now: number): void {
    for (const [key, events] of this.log) if ((events[events.length - 1] ?? 0) <= now - this.longest) this.log.delete(key);
  }

  get size(): number {
    return this.log.size;
  }
}
