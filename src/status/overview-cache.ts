import type { Clock } from '../clock/clock';
import type { OperationalStore } from '../ops/operational-store';
import type { Store } from '../store/store';
import { loadOverviewStatusData } from './status-data';
import type { OverviewResponse } from './status-view-types';
import { overviewView } from './status-views';
import { sharedResult } from './shared-result';

/**
 * The overview as computed, kept for `ttlSeconds` per (year, committees the viewer may see):
 * a request within that time costs no reading and no computing, and concurrent requests share one
 * computation. The figures are at most `ttlSeconds` old. 0 turns the cache off.
 */
export function overviewCache(
  deps: { store: Store; ops: OperationalStore; clock: Clock },
  ttlSeconds: number,
): (input: { year: number; target: number; committees: string[] }) => Promise<OverviewResponse> {
  return sharedResult(
    deps.clock,
    ttlSeconds,
    // JSON, not a joined string: committee codes are typed by hand, and a code with a comma must not pass for two.
    (input) => JSON.stringify([input.year, input.target, [...input.committees].sort()]),
    async (input) => overviewView(await loadOverviewStatusData(deps.store, deps.ops, input.year), { ...input, now: deps.clock.now() }),
  );
}
