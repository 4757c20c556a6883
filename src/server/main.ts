import { ConfigError, loadConfig, loadDotEnv, refuseUnsafeServerStart } from '../config/config';
import { DatabaseOpenError } from '../store/sqlite/private-database';
import { startPlayground, waitForHttp } from '../playground/start-playground';
import { startApp } from './app';

/** `npm start`: the server on the configured store and, in local mode, the Agents Playground beside it. */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  refuseUnsafeServerStart(config);
  const app = await startApp(config);
  const lines = [
    `Infosäk ${config.version} lyssnar på ${app.url} (lagring: ${app.store.kind})`,
    `  Bot:    ${app.url}/api/messages`,
    `  Flik:   ${app.url}/tab/`,
    `  Hälsa:  ${app.url}/api/health`,
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
    lines.push(`  Chatt:  ${playground.url}  (Agents Playground, inloggad som ${config.playground.persona}; byt med PERSONA=…)`);
  }
  console.log(lines.join('\n'));

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
