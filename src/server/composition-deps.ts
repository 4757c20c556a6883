import type { Clock } from '../clock/clock';
import type { AppConfig } from '../config/config';
import type { OutboundMessage } from '../ops/outbox-types';
import type { Logger } from '../logging/logger';
import type { OperationalStore } from '../ops/operational-store';
import type { Store } from '../store/store';

/** What the jobs are wired from, in the server, in `npm run job` and in tests; messages go to `enqueue`. */
export interface CompositionDeps {
  config: AppConfig;
  store: Store;
  ops: OperationalStore;
  clock: Clock;
  logger: Logger;
  /** Puts messages in the outbox, due at the real present even when `clock` is simulated. */
  enqueue: (messages: OutboundMessage[]) => Promise<unknown>;
}
