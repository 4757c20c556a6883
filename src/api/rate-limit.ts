import { t as text, type Locale } from '../i18n/texts';
import { createHash } from 'node:crypto';
import type restify from 'restify';

/**
 * A fixed-window limit per caller, for the tab's API: a page that loops, or someone scripting
 * against the API, is slowed down before it costs the store (and SharePoint's budget) anything.
 * The caller is the sign-in it presents (hashed; whole municipalities share one IP address behind
 * their proxy), or the address when it presents none. Answered 429 with Retry-After.
 */
export function rateLimiter(options: { limit: number; windowMs: number; locale: Locale; now?: () => number }) {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = now();
  const keyOf = (req: restify.Request) => {
    const credential = req.header('authorization') || req.header('x-infosak-demo-user');
    if (credential) return `c:${createHash('sha256').update(credential).digest('base64url').slice(0, 22)}`;
    return `ip:${req.header('x-forwarded-for')?.split(',')[0]?.trim() || req.socket?.remoteAddress || 'okänd'}`;
  };
  return (req: restify.Request, res: restify.Response): boolean => {
    const t = now();
    if (t - lastSweep > options.windowMs) {
      for (const [key, w] of windows) if (t - w.start >= options.windowMs) windows.delete(key);
      lastSweep = t;
    }
    const key = keyOf(req);
    let w = windows.get(key);
    if (!w || t - w.start >= options.windowMs) windows.set(key, (w = { start: t, count: 0 }));
    w.count++;
    if (w.count <= options.limit) return true;
    const retryAfter = Math.max(1, Math.ceil((w.start + options.windowMs - t) / 1000));
    res.setHeader('Retry-After', String(retryAfter));
    res.json(429, { error: 'too_many_requests', reason: text(options.locale, 'api.reason.tooMany', { seconds: retryAfter }) });
    return false;
  };
}
