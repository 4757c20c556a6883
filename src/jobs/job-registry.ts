import type { Job } from './job';
import { actionPlanRemindersJob } from './action-plan-reminders-job';
import { assetRemindersJob } from './asset-reminders-job';
import { incidentDeadlinesJob } from './incident-deadlines-job';
import { learningCampaignsJob } from './learning-campaigns-job';
import { retentionJob } from './retention-job';
import { peopleSyncJob } from './people-sync-job';
import { reachabilityJob } from './reachability-job';
import { statusTalliesJob } from './status-tallies-job';

/** Every scheduled job by name. */
export const JOBS: readonly Job[] = [peopleSyncJob, reachabilityJob, incidentDeadlinesJob, actionPlanRemindersJob, assetRemindersJob, learningCampaignsJob, retentionJob, statusTalliesJob];

export function jobNamed(name: string): Job | undefined {
  return JOBS.find((j) => j.name === name);
}
