import { GraphError, type Client } from '@microsoft/microsoft-graph-client';

/**
 * Graph calls with the failures SharePoint really has. The SDK already retries 429/503/504 a few
 * times; this adds what it cannot know: a longer patience for throttling, and what to do when a
 * response is lost (the SDK reports status -1) — repeat a read, but let the caller decide for a write.
 */
export interface RetryPolicy {
  attempts: number;
  /** Backoff when the service gives no Retry-After, in ms (doubled per attempt, with jitter). */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

export class GraphStoreError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'GraphStoreError';
  }
}

export function statusOf(err: unknown): number | undefined {
  return err instanceof GraphError ? err.statusCode : undefined;
}

/**
 * SharePoint refused a query for the list view threshold (SPQueryThrottledException). Graph does not
 * document its answer (500 through SharePoint's own API; 429 has been reported through Graph), so it
 * is told by its message, and never retried: the same query is refused again.
 */
export function isThresholdRefusal(err: unknown): boolean {
  const message = err instanceof Error ? err.message : '';
  return /list view threshold|SPQueryThrottledException/i.test(message);
}

/** Throttled or unavailable: the request was not carried out and may be sent again. */
export function isThrottled(err: unknown): boolean {
  const s = statusOf(err);
  return (s === 429 || s === 503 || s === 504) && !isThresholdRefusal(err);
}

/** The outcome is unknown: the connection dropped or a gateway gave up after the request reached SharePoint. */
export function isOutcomeUnknown(err: unknown): boolean {
  const s = statusOf(err);
  return s === -1 || s === 502 || s === 504 || (!(err instanceof GraphError) && err instanceof TypeError);
}

export function retryAfterMs(err: unknown, attempt: number, policy: RetryPolicy): number {
  const header = err instanceof GraphError ? err.headers?.get('Retry-After') : null;
  if (header !== null && header !== undefined) {
    const seconds = Number(header);
    const ms = Number.isNaN(seconds) ? new Date(header).getTime() - Date.now() : seconds * 1000;
    return Math.max(0, Math.min(ms, policy.maxDelayMs));
  }
  const exponential = policy.baseDelayMs * 2 ** attempt;
  return Math.min(policy.maxDelayMs, exponential / 2 + Math.random() * (exponential / 2));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function toStoreError(err: unknown): GraphStoreError {
  if (err instanceof GraphStoreError) return err;
  if (err instanceof GraphError) return new GraphStoreError(`Graph svarade ${err.statusCode} ${err.code ?? ''}: ${err.message}`, err.statusCode, err.code);
  return new GraphStoreError(`Graph kunde inte nås: ${err instanceof Error ? err.message : String(err)}`, -1, null);
}

/** A read: repeated while throttled or while the answer is lost. */
export async function readWithRetries<T>(call: () => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (attempt + 1 >= policy.attempts || !(isThrottled(err) || isOutcomeUnknown(err))) throw toStoreError(err);
      await sleep(retryAfterMs(err, attempt, policy));
    }
  }
}

export interface GraphPage<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

/** Reads every page of a collection through @odata.nextLink (never building skip tokens ourselves). */
export async function readAllPages<T>(client: Client, firstUrl: string, limit?: number, policy?: RetryPolicy): Promise<T[]> {
  const items: T[] = [];
  let url: string | undefined = firstUrl;
  while (url) {
    const page: GraphPage<T> = await readWithRetries(() => client.api(url!).get() as Promise<GraphPage<T>>, policy);
    items.push(...page.value);
    if (limit !== undefined && items.length >= limit) return items.slice(0, limit);
    url = page['@odata.nextLink'];
  }
  return items;
}
