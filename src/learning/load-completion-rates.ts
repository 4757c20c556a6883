import type { Store } from '../store/store';
import { learnersFrom } from './campaign';
import { completionRates, type CompletionRates } from './completion-rates';

/** The year's rates from the store: campaigns that started in `year`, and every completion. */
export async function loadCompletionRates(store: Store, year: number, target: number): Promise<CompletionRates> {
  const [roles, campaigns, completions, committees] = await Promise.all([
    store.roles.query(),
    store.campaigns.query({ field: 'startDate', op: 'startswith', value: `${year}-` }),
    store.completions.query(),
    store.committees.query(),
  ]);
  return completionRates({
    learners: learnersFrom(roles.map((r) => r.value)),
    campaigns: campaigns.map((c) => c.value),
    completions: completions.map((c) => c.value),
    committees: committees.map((c) => c.value.code),
    target,
  });
}
