/**
 * Teams' limits for bots, from Microsoft's rate-limit documentation. The docs give 30 requests a
 * second per app per tenant in older text and 50 in the current: the lower is where sending
 * starts, the higher is how far the sender probes while no 429 comes (see adaptive-throttle.ts).
 */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

export interface RateLimits {
  perTenant: RateWindow[];
  perConversation: RateWindow[];
}

export const TEAMS_RATE_LIMITS: RateLimits = {
  perTenant: [{ limit: 30, windowMs: 1000 }],
  perConversation: [
    { limit: 7, windowMs: 1000 },
    { limit: 8, windowMs: 2000 },
    { limit: 60, windowMs: 30_000 },
    { limit: 1800, windowMs: 3_600_000 },
  ],
};

/** The documented ceiling per app per tenant (DELIVERY_TENANT_CEILING). */
export const TEAMS_TENANT_CEILING: RateWindow[] = [{ limit: 50, windowMs: 1000 }];

/** The steady rate, in requests a second, that keeps every window within its limit. */
export function ratePerSecond(windows: RateWindow[]): number {
  return Math.min(...windows.map((w) => (w.limit * 1000) / w.windowMs));
}

/** Reads "30/1s" or "7/1s,8/2s,60/30s,1800/1h" as configured in DELIVERY_TENANT_LIMITS / DELIVERY_CONVERSATION_LIMITS. */
export function parseRateWindows(text: string): RateWindow[] {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  return text.split(',').map((part) => {
    const m = /^\s*(\d+)\s*\/\s*(\d*)\s*(ms|s|m|h)\s*$/.exec(part);
    if (!m) throw new Error(`"${part.trim()}" är ingen gräns av formen 30/1s`);
    return { limit: Number(m[1]), windowMs: Number(m[2] || 1) * units[m[3]!]! };
  });
}
