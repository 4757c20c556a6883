import type restify from 'restify';
import { callerAddress, rateLimiter } from '../../src/api/rate-limit';

/** Just enough of restify's response for the limiter to answer 429. */
function response() {
  const answer: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
  const res = {
    setHeader: (name: string, value: string) => (answer.headers[name] = value),
    json: (status: number, body: unknown) => Object.assign(answer, { status, body }),
  } as unknown as restify.Response;
  return { res, answer };
}

function request(headers: Record<string, string>, remoteAddress = '10.0.0.5') {
  return { header: (name: string) => headers[name.toLowerCase()], headers, socket: { remoteAddress } } as unknown as restify.Request;
}

describe('rateLimiter', () => {
  it('stays bounded under 100,000 distinct keys, forgetting the oldest first', () => {
    let t = 0;
    const limiter = rateLimiter({ limit: 5, windowMs: 60_000, locale: 'sv', now: () => t, maxKeys: 1000 });
    const { res } = response();
    let largest = 0;
    for (let i = 0; i < 100_000; i++) {
      t += 0.1;
      limiter.allow(`a:key-${i}`, res);
      largest = Math.max(largest, limiter.size);
    }
    expect(largest).toBe(1000);
    // The most recent callers are still counted.
    for (let i = 0; i < 4; i++) expect(limiter.allow('a:key-99999', res)).toBe(true);
    expect(limiter.allow('a:key-99999', res)).toBe(false);
  });

  it('answers 429 in Swedish with Retry-After once the allowance is spent, and a new window brings a new one', () => {
    let t = 0;
    const limiter = rateLimiter({ limit: 2, windowMs: 60_000, locale: 'sv', now: () => t });
    const { res, answer } = response();
    expect(limiter.allow('p:x', res)).toBe(true);
    expect(limiter.allow('p:x', res)).toBe(true);
    t = 30_000;
    expect(limiter.allow('p:x', res)).toBe(false);
    expect(answer).toMatchObject({ status: 429, headers: { 'Retry-After': '30' }, body: { reason: 'För många förfrågningar. Försök igen om 30 sekunder.' } });
    expect(limiter.allow('p:y', response().res)).toBe(true);
    t = 60_000;
    expect(limiter.allow('p:x', res)).toBe(true);
  });
});

describe('callerAddress', () => {
  it('uses the socket’s address unless the app is said to be behind a proxy', () => {
    expect(callerAddress(request({ 'x-forwarded-for': '203.0.113.1' }), false)).toBe('10.0.0.5');
  });

  it('behind a proxy, takes the last X-Forwarded-For entry (the one the proxy appended), without its port', () => {
    expect(callerAddress(request({ 'x-forwarded-for': '203.0.113.1, 198.51.100.7:51234' }), true)).toBe('198.51.100.7');
    expect(callerAddress(request({ 'x-forwarded-for': 'forged, [2001:db8::1]:443' }), true)).toBe('2001:db8::1');
    expect(callerAddress(request({}), true)).toBe('10.0.0.5');
    expect(callerAddress(request({}, '::ffff:192.0.2.9'), false)).toBe('192.0.2.9');
  });
});
