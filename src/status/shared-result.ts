import type { Clock } from '../clock/clock';

/**
 * A computation's result kept for `ttlSeconds` per key: a request within that time costs no reading
 * and no computing, and concurrent requests share one computation. At most `max` keys are kept (the
 * oldest goes first); a failed computation is not kept; 0 seconds turns the keeping off.
 */
export function sharedResult<I, O>(clock: Clock, ttlSeconds: number, keyOf: (input: I) => string, compute: (input: I) => Promise<O>, max = 200): (input: I) => Promise<O> {
  const kept = new Map<string, { at: number; result: Promise<O> }>();
  return (input) => {
    if (ttlSeconds <= 0) return compute(input);
    const key = keyOf(input);
    const now = clock.now().getTime();
    const hit = kept.get(key);
    if (hit && now - hit.at < ttlSeconds * 1000 && now >= hit.at) return hit.result;
    const result = compute(input);
    kept.delete(key);
    kept.set(key, { at: now, result });
    // A Map keeps the order keys were set in: the first is the oldest.
    if (kept.size > max) kept.delete(kept.keys().next().value!);
    result.catch(() => kept.get(key)?.result === result && kept.delete(key));
    return result;
  };
}
