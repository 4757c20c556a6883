import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { readCampaignFile } from '../../src/learning/campaign-file';
import { MAX_MODULE_FILE_BYTES } from '../../src/learning/module-file';
import { loadModuleLibrary } from '../../src/learning/module-library';

/** "Billion laughs": ten levels of nine aliases each expand 377 bytes into 10⁹ strings. */
function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const [prev, name] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return `${lines.join('\n')}\n`;
}

describe('a hostile module file', () => {
  const good = readFileSync(path.join(loadConfig({}).learning.dir, 'natfiske.yaml'), 'utf8');
  let temp: string;
  beforeEach(() => {
    temp = mkdtempSync(path.join(os.tmpdir(), 'moduler-'));
  });
  afterEach(() => rmSync(temp, { recursive: true, force: true }));

  it('an alias bomb is named as a problem and the good module still loads, in well under a second', () => {
    writeFileSync(path.join(temp, 'natfiske.yaml'), good);
    writeFileSync(path.join(temp, 'bomb.yaml'), aliasBomb());
    const started = performance.now();
    const library = loadModuleLibrary(temp);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(library.modules.map((m) => m.id)).toEqual(['natfiske']);
    expect(library.problems).toEqual([{ file: 'bomb.yaml', line: 1, message: expect.stringMatching(/^YAML kan inte läsas: filen använder fler än \d+ alias/) }]);
  });

  it('an alias to an anchor that does not exist, a file too large, a deep nesting and a folder named like a module are problems too', () => {
    writeFileSync(path.join(temp, 'natfiske.yaml'), good);
    writeFileSync(path.join(temp, 'alias.yaml'), `${good}extra: *saknas\n`);
    writeFileSync(path.join(temp, 'stor.yaml'), `# ${'x'.repeat(MAX_MODULE_FILE_BYTES)}\n${good}`);
    writeFileSync(path.join(temp, 'djup.yaml'), `${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    mkdirSync(path.join(temp, 'mapp.yaml'));
    const started = performance.now();
    const library = loadModuleLibrary(temp);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(library.modules.map((m) => m.id)).toEqual(['natfiske']);
    expect([...new Set(library.problems.map((p) => p.file))].sort()).toEqual(['alias.yaml', 'djup.yaml', 'mapp.yaml', 'stor.yaml']);
    expect(library.problems.find((p) => p.file === 'stor.yaml')!.message).toMatch(/^Filen är 6\d kB; en modulfil får vara högst 64 kB$/);
  });
});

describe('a hostile campaign file', () => {
  it('an alias bomb is a problem, not a crash', () => {
    const started = performance.now();
    expect(readCampaignFile(aliasBomb())).toEqual({ problems: [{ where: 'filen', message: expect.stringMatching(/^YAML kan inte läsas: filen använder fler än \d+ alias/) }] });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('a broken or too large file is a problem; a good one is read', () => {
    expect(readCampaignFile('- moduleId: "natfiske\n')).toMatchObject({ problems: [{ where: 'filen', message: expect.stringMatching(/^YAML kan inte läsas/) }] });
    expect(readCampaignFile('x'.repeat(300 * 1024))).toEqual({ problems: [{ where: 'filen', message: 'filen är 300 kB; en kampanjfil får vara högst 256 kB' }] });
    expect(readCampaignFile('moduleId: natfiske\naudience: alla\n')).toEqual({ inputs: [{ moduleId: 'natfiske', audience: 'alla' }] });
  });
});
