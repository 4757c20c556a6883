import type { Clock } from '../../src/clock/clock';

/**
 * A clock that starts at `from` and moves with real time: for tests and benches that need a given
 * day (a weekday morning in Stockholm) and yet wait for real delays to pass (a 429's Retry-After).
 */
export function movingClock(from: Date): Clock {
  const startedAt = Date.now();
  return { now: () => new Date(from.getTime() + (Date.now() - startedAt)) };
}
