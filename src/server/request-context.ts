import { randomUUID } from 'node:crypto';
import type restify from 'restify';
import type { Logger } from '../logging/logger';

/**
 * One id per request, in the response (X-Request-Id) and in every log line about it, so a person
 * reporting a problem and the operator reading the logs talk about the same request. An id sent
 * by a proxy in front (App Service sets X-ARR-LOG-ID) is kept if it looks like one.
 */
export function useRequestContext(server: restify.Server, logger: Logger): void {
  server.pre((req, res, next) => {
    const given = req.header('x-request-id') || req.header('x-arr-log-id');
    const id = given && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    (req as unknown as { requestId: string }).requestId = id;
    (req as unknown as { started: number }).started = Date.now();
    res.setHeader('X-Request-Id', id);
    next();
  });
  server.on('after', (req: restify.Request, res: restify.Response) => {
    // The path without its query string: queries may hold values nobody needs in a log.
    logger.info(
      { reqId: requestIdOf(req), method: req.method, path: req.path(), status: res.statusCode, ms: Date.now() - ((req as unknown as { started?: number }).started ?? Date.now()) },
      'http',
    );
  });
}

export function requestIdOf(req: restify.Request): string {
  return (req as unknown as { requestId?: string }).requestId ?? '';
}
