import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, projectRoot } from '../../src/config/config';

/** One hostile file given to the command-line tools is reported by name; it stops nothing else. */
const BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghij'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`),
].join('\n');

describe('hostile files on the command line', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'infosak-hostile-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const run = (tool: string, ...args: string[]) =>
    spawnSync(process.execPath, [path.join(projectRoot(), 'dist', 'src', 'cli', `${tool}.js`), ...args], { env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 20_000 });

  it('`learning validate` names an alias bomb and validates the good module', () => {
    const modules = path.join(dir, 'moduler');
    mkdirSync(modules);
    copyFileSync(path.join(loadConfig({}).learning.dir, 'natfiske.yaml'), path.join(modules, 'natfiske.yaml'));
    writeFileSync(path.join(modules, 'bomb.yaml'), BOMB);
    const result = run('learning', 'validate', '--dir', modules);
    expect(result.stderr).toMatch(/^bomb\.yaml:1: YAML kan inte läsas: filen använder fler än \d+ alias/m);
    expect(result.stdout.trim()).toBe('1 av 2 moduler är giltiga.');
    expect(result.status).toBe(1);
  });

  it('`learning campaign add --file` refuses an alias bomb in Swedish and stores nothing', () => {
    const file = path.join(dir, 'kampanjer.yaml');
    writeFileSync(file, BOMB);
    const result = run('learning', 'campaign', 'add', '--file', file);
    expect(result.stderr).toMatch(/1 fel, ingen kampanj sparades:\n\s+filen: YAML kan inte läsas: filen använder fler än \d+ alias/);
    expect(result.status).toBe(1);
  });

  it('`plan export` writes formulas as text, and `plan import` reads them back unchanged', () => {
    const file = path.join(dir, 'plan.csv');
    writeFileSync(file, "år;id;område;titel;beskrivning;kvartal;nämnder;status;kommentar\n2030;a;Kontinuitet;'=SUM(A1);'+1;2;*;Påbörjad;'@x\n");
    expect(run('plan', 'import', file).status).toBe(0);
    const out = path.join(dir, 'export.csv');
    expect(run('plan', 'export', '2030', '--out', out).status).toBe(0);
    expect(run('plan', 'export', '2030').stdout).toContain("2030;a;Kontinuitet;'=SUM(A1);'+1;2;*;");
    expect(run('plan', 'export', '2030', '--format', 'json').stdout).toContain('"title": "=SUM(A1)"');
  });
});
