import { ConfigError, loadConfig, loadDotEnv, refuseUnsafeServerStart } from '../config/config';
import { DatabaseOpenError } from '../store/sqlite/private-database';
import { startPlayground, waitForHttp } from '../playground/start-playground';
import path from 'node:path';
import { personaNames } from '../playground/playground-config';
import { startApp } from './app';

/** `npm start`: the server on the configured store and, in local mode, the Agents Playground beside it. */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  refuseUnsafeServerStart(config);
  const app = await startApp(config);
  // A folder as a person would type it: relative when it is under this one.
  const shown = (p: string) => (path.relative(process.cwd(), p).startsWith('..') ? p : path.relative(process.cwd(), p) || '.');
  const where = app.store.kind === 'sqlite' ? `SQLite i ${shown(config.dataDir)}` : 'SharePoint';
  const lines = [`Infosäk ${config.version}${config.localMode ? ', lokalt läge (utan inloggning)' : ''} – lagring: ${where}`];
  const tail = [
    `  Flik:   ${app.url}/tab/`,
    `  Bot:    ${app.url}/api/messages`,
    `  Hälsa:  ${app.url}/api/health`,
    ...(config.localMode && config.logLevel !== 'silent' ? [`  Logg:   ${shown(path.join(config.dataDir, 'infosak.log'))}`] : []),
  ];

  let playground: ReturnType<typeof startPlayground> | undefined;
  if (config.playground.enabled) {
    playground = startPlayground({
      botEndpoint: `http://127.0.0.1:${app.port}/api/messages`,
      port: config.playground.port,
      persona: config.playground.persona,
      dataDir: config.dataDir,
    });
    playground.process.stderr?.on('data', (d: Buffer) => app.logger.warn({ playground: d.toString().trim() }, 'Agents Playground'));
    await waitForHttp(playground.url, 30_000);
    lines.push(`  Chatt:  ${playground.url}  (Agents Playground som ${config.playground.persona})`);
    lines.push(`          fler samtidigt: npm run playground -- ${personaNames().filter((p) => p !== config.playground.persona).join(' | ')}`);
  }
  console.log([...lines, ...tail, 'Stäng med Ctrl+C.'].join('\n'));

  const shutdown = async (signal: string) => {
    app.logger.info({ signal }, 'stänger');
    const child = playground?.process;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
    }
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  // What an operator can fix gets one line; anything else, the whole error.
  console.error(err instanceof ConfigError || err instanceof DatabaseOpenError ? err.message : err);
  process.exit(1);
});
