import type { Job, JobContext } from './job';

/** Runs a job and keeps a record of the run in the operational store. */
export async function runJob(job: Job, context: JobContext): Promise<string> {
  const startedAt = context.clock.now().toISOString();
  const summary = await job.run(context);
  await context.ops.jobRuns.record({ job: job.name, startedAt, finishedAt: context.clock.now().toISOString(), summary });
  context.logger.info({ job: job.name }, 'jobb klart');
  return summary;
}
