import { parseRateWindows, TEAMS_RATE_LIMITS } from '../../src/delivery/rate-limits';
import { retryDelayMs, verdictFor } from '../../src/delivery/send-failures';
import { SlidingWindowLimiter } from '../../src/delivery/sliding-window-limiter';

describe('SlidingWindowLimiter (time moved by hand)', () => {
  it('lets 30 through in a second per tenant, and the 31st a second after the first', () => {
    const limiter = new SlidingWindowLimiter(TEAMS_RATE_LIMITS.perTenant);
    const waits = Array.from({ length: 31 }, () => limiter.reserve('tenant', 1_000));
    expect(waits.slice(0, 30)).toEqual(Array(30).fill(0));
    expect(waits[30]).toBe(1000);
  });

  it('keeps one conversation within 7 per 1 s, 8 per 2 s, 60 per 30 s and 1800 per hour at once', () => {
    const limiter = new SlidingWindowLimiter(TEAMS_RATE_LIMITS.perConversation);
    const start = 0;
    const times: number[] = [];
    for (let i = 0; i < 70; i++) times.push(start + limiter.reserve('conv', start));
    const countIn = (from: number, ms: number) => times.filter((t) => t >= from && t < from + ms).length;
    for (const t of times) {
      expect(countIn(t, 1000)).toBeLessThanOrEqual(7);
      expect(countIn(t, 2000)).toBeLessThanOrEqual(8);
      expect(countIn(t, 30_000)).toBeLessThanOrEqual(60);
    }
    expect(times.slice(0, 7)).toEqual(Array(7).fill(0));
    expect(times[7]).toBe(1000); // the 8th waits out the 1-second window…
    expect(times[8]).toBe(2000); // …and the 9th the 2-second one
    expect(times[60]).toBe(30_000); // the 61st waits for the 30-second window
  });

  it('reaches the hourly limit of 1800 and no further', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 1800, windowMs: 3_600_000 }]);
    for (let i = 0; i < 1800; i++) expect(limiter.reserve('conv', i)).toBe(0);
    expect(limiter.reserve('conv', 1800)).toBe(3_600_000 - 1800);
  });

  it('keeps keys apart and forgets quiet ones', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 1, windowMs: 1000 }]);
    expect(limiter.reserve('a', 0)).toBe(0);
    expect(limiter.reserve('b', 0)).toBe(0);
    expect(limiter.reserve('a', 0)).toBe(1000);
    limiter.prune(5000);
    expect(limiter.size).toBe(0);
  });

  it('widens every window by a safety margin when asked', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 1, windowMs: 1000 }, { limit: 2, windowMs: 30_000 }], 0.02);
    expect(limiter.reserve('a', 0)).toBe(0);
    expect(limiter.reserve('a', 0)).toBe(1025);
    expect(limiter.reserve('a', 0)).toBe(30_600);
  });

  it('reads limits from configuration text', () => {
    expect(parseRateWindows('7/1s,8/2s,60/30s,1800/1h')).toEqual(TEAMS_RATE_LIMITS.perConversation);
    expect(parseRateWindows('50/1s')).toEqual([{ limit: 50, windowMs: 1000 }]);
    expect(() => parseRateWindows('snabbt')).toThrow('"snabbt" är ingen gräns av formen 30/1s');
  });
});

describe('what a failed send means', () => {
  it.each([
    [429, 'retry'],
    [412, 'retry'],
    [502, 'retry'],
    [503, 'retry'],
    [504, 'retry'],
    [undefined, 'retry'],
    [403, 'Blocked'],
    [404, 'RecipientNotFound'],
    [400, 'Failed'],
    [500, 'Failed'],
  ])('status %s → %s', (status, verdict) => {
    expect(verdictFor({ message: 'x', ...(status !== undefined ? { status } : {}) })).toBe(verdict);
  });

  it('honours Retry-After, capped', () => {
    const options = { baseMs: 1000, maxMs: 60_000 };
    expect(retryDelayMs({ message: '', status: 429, retryAfterSeconds: 2.5 }, 1, options)).toBe(2500);
    expect(retryDelayMs({ message: '', status: 429, retryAfterSeconds: 600 }, 1, options)).toBe(60_000);
    expect(retryDelayMs({ message: '', status: 429, retryAfterSeconds: 0 }, 1, options)).toBe(0);
  });

  it('otherwise backs off exponentially with jitter', () => {
    const options = { baseMs: 1000, maxMs: 60_000 };
    const low = () => 0;
    const high = () => 0.999999;
    expect(retryDelayMs({ message: '', status: 503 }, 1, options, low)).toBe(500);
    expect(retryDelayMs({ message: '', status: 503 }, 1, options, high)).toBe(1000);
    expect(retryDelayMs({ message: '', status: 503 }, 3, options, low)).toBe(2000);
    expect(retryDelayMs({ message: '', status: 503 }, 3, options, high)).toBe(4000);
    expect(retryDelayMs({ message: '', status: 503 }, 12, options, high)).toBe(60_000);
  });
});
