import type { Job } from './job';
import { incidentDeadlinesJob } from './incident-deadlines-job';
import { reachabilityJob } from './reachability-job';

/** Every scheduled job by name. */
export const JOBS: Job[] = [reachabilityJob, incidentDeadlinesJob];

export function jobNamed(name: string): Job | undefined {
  return JOBS.find((j) => j.name === name);
}
