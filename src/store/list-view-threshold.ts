import type { FilterOperator } from './store';

/**
 * SharePoint's list view threshold: in a list of more items than this, a query is refused when its
 * indexed filter matches more, or when no index can serve it. Both stores apply the same rule (the
 * SQLite store too, so that a query which would fail in production fails on a laptop first).
 */
export const LIST_VIEW_THRESHOLD = 5_000;

/**
 * Whether a query on a list of `listSize` items is refused. A query without a filter pages through
 * the list by id, which SharePoint serves at any size; `ne` can use no index, so on a large list it
 * is refused whatever it would match; any other filter is refused when it matches more than the
 * threshold (`matches` is counted at most to threshold + 1, which is all the rule needs).
 */
export function exceedsThreshold(listSize: number, filter: { op: FilterOperator } | undefined, matches: () => number, threshold = LIST_VIEW_THRESHOLD): boolean {
  if (!filter || listSize <= threshold) return false;
  if (filter.op === 'ne') return true;
  return matches() > threshold;
}
