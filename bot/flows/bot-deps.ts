import type { Clock } from '../../src/clock/clock';
import type { IncidentRules } from '../../src/incidents/incident-rules';
import type { Locale } from '../../src/i18n/texts';
import type { CampaignDeps } from '../../src/learning/campaign-messages';
import type { LearningSettings } from '../../src/learning/learning-settings';
import type { Logger } from '../../src/logging/logger';
import type { OperationalStore } from '../../src/ops/operational-store';
import type { OutboundMessage } from '../../src/ops/outbox-types';
import type { CommitteeDirectory } from '../../src/organisation/committee-directory';
import type { Store } from '../../src/store/store';

/** What the bot's flows are given: the stores, the clock, the jobs' settings and a few of the app's. */
export interface BotDeps {
  store: Store;
  ops: OperationalStore;
  clock: Clock;
  logger: Logger;
  committees: CommitteeDirectory;
  defaultLocale: Locale;
  /** When false (the default) everyone is answered in defaultLocale: Swedish is the municipality's language. */
  followTeamsLocale: boolean;
  /** Where "Öppna status" leads: the static tab's deep link in Teams, or /tab locally. */
  statusUrl: () => string;
  incidents: {
    rules: IncidentRules;
    /** Starts the follow-up (audit, history, notifications) at once instead of at the next poll. */
    nudgeFollowUp: () => void;
  };
  learning: LearningSettings;
  /** The campaigns' dependencies: a short lesson after an incident is a campaign (src/admin/incident-lesson.ts). */
  campaigns: CampaignDeps;
  /** Signs what a card carries between two requests and the server must trust (CARD_STATE_SECRET, shared by every instance). */
  cardSecret: string;
  /** Puts messages in the delivery outbox: a copy of a receipt in the person's chat with the bot. */
  enqueue: (messages: OutboundMessage[]) => Promise<unknown>;
  /** The person has a personal chat now: their incident notifications that found none are sent again (see src/delivery/resend-unreached.ts). */
  resendUnreached: (personId: string) => Promise<number>;
}
