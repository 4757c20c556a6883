import { AdaptiveThrottle } from '../../src/delivery/adaptive-throttle';
import { ConcurrencyLimit } from '../../src/delivery/concurrency-limit';
import { TEAMS_RATE_LIMITS } from '../../src/delivery/rate-limits';
import { SlidingWindowLimiter } from '../../src/delivery/sliding-window-limiter';
import { TenantPacer } from '../../src/delivery/tenant-pacer';
import { TokenBucket } from '../../src/delivery/token-bucket';

/** Takes every turn the bucket gives from `from` to `to`, checking each ms as a sender that is never late would. */
function takesBetween(bucket: TokenBucket, from: number, to: number): number[] {
  const taken: number[] = [];
  for (let t = from; t <= to; ) {
    const wait = bucket.tryTake(t);
    if (wait === 0) taken.push(t);
    else t += wait;
  }
  return taken;
}

/** The most of `times` inside any window of `windowMs` (as the service counts arrivals). */
function mostInAnyWindow(times: number[], windowMs: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[j]! <= times[i]! - windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/** A window's worth of successful sends at the throttle's current rate, all sent after `from`; returns when it ended. */
function cleanWindow(throttle: AdaptiveThrottle, from: number): number {
  const sends = Math.ceil(throttle.allowedPerSecond);
  for (let i = 0; i < sends; i++) throttle.onSuccess(from + 1000 + i, from + 1 + i);
  return from + 1000 + sends;
}

describe('the token bucket (time moved by hand)', () => {
  it('paces sends evenly at its rate', () => {
    const bucket = new TokenBucket(10, 1.5, 0);
    const taken = takesBetween(bucket, 0, 1999);
    expect(taken).toHaveLength(20);
    expect(taken.slice(0, 4)).toEqual([0, 100, 200, 300]);
    expect(mostInAnyWindow(taken, 1000)).toBeLessThanOrEqual(10);
  });

  it('lets a send woken late catch up, never by more than its capacity', () => {
    const bucket = new TokenBucket(10, 3, 0);
    expect(bucket.tryTake(0)).toBe(0);
    // Asleep for five seconds: fifty turns passed, three were saved.
    expect([bucket.tryTake(5000), bucket.tryTake(5000), bucket.tryTake(5000)]).toEqual([0, 0, 0]);
    expect(bucket.tryTake(5000)).toBe(100);
  });

  it('earns nothing during a Retry-After pause and saves no burst for after it', () => {
    const bucket = new TokenBucket(10, 3, 0);
    bucket.holdUntil(2000);
    expect(bucket.tryTake(1000)).toBe(1100);
    expect(takesBetween(bucket, 2000, 2299)).toEqual([2100, 2200]);
  });

  it('follows a new rate from the moment it is set', () => {
    const bucket = new TokenBucket(10, 1, 0);
    expect(bucket.tryTake(0)).toBe(0);
    bucket.configure(0, 50, 1);
    expect(takesBetween(bucket, 0, 100)).toEqual([20, 40, 60, 80, 100]);
  });
});

describe('the adaptive throttle: margin and probing (time moved by hand)', () => {
  const settings = { safePerSecond: 30, ceilingPerSecond: 50 };

  it('starts at the safe rate less a small margin', () => {
    const throttle = new AdaptiveThrottle(settings);
    expect(throttle.allowedPerSecond).toBe(30);
    expect(throttle.ratePerSecond).toBeCloseTo(29.4);
  });

  it('probes upwards one step after each clean window, up to the ceiling and no further', () => {
    const throttle = new AdaptiveThrottle(settings);
    const rates: number[] = [];
    for (let t = 0, i = 0; i < 6; i++) {
      t = cleanWindow(throttle, t);
      rates.push(Math.round(throttle.allowedPerSecond * 10) / 10);
    }
    expect(rates).toEqual([36, 43.2, 50, 50, 50, 50]);
  });

  it('does not probe when the ceiling is the safe rate', () => {
    const throttle = new AdaptiveThrottle({ safePerSecond: 30, ceilingPerSecond: 30 });
    for (let t = 0, i = 0; i < 5; i++) t = cleanWindow(throttle, t);
    expect(throttle.allowedPerSecond).toBe(30);
  });

  it('goes back at once to the last clean rate on a 429 during a probe, and probes again later with a smaller step', () => {
    const throttle = new AdaptiveThrottle(settings);
    let t = cleanWindow(throttle, 0); // 30 was clean: now probing 36
    expect(throttle.allowedPerSecond).toBe(36);
    throttle.onThrottled(t + 10, t + 5, 100);
    expect(throttle.allowedPerSecond).toBe(30);
    expect(throttle.margin).toBe(0.02); // the step explains the 429: no wider margin
    expect(throttle.pauseMs(t + 10)).toBe(100);
    // Clean windows during the hold (10 s) keep the rate where it is.
    t = cleanWindow(throttle, t + 10);
    expect(throttle.allowedPerSecond).toBe(30);
    // After the hold: a step of half the size (33), and the next 429 doubles the hold (20 s).
    t = cleanWindow(throttle, t + 10_000);
    expect(throttle.allowedPerSecond).toBeCloseTo(33);
    throttle.onThrottled(t + 10, t + 5, 100);
    expect(throttle.allowedPerSecond).toBe(30);
    t = cleanWindow(throttle, t + 15_000);
    expect(throttle.allowedPerSecond).toBe(30);
    t = cleanWindow(throttle, t + 6000);
    expect(throttle.allowedPerSecond).toBeCloseTo(31.5);
  });

  it('widens the margin on a 429 at a rate that was clean, instead of halving the rate, and narrows it again with clean windows', () => {
    const throttle = new AdaptiveThrottle({ safePerSecond: 50, ceilingPerSecond: 50 });
    throttle.onThrottled(1000, 900, 100);
    expect(throttle.margin).toBe(0.04);
    expect(throttle.ratePerSecond).toBeCloseTo(48); // the old throttle went to 25
    throttle.onThrottled(3000, 2900, 100);
    expect(throttle.margin).toBe(0.08);
    let t = 3000;
    for (let i = 0; i < 10; i++) t = cleanWindow(throttle, t);
    expect(throttle.margin).toBe(0.02);
    expect(throttle.ratePerSecond).toBeCloseTo(49);
  });

  it('reacts once to a bunch of 429s answering sends made before the reaction, and does not chain their pauses', () => {
    const throttle = new AdaptiveThrottle({ safePerSecond: 50, ceilingPerSecond: 50 });
    throttle.onThrottled(1000, 700, 100);
    throttle.onThrottled(1150, 750, 100);
    throttle.onThrottled(1300, 800, 100);
    expect(throttle.throttledCount).toBe(3);
    expect(throttle.margin).toBe(0.04);
    expect(throttle.pauseMs(1100)).toBe(0);
    // A send made after the reaction is new evidence.
    throttle.onThrottled(1400, 1200, 100);
    expect(throttle.margin).toBe(0.08);
    expect(throttle.pauseMs(1400)).toBe(100);
  });

  it('comes down below the configured rate when even the widest margin is throttled', () => {
    const throttle = new AdaptiveThrottle({ safePerSecond: 30, ceilingPerSecond: 30 });
    for (let t = 1000; t <= 4000; t += 1000) throttle.onThrottled(t, t - 1, 0);
    expect(throttle.margin).toBe(0.25);
    expect(throttle.allowedPerSecond).toBe(30);
    throttle.onThrottled(5000, 4999, 0);
    expect(throttle.allowedPerSecond).toBeCloseTo(22.5);
  });
});

describe('the tenant pacer (fake timers)', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(0);
  });
  afterEach(() => jest.useRealTimers());

  /** Asks for `count` turns at once and returns when each was handed out. */
  async function turns(pacer: TenantPacer, count: number, runForMs: number): Promise<number[]> {
    const at: number[] = [];
    for (let i = 0; i < count; i++) void pacer.turn().then(() => at.push(Date.now()));
    await jest.advanceTimersByTimeAsync(runForMs);
    return at;
  }

  it('hands out turns at the rate, in order, never more in a window than the service allows', async () => {
    const pacer = new TenantPacer({ safePerSecond: 50, ceilingPerSecond: 50 });
    const at = await turns(pacer, 200, 5000);
    expect(at).toHaveLength(200);
    expect(mostInAnyWindow(at, 1000)).toBeLessThanOrEqual(49);
    // 200 turns at 49 a second take a little over four seconds.
    expect(at[199]!).toBeGreaterThanOrEqual(4000);
    expect(at[199]!).toBeLessThan(4200);
  });

  it('catches up after a stall, faster than the rate but within the window', async () => {
    const pacer = new TenantPacer({ safePerSecond: 50, ceilingPerSecond: 50 });
    const at: number[] = [];
    for (let i = 0; i < 150; i++) void pacer.turn().then(() => at.push(Date.now()));
    await jest.advanceTimersByTimeAsync(1000);
    // The event loop is blocked for 300 ms (a busy machine): the next timer fires 300 ms late.
    const stallEnd = Date.now() + 300;
    jest.setSystemTime(stallEnd);
    await jest.advanceTimersByTimeAsync(2000);
    expect(mostInAnyWindow(at, 1000)).toBeLessThanOrEqual(49);
    // The rate alone gives about 10 turns in 200 ms; saved turns make up part of the stall.
    expect(at.filter((t) => t > stallEnd && t <= stallEnd + 200).length).toBeGreaterThanOrEqual(13);
  });

  it('holds a send at leaving while a slow hand-over has bunched the departures, so the service never sees more than its limit', async () => {
    const pacer = new TenantPacer({ safePerSecond: 50, ceilingPerSecond: 50 });
    const left: number[] = [];
    // The first hundred sends wait 300 ms between their turn and leaving (a slow write of the
    // hand-over); the rest are ready at once. Without the gate, 64 would leave in one second.
    for (let i = 0; i < 200; i++) {
      void pacer.turn().then(async (turn) => {
        if (i < 100) await new Promise((resolve) => setTimeout(resolve, 300));
        await turn.leave();
        left.push(Date.now());
      });
    }
    await jest.advanceTimersByTimeAsync(6000);
    expect(left).toHaveLength(200);
    // The service allows 50 a second: the turns keep to 49, the departures never pass 50.
    expect(mostInAnyWindow(left, 1000)).toBeLessThanOrEqual(50);
    // The pace is kept: 200 at 49 a second take 4.1 s, and the slow writes add their 300 ms once.
    expect(Math.max(...left)).toBeLessThan(4600);
  });

  it('lets a send leave at once when departures keep to the turns', async () => {
    const pacer = new TenantPacer({ safePerSecond: 50, ceilingPerSecond: 50 });
    const held: number[] = [];
    for (let i = 0; i < 150; i++) {
      void pacer.turn().then(async (turn) => {
        // Every write takes the same 40 ms: departures are the turns, shifted.
        await new Promise((resolve) => setTimeout(resolve, 40));
        const ready = Date.now();
        await turn.leave();
        held.push(Date.now() - ready);
      });
    }
    await jest.advanceTimersByTimeAsync(5000);
    expect(held).toHaveLength(150);
    expect(Math.max(...held)).toBe(0);
  });

  it('pauses every waiting send for a Retry-After and slows a little, not by half', async () => {
    const pacer = new TenantPacer({ safePerSecond: 50, ceilingPerSecond: 50 });
    const at: number[] = [];
    for (let i = 0; i < 100; i++) void pacer.turn().then(() => at.push(Date.now()));
    await jest.advanceTimersByTimeAsync(500);
    const before = at.length;
    pacer.onThrottled(Date.now() - 1, 1000);
    await jest.advanceTimersByTimeAsync(999);
    expect(at.length).toBe(before);
    await jest.advanceTimersByTimeAsync(1001);
    // One second after the pause: about 48 a second (margin 4 %), where halving would give 25.
    expect(at.length - before).toBeGreaterThanOrEqual(45);
  });
});

