import type { Job, JobSources } from './job';

/** Runs a job with the dependencies it uses, and keeps a record of the run in the operational store. */
export async function runJob(job: Job, sources: JobSources): Promise<string> {
  const startedAt = sources.clock.now().toISOString();
  const summary = await job.run(sources);
  await sources.ops.jobRuns.record({ job: job.name, startedAt, finishedAt: sources.clock.now().toISOString(), summary });
  sources.logger.info({ job: job.name }, 'jobb klart');
  return summary;
}
