// Renders pages of Ledningens genomgång for the README: the demo's 2022 report (the seed's plan and
// its follow-up) made by `npm run report`, turned into PDF by LibreOffice and into pictures by
// pdftoppm, both from Debian's packages. Run by `npm run docs:report-pages`.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const need = (tool, pkg) => {
  try {
    execFileSync('which', [tool], { stdio: 'ignore' });
  } catch {
    throw new Error(`${tool} is missing: apt-get install -y ${pkg}`);
  }
};
need('soffice', 'libreoffice-writer-nogui fonts-crosextra-carlito');
need('pdftoppm', 'poppler-utils');

const work = mkdtempSync(path.join(os.tmpdir(), 'infosak-report-pages-'));
try {
  const docx = path.join(work, 'ledningens-genomgang-2022.docx');
  execFileSync(process.execPath, [path.join(root, 'dist', 'src', 'cli', 'report.js'), '2022', '--out', docx], {
    env: { ...process.env, DATA_DIR: path.join(work, 'data'), LOG_LEVEL: 'silent', MUNICIPALITY_NAME: 'Exempelkommunen' },
    stdio: 'inherit',
  });
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, docx], { stdio: 'ignore', env: { ...process.env, HOME: work } });
  const to = path.join(root, 'docs', 'screenshots');
  mkdirSync(to, { recursive: true });
  for (const n of [1, 3]) {
    // One page to one file, named as given (without -singlefile, pdftoppm pads the number to the page count's width).
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(n), '-l', String(n), '-singlefile', path.join(work, 'ledningens-genomgang-2022.pdf'), path.join(work, `page-${n}`)]);
    copyFileSync(path.join(work, `page-${n}.png`), path.join(to, `report-2022-page-${n}.png`));
  }
  console.log('docs/screenshots: report-2022-page-1.png, report-2022-page-3.png');
} finally {
  rmSync(work, { recursive: true, force: true });
}
