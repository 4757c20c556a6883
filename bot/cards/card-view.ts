import type { Clock } from '../../src/clock/clock';
import type { Locale } from '../../src/i18n/texts';
import type { ModuleLibrary } from '../../src/learning/module-library';
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
  /** The learning modules, where a card may offer one (the incident card's short lesson); a notifier's cards offer none. */
  library?: ModuleLibrary;
}

/** A card view from whatever holds the stores, the clock and the committees (a flow's deps, a notifier's). */
export const cardViewOf = (deps: Omit<CardView, 'locale' | 'library'> & { learning?: { library: ModuleLibrary } }, locale: Locale): CardView => ({
  store: deps.store,
  ops: deps.ops,
  clock: deps.clock,
  committees: deps.committees,
  locale,
  ...(deps.learning ? { library: deps.learning.library } : {}),
});
