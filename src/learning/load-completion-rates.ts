import type { StaffRegister } from '../ops/operational-store';
import type { Store } from '../store/store';
import { allLearners } from './learners';
import { completionRates, type CompletionRates } from './completion-rates';

/** The year's rates from the store: campaigns that started in `year`, and every completion. */
export async function loadCompletionRates(store: Store, staff: StaffRegister, year: number, target: number): Promise<CompletionRates> {
  const [learners, campaigns, completions, committees] = await Promise.all([
    allLearners(store, staff),
    store.campaigns.query({ field: 'startDate', op: 'startswith', value: `${year}-` }),
    store.completions.query(),
    store.committees.query(),
  ]);
  return completionRates({
    learners,
    campaigns: campaigns.map((c) => c.value),
    completions: completions.map((c) => c.value),
    committees: committees.map((c) => c.value.code),
    target,
  });
}
