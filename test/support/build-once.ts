import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Jest global setup: compiles the app once, so tests that start it as a separate process (the
 * command-line tools, the server) run exactly what `npm start` and `npm run job` run; the tools
 * configuration also compiles the helpers that tests start as child processes. The tab is bundled too.
 */
export default function buildOnce(): void {
  // `npm test` builds once for both of its jest runs: the browser suites run right after the rest.
  if (process.env.INFOSAK_TEST_BUILT === '1') return;
  const root = path.resolve(__dirname, '..', '..');
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.tools.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  // The tab's bundle, served from dist/tab by every app the tests start.
  execFileSync(process.execPath, [path.join(root, 'tab', 'build.mjs')], { cwd: root, stdio: 'inherit' });
}
