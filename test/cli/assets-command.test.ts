import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config/config';

const cli = path.join(projectRoot(), 'dist', 'src', 'cli', 'assets.js');
const HEADER = 'id;namn;beskrivning;nämnd;systemägare;informationsägare;kritikalitet;konfidentialitet;riktighet;tillgänglighet;spårbarhet;klassad;nästa översyn';

describe('npm run assets', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'infosak-assets-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent' }, encoding: 'utf8' });

  it('reads a register file after a dry run, changes nothing the second time, and writes the same file back out', () => {
    const file = path.join(dir, 'register.csv');
    writeFileSync(
      file,
      `${HEADER}\n` +
        'kfn-evenemang;Evenemangskalendern;Kommunens evenemang och föreningar;KFN;;;ovrig;0;1;1;;2026-09-01;2027-09-01\n' +
        'sn-ifo;Verksamhetssystemet för individ- och familjeomsorg;Ärenden och journaler;SN;a1a1a1a1-0000-4000-8000-000000000005;;samhallsviktig;3;3;3;3;2026-05-01;2027-05-01\n',
    );
    expect(run('import', file, '--dry-run').stdout).toContain('Provkörning, inget sparat: Informationstillgångar: 1 nya, 1 ändrade, 0 oförändrade.');
    const real = run('import', file);
    expect(real.status).toBe(0);
    expect(real.stdout).toContain('Informationstillgångar: 1 nya, 1 ändrade, 0 oförändrade.');
    expect(run('import', file).stdout).toContain('Informationstillgångar: 0 nya, 0 ändrade, 2 oförändrade.');
    const out = path.join(dir, 'export.csv');
    expect(run('export', '--out', out).status).toBe(0);
    const exported = readFileSync(out, 'utf8');
    // The demo's register and the two from the file, in the file's shape.
    expect(exported.startsWith(`${HEADER}\r\n`)).toBe(true);
    expect(exported).toContain('kfn-evenemang;Evenemangskalendern;Kommunens evenemang och föreningar;KFN;;;ovrig;0;1;1;;2026-09-01;2027-09-01\r\n');
    expect(exported).toContain('sn-ifo;Verksamhetssystemet för individ- och familjeomsorg;Ärenden och journaler;SN;a1a1a1a1-0000-4000-8000-000000000005;;samhallsviktig;3;3;3;3;2026-05-01;2027-05-01\r\n');
    // What was exported reads back in as it is.
    expect(run('import', out).stdout).toContain('0 nya, 0 ändrade');
  });

  it('names every problem of a bad file, line by line in Swedish, and imports nothing', () => {
    const file = path.join(dir, 'fel.csv');
    writeFileSync(
      file,
      `${HEADER}\n` +
        'Ekonomi;;;XX;anna@example.se;;kritisk;5;;;;2026-02-30;\n' +
        'sbn-ny;Nytt system;;SBN;;;ovrig;1;1;1;;2026-05-01;2026-04-01\n' +
        'sbn-ny;Nytt system igen;;SBN;;;ovrig;;;;;;\n',
    );
    const result = run('import', file);
    expect(result.status).toBe(1);
    const lines = result.stderr.split('\n');
    expect(lines).toContain('  rad 2: id: "Ekonomi" ska vara små bokstäver a–z, siffror och bindestreck (högst 100)');
    expect(lines).toContain('  rad 2: namn: måste fyllas i');
    expect(lines.some((l) => l.startsWith('  rad 2: nämnd: "XX" är okänd'))).toBe(true);
    expect(lines).toContain('  rad 2: systemägare: "anna@example.se" ska vara personens objekt-id i Entra ID (GUID), eller tomt');
    expect(lines.some((l) => l.startsWith('  rad 2: kritikalitet: "kritisk" är okänd'))).toBe(true);
    expect(lines).toContain('  rad 2: konfidentialitet: "5" ska vara en KLASSA-nivå 0–4');
    expect(lines).toContain('  rad 2: riktighet: en nivå 0–4 behövs när tillgången är klassad');
    expect(lines).toContain('  rad 2: klassad: "2026-02-30" ska vara ett datum ÅÅÅÅ-MM-DD');
    expect(lines).toContain('  rad 3: nästa översyn: ska ligga efter klassningsdatumet');
    expect(lines).toContain('  rad 4: id: "sbn-ny" finns redan (rad 3)');
    expect(result.stderr).toContain('fel, inget importerades');
    expect(run('export').stdout).not.toContain('sbn-ny');
  });

  it('refuses a file with other columns, and one that is not UTF-8', () => {
    const wrong = path.join(dir, 'kolumner.csv');
    writeFileSync(wrong, 'namn;nämnd\nEkonomi;KS\n');
    expect(run('import', wrong).stderr).toContain('rad 1: fel kolumner: "namn;nämnd"; rubrikraden ska vara id;namn;beskrivning;');
    const latin1 = path.join(dir, 'latin1.csv');
    writeFileSync(latin1, Buffer.from(`${HEADER}\nx;Lönesystem;;KS;;;ovrig;;;;;;\n`, 'latin1'));
    expect(run('import', latin1).stderr).toContain('filen är inte UTF-8; spara den som "CSV UTF-8"');
  });
});
