import type { JobRun } from '../ops/operational-store';

/**
 * Whether a job missed a run while the server was down: its latest scheduled time (before now) is
 * later than the start of its last recorded run, or it never ran. A restart shortly after a run
 * then starts nothing — the nightly recount of the status figures reads every role, completion
 * and incident, and a deploy should not pay that again.
 */
export function missedRun(latestScheduled: Date | undefined, lastRun: Pick<JobRun, 'startedAt'> | undefined): boolean {
  if (!lastRun) return true;
  return latestScheduled !== undefined && lastRun.startedAt < latestScheduled.toISOString();
}
