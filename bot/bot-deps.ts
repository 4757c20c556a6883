import type { Clock } from '../src/clock/clock';
import type { DeliveryService } from '../src/delivery/delivery-service';
import type { IncidentFlowDeps } from './flows/incident-flows';
import type { LearningFlowDeps } from './flows/learning-flows';
import type { Locale } from '../src/i18n/texts';
import type { Logger } from '../src/logging/logger';
import type { OperationalStore } from '../src/ops/operational-store';
import type { Store } from '../src/store/store';

/** What the bot's flows are given: the stores, the clock and a few settings. */
export interface BotDeps {
  store: Store;
  ops: OperationalStore;
  clock: Clock;
  logger: Logger;
  defaultLocale: Locale;
  /** When false (the default) everyone is answered in defaultLocale: Swedish is the municipality's language. */
  followTeamsLocale: boolean;
  /** Where "Öppna status" leads: the static tab's deep link in Teams, or /tab locally. */
  statusUrl: () => string;
  /** Every proactive message goes through here (never adapter.continueConversation directly). */
  delivery: DeliveryService;
  incidents: IncidentFlowDeps;
  learning: LearningFlowDeps;
}
