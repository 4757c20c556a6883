import type { Clock } from '../../src/clock/clock';
import type { Locale } from '../../src/i18n/texts';
import type { OperationalStore } from '../../src/ops/operational-store';
import type { CommitteeDirectory } from '../../src/organisation/committee-directory';
import { findPerson } from '../../src/organisation/people';
import type { Store } from '../../src/store/store';

/** What a card is rendered from: in a flow, or in a notifier outside any turn. */
export interface CardView {
  store: Store;
  ops: OperationalStore;
  clock: Clock;
  committees: CommitteeDirectory;
  locale: Locale;
}

/** A card view from whatever holds the stores, the clock and the committees (a flow's deps, a notifier's). */
export const cardViewOf = (deps: Omit<CardView, 'locale'>, locale: Locale): CardView => ({ store: deps.store, ops: deps.ops, clock: deps.clock, committees: deps.committees, locale });

/** Display names for the people a card mentions; an id nobody is registered under is shown as it is. */
export async function nameLookup(store: Store, ids: (string | undefined)[]): Promise<(id: string) => string> {
  const names = new Map<string, string>();
  await Promise.all(
    [...new Set(ids.filter((id): id is string => Boolean(id)))].map(async (id) => {
      const person = await findPerson(store, id);
      if (person) names.set(id, person.displayName);
    }),
  );
  return (id) => names.get(id) ?? id;
}
