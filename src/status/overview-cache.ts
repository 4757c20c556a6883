import type { Clock } from '../clock/clock';
import type { Store } from '../store/store';
import { loadOverviewStatusData, type StatusData } from './status-data';

/**
 * The overview reads every list in full (tens of thousands of rows in a large municipality), so
 * its records are kept for a short while: figures at most `ttlSeconds` old, and concurrent
 * requests share one read. Committee views are always read fresh. 0 turns the cache off.
 */
export function overviewLoader(store: Store, clock: Clock, ttlSeconds: number): (year: number) => Promise<StatusData> {
  const cache = new Map<number, { at: number; data: Promise<StatusData> }>();
  return (year) => {
    const now = clock.now().getTime();
    const hit = cache.get(year);
    if (ttlSeconds > 0 && hit && now - hit.at < ttlSeconds * 1000) return hit.data;
    const data = loadOverviewStatusData(store, year);
    if (ttlSeconds > 0) {
      cache.set(year, { at: now, data });
      // A failed read is not kept.
      data.catch(() => cache.delete(year));
    }
    return data;
  };
}
