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

  constructor(private readonly windows: RateWindow[]) {
    this.longest = Math.max(...windows.map((w) => w.windowMs));
  }

  /** The earliest moment ≥ now at which one more send under `key` keeps every window within its limit. */
  earliest(key: string, now: number, scale = 1): number {
    const events = this.log.get(key) ?? [];
    let t = Math.max(now, events[events.length - 1] ?? now);
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
