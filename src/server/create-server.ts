import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import path from 'node:path';
import restify from 'restify';
import type { AppConfig } from '../config/config';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/store';
import type { Clock } from '../clock/clock';
import type { ModuleLibrary } from '../learning/module-library';
import { registerTabApi } from '../api/tab-api';

export interface ServerDeps {
  config: AppConfig;
  adapter: CloudAdapter;
  bot: ActivityHandler;
  store: Store;
  logger: Logger;
  tabDir: string;
  clock: Clock;
  library: ModuleLibrary;
}

/** The one HTTP server: the bot endpoint, health, the tab's API and its static files (built into dist/tab). */
export function createServer({ config, adapter, bot, store, logger, tabDir, clock, library }: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'infosak', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
  server.use(restify.plugins.queryParser({ mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });

  // The Agents Playground probes the endpoint with HEAD before it connects.
  server.head('/api/messages', (_req, res, next) => {
    res.send(200);
    next();
  });

  server.get('/api/health', (_req, res, next) => {
    res.json(200, { status: 'ok', version: config.version, store: store.kind, localMode: config.localMode });
    next();
  });

  registerTabApi(server, { config, store, clock, logger, library });

  server.get('/tab', (_req, res, next) => {
    res.redirect(301, '/tab/', next);
  });
  server.get('/tab/*', restify.plugins.serveStaticFiles(path.resolve(tabDir), { maxAge: 0 }));

  server.on('restifyError', (req, _res, err: Error, callback: () => void) => {
    logger.warn({ path: req.path(), err: err.message }, 'HTTP-fel');
    callback();
  });
  return server;
}
