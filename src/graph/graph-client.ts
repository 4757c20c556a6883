import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type Middleware,
} from '@microsoft/microsoft-graph-client';

export interface GraphClientOptions {
  baseUrl: string;
  accessToken: () => Promise<string>;
  /** Seconds the SDK waits before retrying a 429/503/504 without Retry-After. */
  retryDelaySeconds?: number;
  maxRetries?: number;
}

/**
 * The Graph SDK with its middleware chain built explicitly: auth → retry (429/503/504, honouring
 * Retry-After) → HTTP. The Graph host is named in customHosts so the SDK attaches the token also
 * for a sovereign cloud's or a local stand-in's host (it attaches tokens to known Graph hosts only).
 */
export function createGraphClient(options: GraphClientOptions): Client {
  const base = new URL(options.baseUrl);
  const auth = new AuthenticationHandler({ getAccessToken: options.accessToken });
  const retry = new RetryHandler(new RetryHandlerOptions(options.retryDelaySeconds ?? 3, options.maxRetries ?? 3));
  const http = new HTTPMessageHandler();
  auth.setNext(retry);
  retry.setNext(http);
  return Client.initWithMiddleware({
    middleware: auth as Middleware,
    baseUrl: `${base.origin}/`,
    defaultVersion: 'v1.0',
    customHosts: new Set([base.hostname]),
  });
}
