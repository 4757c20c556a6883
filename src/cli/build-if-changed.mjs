// Builds the app (tsc and the tab's bundle, as `npm run build`) only when a source is newer than the
// last build: `npm start`, `npm run job` and the other commands start at once when nothing changed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const stamp = path.join(root, 'dist', '.build-stamp');
/** What the build reads: a change in any of them makes dist/ stale. */
const INPUTS = ['src', 'bot', 'tab/src', 'tab/public', 'tab/build.mjs', 'tab/tsconfig.json', 'infra/sharepoint/lists.json', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newest(file) {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(file).map((name) => newest(path.join(file, name))));
}

const built = statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0;
const changed = Math.max(...INPUTS.map((input) => newest(path.join(root, input))));
if (changed <= built) {
  if (!process.argv.includes('--quiet')) console.error('Bygget är aktuellt.');
} else {
  // The stamp gets the time the build began: a file saved during the build makes the next start build again.
  const began = new Date();
  // On stderr: `npm run --silent plan -- export … > plan.csv` must get the export alone.
  console.error(built === 0 ? 'Bygger appen …' : 'Källkoden har ändrats: bygger om …');
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(root, 'tab', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  mkdirSync(path.dirname(stamp), { recursive: true });
  writeFileSync(stamp, '');
  utimesSync(stamp, began, began);
}
