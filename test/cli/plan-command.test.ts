import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config/config';

const cli = path.join(projectRoot(), 'dist', 'src', 'cli', 'plan.js');

describe('npm run plan', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'infosak-plan-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent' }, encoding: 'utf8' });

  it('imports a plan for 2030, says what it did, and exports it again', () => {
    const file = path.join(dir, 'plan-2030.csv');
    writeFileSync(file, 'år;id;område;titel;beskrivning;kvartal;nämnder;status;kommentar\n2030;2030-ovning;Kontinuitet;Övning IT-avbrott;Hela dagen utan IT;2;*;;\n');
    const dry = run('import', file, '--dry-run');
    expect(dry.stdout).toContain('Provkörning, inget sparat: Handlingsplan 2030: 1 nya');
    const real = run('import', file);
    expect(real.status).toBe(0);
    expect(real.stdout).toContain('Handlingsplan 2030: 1 nya, 0 ändrade, 0 oförändrade aktiviteter');
    const out = path.join(dir, 'export.csv');
    expect(run('export', '2030', '--out', out).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
  });

  it('lists every problem of a bad file and imports nothing', () => {
    const file = path.join(dir, 'fel.csv');
    writeFileSync(file, 'år;id;område;titel;beskrivning;kvartal;nämnder;status;kommentar\n2030;a;Rymdfart;T;;7;*;;\n');
    const result = run('import', file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('2 fel, inget importerades');
    expect(result.stderr).toContain('rad 2: område: "Rymdfart" är okänt');
    expect(result.stderr).toContain('rad 2: kvartal: "7"');
    expect(run('export', '2030').stdout).toBe('år;id;område;titel;beskrivning;kvartal;nämnder;status;kommentar\r\n');
  });
});
