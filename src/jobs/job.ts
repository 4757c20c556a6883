import type { Clock } from '../clock/clock';
import type { PlanReminderDeps } from '../actionplan/plan-reminders';
import type { AssetReminderDeps } from '../assets/asset-reminders';
import type { FollowUpDeps } from '../incidents/incident-follow-up';
import type { CampaignDeps } from '../learning/campaign-messages';
import type { RetentionRules } from '../retention/retention';
import type { Logger } from '../logging/logger';
import type { OperationalStore } from '../ops/operational-store';
import type { DirectoryReader } from '../organisation/people-sync';
import type { Store } from '../store/store';

/** What the jobs are made from (the domain composition has all of it); each job takes only the part it uses. */
export interface JobSources {
  store: Store;
  ops: OperationalStore;
  clock: Clock;
  logger: Logger;
  incidents: { followUp: FollowUpDeps };
  actionPlan: PlanReminderDeps;
  assets: AssetReminderDeps;
  learning: { campaigns: CampaignDeps };
  retention: RetentionRules;
  /** Entra ID and the mapping file, when PEOPLE_SYNC is on; undefined leaves the roles list to say who the staff are. */
  peopleSync: { reader: DirectoryReader; mappingFile: string } | undefined;
}

/** A job as written: what it uses, picked from what the app is made of, and the work done with only that. */
export interface JobDefinition<D> {
  name: string;
  /** One line, Swedish, shown by `npm run job` without arguments. */
  description: string;
  /** When the server runs it on its own (croner syntax, Europe/Stockholm); none = by hand only. */
  schedule?: string;
  uses(sources: JobSources): D;
  /** Does the work as of the clock's now and returns a one-line summary for the operator. */
  run(deps: D): Promise<string>;
}

/** A scheduled job. The scheduler and `npm run job -- <name> [--now <ISO>]` run the same code. */
export interface Job {
  name: string;
  description: string;
  schedule?: string;
  run(sources: JobSources): Promise<string>;
}

/** Binds a job to what it uses: its body never sees the rest. */
export function defineJob<D>(definition: JobDefinition<D>): Job {
  const { uses, run, ...about } = definition;
  return { ...about, run: (sources) => run(uses(sources)) };
}
