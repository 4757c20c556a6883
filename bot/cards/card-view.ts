import type { Clock } from '../../src/clock/clock';
import type { Locale } from '../../src/i18n/texts';
import type { OperationalStore } from '../../src/ops/operational-store';
import type { CommitteeDirectory } from '../../src/organisation/committee-directory';
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
