import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import path from 'node:path';
import restify from 'restify';
import type { AppConfig } from '../config/config';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/store';
import type { Clock } from '../clock/clock';
import type { ModuleLibrary } from '../learning/module-library';
import { registerTabApi } from '../api/tab-api';
import type { DemoUser } from '../api/tab-api-types';
import type { TabApiDeps } from '../api/tab-api';
import type { OperationalStore } from '../ops/operational-store';
import { healthProbe } from './health';
import { useRequestContext } from './request-context';
import { setSecurityHeaders } from './security-headers';

export interface ServerDeps {
  config: AppConfig;
  adapter: CloudAdapter;
  bot: ActivityHandler;
  store: Store;
  logger: Logger;
  tabDir: string;
  clock: Clock;
  library: ModuleLibrary;
  ops: OperationalStore;
  /** The people the tab's demo mode offers (empty unless TAB_DEMO_USERS is on). */
  demoUsers: DemoUser[];
  /** What the tab's incident routes need: the rules, and the bot's "open this incident's card in my chat". */
  incidents: TabApiDeps['incidents'];
  campaigns: TabApiDeps['campaigns'];
  modulePreview: TabApiDeps['modulePreview'];
}

/** The one HTTP server: the bot endpoint, health, the tab's API and its static files (built into dist/tab). */
export function createServer({ config, adapter, bot, store, logger, tabDir, clock, library, campaigns, modulePreview, ops, demoUsers, incidents }: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'infosak', handleUncaughtExceptions: false });
  useRequestContext(server, logger);
  server.pre((req, res, next) => {
    setSecurityHeaders(res, { tab: req.path().startsWith('/tab'), https: config.publicUrl.startsWith('https://') });
    next();
  });
  // Bodies over 256 KB are refused with 413 before they are read into memory: no card or API call needs more.
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

  const health = healthProbe({ store, ops, library, cacheMs: config.healthCacheSeconds * 1000 });
  // 503 when degraded, so App Service's health check takes an instance that cannot reach its store out of rotation.
  server.get('/api/health', async (_req: restify.Request, res: restify.Response) => {
    const h = await health();
    res.setHeader('Cache-Control', 'no-store');
    res.json(h.status === 'ok' ? 200 : 503, { ...h, version: config.version, localMode: config.localMode });
  });

  registerTabApi(server, { config, store, ops, clock, logger, library, campaigns, modulePreview, demoUsers, incidents });

  server.get('/tab', (_req, res, next) => {
    res.redirect(301, '/tab/', next);
  });
  const serveTab = restify.plugins.serveStaticFiles(path.resolve(tabDir), { maxAge: 0 });
  server.get('/tab/*', (req: restify.Request, res: restify.Response, next: restify.Next) => {
    // The source map shows the tab's source to anyone who asks: a help in development, not in production.
    if (config.production && req.path().toLowerCase().endsWith('.map')) {
      res.send(404);
      return next(false);
    }
    return serveTab(req, res, next);
  });

  server.on('restifyError', (req, _res, err: Error, callback: () => void) => {
    logger.warn({ path: req.path(), err: err.message }, 'HTTP-fel');
    callback();
  });
  return server;
}