describe('concurrency follows the answer time (Little’s law)', () => {
  it('keeps enough sends in flight for the rate, whether answers take 50 ms or 400', () => {
    const fast = new ConcurrencyLimit({ max: 64 });
    const slow = new ConcurrencyLimit({ max: 64 });
    for (let i = 0; i < 64; i++) {
      fast.recordLatency(40 + (i % 10));
      slow.recordLatency(150 + ((i * 37) % 250));
    }
    // The rate reachable with n in flight is n / latency: it must cover 50 a second.
    const reachable = (limit: ConcurrencyLimit) => (limit.limitFor(50) * 1000) / limit.latencyMs;
    expect(reachable(fast)).toBeGreaterThanOrEqual(50);
    expect(reachable(slow)).toBeGreaterThanOrEqual(50);
    expect(slow.limitFor(50)).toBeGreaterThan(8); // where the fixed 8 capped the rate at 26.7 a second
    expect(fast.limitFor(50)).toBeLessThan(slow.limitFor(50));
  });

  it('never goes above the configured bound, nor below one', () => {
    const limit = new ConcurrencyLimit({ max: 16 });
    for (let i = 0; i < 64; i++) limit.recordLatency(5000);
    expect(limit.limitFor(50)).toBe(16);
    const idle = new ConcurrencyLimit({ max: 16 });
    for (let i = 0; i < 64; i++) idle.recordLatency(0);
    expect(idle.limitFor(50)).toBeGreaterThanOrEqual(1);
  });

  it('forgets a slow spell once answers are fast again', () => {
    const limit = new ConcurrencyLimit({ max: 64, samples: 20 });
    for (let i = 0; i < 20; i++) limit.recordLatency(1000);
    const during = limit.limitFor(50);
    for (let i = 0; i < 20; i++) limit.recordLatency(100);
    expect(limit.limitFor(50)).toBeLessThan(during / 5);
  });
});

describe('the per-conversation limiter’s memory', () => {
  const HOUR = 3_600_000;

  it('forgets recipients once no window can see their sends', () => {
    const limiter = new SlidingWindowLimiter(TEAMS_RATE_LIMITS.perConversation, 0.02);
    for (let n = 0; n < 10_000; n++) limiter.book(`a:personal-${n}`, n * 20, n * 20);
    expect(limiter.size).toBe(10_000);
    // A new broadcast two hours later: the first broadcast's recipients are gone from memory.
    const later = 2 * HOUR;
    for (let n = 0; n < 100; n++) limiter.book(`b:personal-${n}`, later + n * 20, later + n * 20);
    expect(limiter.size).toBe(100);
  });

  it('keeps what a window still sees: a chat near its hourly limit stays limited', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 3, windowMs: HOUR }]);
    for (let i = 0; i < 3; i++) limiter.book('busy', i * 1000, i * 1000);
    // Other recipients' traffic long after, with prunes in between.
    for (let m = 1; m <= 50; m++) limiter.book(`other-${m}`, m * 60_000, m * 60_000);
    expect(limiter.earliest('busy', 50 * 60_000)).toBe(HOUR);
  });
});
