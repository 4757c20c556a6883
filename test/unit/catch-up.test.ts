import { missedRun } from '../../src/jobs/catch-up';
import { JOBS } from '../../src/jobs/job-registry';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { startTestApp } from '../support/app-harness';

describe('catching up on scheduled jobs at start', () => {
  it('runs a job that never ran, or whose last run began before its latest scheduled time', () => {
    const scheduled = new Date('2026-11-24T02:45:00Z');
    expect(missedRun(scheduled, undefined)).toBe(true);
    expect(missedRun(scheduled, { startedAt: '2026-11-23T02:45:00.000Z' })).toBe(true);
    expect(missedRun(scheduled, { startedAt: '2026-11-24T02:45:00.000Z' })).toBe(false);
    expect(missedRun(scheduled, { startedAt: '2026-11-24T08:10:00.000Z' })).toBe(false);
    expect(missedRun(undefined, { startedAt: '2026-11-24T08:10:00.000Z' })).toBe(false);
  });

  it('starts only the jobs that missed a run, not every job at every restart', async () => {
    const now = new Date('2026-11-24T09:00:00Z');
    const ops = SqliteOperationalStore.inMemory();
    // Every job ran a minute ago but the recount of the status figures, which never ran.
    for (const job of JOBS.filter((j) => j.name !== 'statussiffror')) {
      await ops.jobRuns.record({ job: job.name, startedAt: '2026-11-24T08:59:00.000Z', finishedAt: '2026-11-24T08:59:01.000Z', summary: 'före omstarten' });
    }
    const app = await startTestApp({ SCHEDULER: '1' }, { ops, clock: { now: () => now } });
    try {
      while (!(await ops.jobRuns.latest('statussiffror'))) await new Promise((resolve) => setTimeout(resolve, 20));
      // The quick jobs would have finished before the recount did, had they been started.
      for (const job of JOBS.filter((j) => j.name !== 'statussiffror')) expect((await ops.jobRuns.latest(job.name))?.summary).toBe('före omstarten');
    } finally {
      await app.stop();
    }
  });
});
