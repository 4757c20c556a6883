// Bundles the tab (React + Fluent UI v9 + teams-js) into dist/tab with esbuild: three entry points,
// the status page, the channel tab's configuration page and the card renderer the Administration
// part loads for a module's preview, plus the static files in public/.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, '..', 'dist', 'tab');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(path.join(here, 'public'), out, { recursive: true });
const result = await build({
  entryPoints: { app: path.join(here, 'src', 'main.tsx'), config: path.join(here, 'src', 'config-page.tsx'), cards: path.join(here, 'src', 'card-preview.ts') },
  outdir: out,
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  sourcemap: 'linked',
  metafile: true,
  legalComments: 'linked',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
const bytes = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith('.js'))
  .map(([file, o]) => `${path.basename(file)} ${Math.round(o.bytes / 1024)} KB`);
if (process.argv.includes('--verbose')) console.log(`tab: ${bytes.join(', ')}`);
