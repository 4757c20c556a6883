import type { Clock } from '../../src/clock/clock';
import type { OutboundMessage } from '../../src/ops/outbox-types';
import type { Locale } from '../../src/i18n/texts';
import type { OperationalStore } from '../../src/ops/operational-store';
import type { CommitteeDirectory } from '../../src/organisation/committee-directory';
import type { Store } from '../../src/store/store';

/** What a notifier needs: the stores to render cards from, and the outbox to put messages in. */
export interface OutboxNotifierDeps {
  store: Store;
  ops: OperationalStore;
  clock: Clock;
  committees: CommitteeDirectory;
  locale: Locale;
  enqueue: (messages: OutboundMessage[]) => Promise<unknown>;
}
