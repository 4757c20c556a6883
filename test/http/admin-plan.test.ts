import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config/config';
import { demoPersonByPersona } from '../../src/demo/demo-organisation';
import { startTestApp } from '../support/app-harness';

const person = (persona: string) => demoPersonByPersona(persona)!.id;
const DEMO_CSV = readFileSync(path.join(projectRoot(), 'content', 'action-plans', 'handlingsplan-2022.csv'), 'utf8');
/** Next year's plan: the 2022 plan's activities, with their follow-up, moved to 2027. */
const PLAN_2027 = DEMO_CSV.replace(/^2022;2022-/gm, '2027;2027-');
/** A file with two bad rows: an area nobody knows, and a quarter that does not exist. */
const BAD = ['år;id;område;titel;beskrivning;kvartal;nämnder;status;kommentar', '2027;2027-a;Okänt område;A;;1;*;;', '2027;2027-b;Nätverk;B;;5;*;;'].join('\n');

/** The yearly plan from the Administration part: the same checks and outcome as `npm run plan -- import`, and nothing stored before it is confirmed. */
describe('the yearly plan in the Administration part', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const files = mkdtempSync(path.join(os.tmpdir(), 'infosak-plan-files-'));
  beforeAll(async () => {
    app = await startTestApp({}, { clock: { now: () => new Date('2026-11-24T09:00:00Z') } });
  });
  afterAll(async () => {
    await app.stop();
    rmSync(files, { recursive: true, force: true });
  });

  const post = (who: string, what: 'preview' | 'import', content: string) =>
    fetch(`${app.url}/api/tab/admin/plan/${what}`, { method: 'POST', headers: { 'X-Infosak-Demo-User': person(who), 'Content-Type': 'application/json' }, body: JSON.stringify({ content }) });
  /** The command line, on the same data folder as the running app. */
  const cli = (file: string, content: string) => {
    const at = path.join(files, file);
    writeFileSync(at, content);
    const run = spawnSync(process.execPath, [path.join(projectRoot(), 'dist', 'src', 'cli', 'plan.js'), 'import', at, '--dry-run'], {
      env: { ...process.env, DATA_DIR: app.config.dataDir, LOG_LEVEL: 'silent', SEED_DEMO_DATA: '0' },
      encoding: 'utf8',
    });
    return { out: run.stdout.trim(), err: run.stderr.replace(`${at}: `, '').trim() };
  };
  const activities2027 = async () => (await app.store.activities.query({ field: 'year', op: 'eq', value: 2027 })).length;

  it('previews a file as the command does, and stores nothing', async () => {
    const res = await post('sakerhetsansvarig', 'preview', PLAN_2027);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { text: string; summary: { created: number; activities: { title: string; change: string }[] } };
    expect(body.text).toBe(cli('plan-2027.csv', PLAN_2027).out);
    expect(body.text).toBe('Provkörning, inget sparat: Handlingsplan 2027: 16 nya, 0 ändrade, 0 oförändrade aktiviteter; 36 statusar.');
    expect(body.summary.activities[1]).toEqual({ activityId: '2027-riskanalys', title: 'Riskanalys', change: 'created' });
    expect(await activities2027()).toBe(0);
  });

  it('refuses a file with bad rows, naming each with its line as the command does', async () => {
    const res = await post('sakerhetsansvarig', 'preview', BAD);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { reason: string; problems: { where: string; message: string }[] };
    expect(body.reason).toBe(cli('bad.csv', BAD).err);
    expect(body.problems.map((p) => p.where)).toEqual(['rad 2', 'rad 3']);
    expect((await post('sakerhetsansvarig', 'preview', '  ')).status).toBe(400);
  });

  it('imports only when the security officer confirms, audited; the data protection officer may preview, not import; others are refused', async () => {
    expect((await post('dataskyddsombud', 'preview', PLAN_2027)).status).toBe(200);
    expect((await post('dataskyddsombud', 'import', PLAN_2027)).status).toBe(403);
    for (const who of ['chef', 'samordnare', 'fortroendevald', 'medarbetare']) expect([who, (await post(who, 'preview', PLAN_2027)).status]).toEqual([who, 403]);
    expect(await activities2027()).toBe(0);

    const res = await post('sakerhetsansvarig', 'import', PLAN_2027);
    expect(((await res.json()) as { text: string }).text).toBe('Handlingsplan 2027: 16 nya, 0 ändrade, 0 oförändrade aktiviteter; 36 statusar.');
    expect(await activities2027()).toBe(16);
    const audit = (await app.store.audit.query()).map((a) => a.value).filter((a) => a.recordKey === 'plan:2027');
    expect(audit).toEqual([expect.objectContaining({ action: 'importerad', actorId: person('sakerhetsansvarig') })]);
    // Again: nothing new, and the preview says so.
    expect(((await (await post('sakerhetsansvarig', 'preview', PLAN_2027)).json()) as { text: string }).text).toBe(
      'Provkörning, inget sparat: Handlingsplan 2027: 0 nya, 0 ändrade, 16 oförändrade aktiviteter; 0 statusar.',
    );
  });
});
