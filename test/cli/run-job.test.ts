import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config/config';
import { parseJobArgs } from '../../src/cli/run-job';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';

const cli = path.join(projectRoot(), 'dist', 'src', 'cli', 'run-job.js');

describe('npm run job', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'infosak-job-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, encoding: 'utf8' });

  it('lists the jobs when given no name', () => {
    const result = run();
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('nabarhet');
  });

  it('runs a job as if the clock said --now and records the run', async () => {
    const result = run('nabarhet', '--now', '2026-04-01T08:00:00+02:00');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Nåbara i personlig chatt: Kommunstyrelsen 0/3, Socialnämnden 0/4');
    const ops = SqliteOperationalStore.open(dataDir);
    expect(await ops.jobRuns.latest('nabarhet')).toMatchObject({ startedAt: '2026-04-01T06:00:00.000Z' });
    await ops.close();
  });

  it('queues the learning campaigns’ cards once, on a weekday morning, and none on a Sunday', async () => {
    // The demo campaigns: phishing for all six demo people, the personal-data module for the four in Socialnämnden.
    expect(run('utbildning', '--now', '2026-11-22T10:00:00+01:00').stdout.trim()).toBe('Utbildningskort köade: 0, påminnelser: 0');
    expect(run('utbildning', '--now', '2026-11-23T09:00:00+01:00').stdout.trim()).toBe('Utbildningskort köade: 11, påminnelser: 0');
    expect(run('utbildning', '--now', '2026-11-23T09:30:00+01:00').stdout.trim()).toBe('Utbildningskort köade: 0, påminnelser: 0');
    const ops = SqliteOperationalStore.open(dataDir);
    expect(await ops.outbox.pendingCount()).toBe(11);
    await ops.close();
  });

  it('refuses an unknown job or a bad time with a message in Swedish', () => {
    const unknown = run('finns-inte');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Okänt jobb "finns-inte"');
    const badTime = run('nabarhet', '--now', 'igår');
    expect(badTime.status).toBe(2);
    expect(badTime.stderr).toContain('--now behöver en tid i ISO-format');
  });
});

describe('parseJobArgs', () => {
  it('reads a name and an optional time', () => {
    expect(parseJobArgs(['nabarhet'])).toEqual({ name: 'nabarhet' });
    expect(parseJobArgs(['nabarhet', '--now', '2026-01-01T00:00:00Z']).now?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parseJobArgs(['nabarhet', '--now']).error).toMatch(/--now/);
    expect(parseJobArgs(['nabarhet', '--later']).error).toMatch(/Okänt argument/);
  });
});
