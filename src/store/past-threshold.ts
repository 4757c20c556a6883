import type { Store } from './store';
import { ListViewThresholdError } from './store-errors';

/**
 * A year's items read in one query while it stays under SharePoint's list view threshold, and
 * committee by committee once the list refuses it (the year-and-committee key, derived-columns.ts).
 * An item filed under a committee no longer in the committees list is then not read.
 */
export async function wholeOrByCommittee<T>(store: Store, whole: () => Promise<T[]>, ofCommittee: (code: string) => Promise<T[]>): Promise<T[]> {
  try {
    return await whole();
  } catch (err) {
    if (!(err instanceof ListViewThresholdError)) throw err;
    const committees = await store.committees.query();
    return (await Promise.all(committees.map((c) => ofCommittee(c.value.code)))).flat();
  }
}
