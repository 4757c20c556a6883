import { t as text, type Locale } from '../i18n/texts';
import type restify from 'restify';

export interface RateLimiter {
  /** Counts one request for `key`; once over the limit, answers 429 with Retry-After and returns false. */
  allow(key: string, res: restify.Response): boolean;
  /** How many callers are counted now; never more than maxKeys. */
  readonly size: number;
}

/** The key of a person the server has verified: the SSO token's oid, or a demo person's id. */
export const personKey = (personId: string): string => `p:${personId}`;
/** The key of a caller not (yet) identified: their address. */
export const addressKey = (address: string): string => `a:${address}`;

/**
 * A fixed-window limit per caller, for the tab's API: a page that loops, or someone scripting
 * against the API, is slowed down before it costs the store (and SharePoint's budget) anything.
 * The caller is the verified person (whole municipalities share one IP address behind their proxy),
 * or the address before anyone is verified — never a header as written, which a caller can vary.
 * At most maxKeys callers are remembered; past that the oldest window is forgotten first.
 */
export function rateLimiter(options: { limit: number; windowMs: number; locale: Locale; now?: () => number; maxKeys?: number }): RateLimiter {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 10_000;
  // In order of window start (a renewed window is moved to the end), so the oldest is always first.
  const windows = new Map<string, { start: number; count: number }>();

  const forgetExpired = (t: number) => {
    for (const [key, w] of windows) {
      if (t - w.start < options.windowMs) break;
      windows.delete(key);
    }
  };
  const answer429 = (w: { start: number }, t: number, res: restify.Response) => {
    const retryAfter = Math.max(1, Math.ceil((w.start + options.windowMs - t) / 1000));
    res.setHeader('Retry-After', String(retryAfter));
    res.json(429, { error: 'too_many_requests', reason: text(options.locale, 'api.reason.tooMany', { seconds: retryAfter }) });
  };
  const current = (key: string, t: number) => {
    const w = windows.get(key);
    return w && t - w.start < options.windowMs ? w : undefined;
  };

  return {
    allow(key, res) {
      const t = now();
      forgetExpired(t);
      let w = current(key, t);
      if (!w) {
        windows.delete(key);
        while (windows.size >= maxKeys) windows.delete(windows.keys().next().value!);
        windows.set(key, (w = { start: t, count: 0 }));
      }
      w.count++;
      if (w.count <= options.limit) return true;
      answer429(w, t, res);
      return false;
    },
    get size() {
      return windows.size;
    },
  };
}

/** An address without its port or IPv4-in-IPv6 prefix: 198.51.100.7:51234 → 198.51.100.7, [2001:db8::1]:443 → 2001:db8::1. */
function bareAddress(raw: string): string {
  const a = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) return bracketed[1]!.toLowerCase();
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/i.exec(a);
  if (v4) return v4[1]!;
  return a.toLowerCase();
}

/**
 * The caller's address. Behind a proxy (BEHIND_PROXY=1, App Service's front end) it is the last
 * X-Forwarded-For entry, the one the proxy appended; the entries before it are whatever the caller
 * sent. Otherwise the socket's own address, and X-Forwarded-For is not read at all.
 */
export function callerAddress(req: restify.Request, behindProxy: boolean): string {
  if (behindProxy) {
    const forwarded = req.header('x-forwarded-for');
    const last = forwarded?.split(',').pop()?.trim();
    if (last) return bareAddress(last);
  }
  const socket = req.socket?.remoteAddress;
  return socket ? bareAddress(socket) : 'okänd';
}
