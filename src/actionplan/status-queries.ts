import { yearCommitteeKey } from '../store/derived-columns';
import type { Store, StoredItem } from '../store/store';
import { ListViewThresholdError } from '../store/store-errors';
import type { ActivityStatus } from './activity';

/**
 * A year's statuses, every committee: one query while the year holds fewer than the list view
 * threshold (activities × committees × quarters: some 3,800 at 60 committees and 16 activities),
 * else one per committee's year.
 */
export async function statusesOfYear(store: Store, year: number): Promise<StoredItem<ActivityStatus>[]> {
  try {
    return await store.activityStatuses.query({ field: 'year', op: 'eq', value: year });
  } catch (err) {
    if (!(err instanceof ListViewThresholdError)) throw err;
    const committees = await store.committees.query();
    const byCommittee = await Promise.all(committees.map((c) => store.activityStatuses.query({ field: 'yearCommittee', op: 'eq', value: yearCommitteeKey(year, c.value.code) })));
    return byCommittee.flat();
  }
}
