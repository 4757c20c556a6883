import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config/config';
import { docxParagraphs } from '../support/docx-text';

const cli = path.join(projectRoot(), 'dist', 'src', 'cli', 'report.js');

/** `npm run report`: the same Word document as the tab's button, for a workstation. */
describe('npm run report', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'infosak-report-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: dir, env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent', MUNICIPALITY_NAME: 'Exempelby kommun' }, encoding: 'utf8' });

  it('writes the year for the whole municipality, or for one nämnd', () => {
    const whole = run('2026', '--out', path.join(dir, 'kommunen.docx'));
    expect(whole.stderr).toBe('');
    expect(whole.status).toBe(0);
    expect(whole.stdout.trim()).toBe(`Årsrapporten för Exempelby kommun 2026 är sparad: ${path.join(dir, 'kommunen.docx')}`);
    const paragraphs = docxParagraphs(readFileSync(path.join(dir, 'kommunen.docx')));
    expect(paragraphs.find((p) => p.style === 'Title')?.text).toBe('Ledningens genomgång – informationssäkerhet och dataskydd 2026');
    expect(paragraphs.some((p) => p.text === 'Omfattning: hela kommunen')).toBe(true);

    const one = run('2026', '--committee', 'sn');
    expect(one.status).toBe(0);
    const file = path.join(dir, 'ledningens-genomgang-2026-SN.docx');
    expect(existsSync(file)).toBe(true);
    expect(docxParagraphs(readFileSync(file)).some((p) => p.text === 'Omfattning: Socialnämnden')).toBe(true);
  });

  it('says in Swedish what is wrong with the year or the nämnd, and writes nothing', () => {
    const noYear = run();
    expect([noYear.status, noYear.stderr.split('\n')[0]]).toEqual([2, 'Ange året.']);
    const badYear = run('tjugotjugosex');
    expect(badYear.status).toBe(2);
    expect(badYear.stderr).toContain('"tjugotjugosex" är inget år att rapportera');
    const unknown = run('2026', '--committee', 'XYZ');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^Nämnden "XYZ" finns inte \(finns: /);
    expect(existsSync(path.join(dir, 'ledningens-genomgang-2026-XYZ.docx'))).toBe(false);
  });
});
