/**
 * What a failed send means, by the Bot Connector's answer. Retryable: 429, 412, 502, 503, 504 and a
 * lost connection. Final: 403 (the person blocked the bot, or MessageWritesBlocked) and 404.
 */
export type FailureVerdict = 'retry' | 'Blocked' | 'RecipientNotFound' | 'Failed';

export interface SendFailure {
  status?: number;
  code?: string;
  message: string;
  /** Seconds, from the Retry-After header. */
  retryAfterSeconds?: number;
}

const RETRYABLE = new Set([412, 429, 502, 503, 504]);

export function verdictFor(failure: SendFailure): FailureVerdict {
  if (failure.status === undefined) return 'retry'; // no answer at all: the connection failed
  if (RETRYABLE.has(failure.status)) return 'retry';
  if (failure.status === 403) return 'Blocked';
  if (failure.status === 404) return 'RecipientNotFound';
  return 'Failed';
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/** Retry-After when given; otherwise exponential backoff with full jitter. `random` is injected for tests. */
export function retryDelayMs(failure: SendFailure, attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  if (failure.retryAfterSeconds !== undefined && Number.isFinite(failure.retryAfterSeconds)) {
    return Math.min(options.maxMs, Math.max(0, failure.retryAfterSeconds * 1000));
  }
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export function describeFailure(failure: SendFailure): string {
  return [failure.status ?? 'ingen förbindelse', failure.code, failure.message].filter(Boolean).join(' ').slice(0, 500);
}
