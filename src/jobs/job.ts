import type { Clock } from '../clock/clock';
import type { PlanReminderDeps } from '../actionplan/plan-reminders';
import type { FollowUpDeps } from '../incidents/incident-follow-up';
import type { CampaignDeps } from '../learning/campaign-messages';
import type { RetentionRules } from '../retention/retention';
import type { Logger } from '../logging/logger';
import type { OperationalStore } from '../ops/operational-store';
import type { Store } from '../store/store';

/** A scheduled job. The scheduler and `npm run job -- <name> [--now <ISO>]` run the same code. */
export interface JobContext {
  store: Store;
  ops: OperationalStore;
  clock: Clock;
  logger: Logger;
  incidents: FollowUpDeps;
  actionPlan: PlanReminderDeps;
  learning: CampaignDeps;
  retention: RetentionRules;
}

export interface Job {
  name: string;
  /** One line, Swedish, shown by `npm run job` without arguments. */
  description: string;
  /** When the server runs it on its own (croner syntax, Europe/Stockholm); none = by hand only. */
  schedule?: string;
  /** Does the work as of clock.now() and returns a one-line summary for the operator. */
  run(context: JobContext): Promise<string>;
}
