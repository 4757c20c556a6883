import type { Clock } from '../clock/clock';
import type { OperationalStore } from '../ops/operational-store';
import type { Store } from '../store/store';
import { loadOverviewStatusData } from './status-data';
import type { OverviewResponse } from './status-view-types';
import { overviewView } from './status-views';

/** Distinct views kept at once: one per set of committees people may see (everyone, each manager's own). */
const MAX_VIEWS = 200;

/**
 * The overview as computed, kept for `ttlSeconds` per (year, committees the viewer may see):
 * a request within that time costs no reading and no computing, and concurrent requests share one
 * computation. The figures are at most `ttlSeconds` old. 0 turns the cache off.
 */
export function overviewCache(
  deps: { store: Store; ops: OperationalStore; clock: Clock },
  ttlSeconds: number,
): (input: { year: number; target: number; committees: string[] }) => Promise<OverviewResponse> {
  const cache = new Map<string, { at: number; view: Promise<OverviewResponse> }>();
  const compute = async (input: { year: number; target: number; committees: string[] }) =>
    overviewView(await loadOverviewStatusData(deps.store, deps.ops, input.year), { ...input, now: deps.clock.now() });
  return (input) => {
    if (ttlSeconds <= 0) return compute(input);
    // JSON, not a joined string: committee codes are typed by hand, and a code with a comma must not pass for two.
    const key = JSON.stringify([input.year, input.target, [...input.committees].sort()]);
    const now = deps.clock.now().getTime();
    const hit = cache.get(key);
    if (hit && now - hit.at < ttlSeconds * 1000 && now >= hit.at) return hit.view;
    const view = compute(input);
    cache.delete(key);
    cache.set(key, { at: now, view });
    // The oldest view goes first when there are too many (a Map keeps the order they were set in).
    if (cache.size > MAX_VIEWS) cache.delete(cache.keys().next().value!);
    // A failed computation is not kept.
    view.catch(() => cache.get(key)?.view === view && cache.delete(key));
    return view;
  };
}
