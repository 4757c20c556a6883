import type { StaffRegister } from '../ops/operational-store';
import type { Store } from '../store/store';
import { learnersFrom, type Learner } from './campaign';

/**
 * Everyone training is asked of, with the committee their completion counts for: the people the
 * sync has read from Entra ID once it has run (disabled and deleted people are not among them),
 * otherwise the roles list's staff and elected rows, as before there was a sync. One source at a
 * time, so a committee's figures never mix the two.
 */
export async function allLearners(store: Store, staff: StaffRegister): Promise<Learner[]> {
  if (await staff.state()) return staff.learners();
  // The whole roles list, read without a filter (served at any size, a page at a time).
  return learnersFrom((await store.roles.query()).map((r) => r.value));
}
