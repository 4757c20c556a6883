import { yearCommitteeKey } from '../store/derived-columns';
import type { Store, StoredItem } from '../store/store';
import { wholeOrByCommittee } from '../store/past-threshold';
import type { ActivityStatus } from './activity';

/**
 * A year's statuses, every committee: one query while the year holds fewer than the list view
 * threshold (activities × committees × quarters: some 3,800 at 60 committees and 16 activities),
 * else one per committee's year.
 */
export async function statusesOfYear(store: Store, year: number): Promise<StoredItem<ActivityStatus>[]> {
  return wholeOrByCommittee(
    store,
    () => store.activityStatuses.query({ field: 'year', op: 'eq', value: year }),
    (code) => store.activityStatuses.query({ field: 'yearCommittee', op: 'eq', value: yearCommitteeKey(year, code) }),
  );
}
