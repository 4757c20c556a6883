import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, projectRoot } from '../../src/config/config';

const cli = path.join(projectRoot(), 'dist', 'src', 'cli', 'learning.js');

describe('npm run learning', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'infosak-learning-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent' }, encoding: 'utf8' });

  it('validates the modules in the repository', () => {
    const result = run('validate');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe('11 av 11 moduler är giltiga.');
  });

  it('names each broken file with its line, counts the good ones, and fails', () => {
    const modules = path.join(dir, 'moduler');
    mkdirSync(modules);
    copyFileSync(path.join(loadConfig({}).learning.dir, 'natfiske.yaml'), path.join(modules, 'natfiske.yaml'));
    writeFileSync(path.join(modules, 'trasig.yaml'), 'id: trasig\nversion: 1\ntitle: "Trasig\n');
    const result = run('validate', '--dir', modules);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^trasig\.yaml:3: YAML kan inte läsas/m);
    expect(result.stdout.trim()).toBe('1 av 2 moduler är giltiga.');
  });

  it('plans a campaign from options once, refuses a wrong one in Swedish, and lists them', () => {
    const add = run('campaign', 'add', '--module', 'natfiske', '--audience', 'namnder', '--committees', 'sn,kfn', '--start', '2030-01-13', '--due', '2030-01-31', '--every', '5');
    expect(add.status).toBe(0);
    expect(add.stdout).toContain('Sparad: natfiske-kfn-sn-2030-01-13 (natfiske, namnder SN, KFN, 2030-01-13 – 2030-01-31)');
    expect(run('campaign', 'add', '--module', 'natfiske', '--audience', 'namnder', '--committees', 'SN,KFN', '--start', '2030-01-13', '--due', '2030-01-31').stdout).toContain(
      'Fanns redan: natfiske-kfn-sn-2030-01-13',
    );
    const wrong = run('campaign', 'add', '--module', 'rymdfart', '--audience', 'namnder', '--committees', 'XYZ', '--start', '2030-02-30', '--due', '2030-01-31');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('ingen kampanj sparades');
    expect(wrong.stderr).toContain('kampanj 1: startdatum är inget giltigt datum');
    const list = run('campaign', 'list');
    expect(list.stdout).toContain('natfiske-kfn-sn-2030-01-13: natfiske till namnder (SN, KFN), 13 januari 2030 – 31 januari 2030, påminnelse var 5:e dag, högst 2');
  });

  it('plans campaigns from a file, all or nothing, and prints the rates', () => {
    const file = path.join(dir, 'kampanjer.yaml');
    writeFileSync(
      file,
      ['- moduleId: losenord-och-tvafaktor', '  audience: alla', '  startDate: 2030-03-02', '  dueDate: 2030-03-27', '- moduleId: ratt-behorighet', '  audience: fortroendevalda', '  startDate: 2030-03-02', '  dueDate: 2030-03-27', '  colour: red'].join('\n'),
    );
    const bad = run('campaign', 'add', '--file', file);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('kampanj 2: okänt fält: colour');
    expect(run('campaign', 'list').stdout).not.toContain('losenord-och-tvafaktor');
    writeFileSync(file, readFileSync(file, 'utf8').replace('\n  colour: red', ''));
    expect(run('campaign', 'add', '--file', file).stdout).toContain('Sparad: ratt-behorighet-fortroendevalda-2030-03-02');
    const rates = run('rates', '2030');
    expect(rates.stdout).toContain('Genomförd utbildning 2030, mål 80 %: 0 % (0 av 8)');
    expect(rates.stdout).toContain('Förtroendevalda: 0 % (0 av 2)');
  });
});
