/**
 * How fast to send to one tenant, learnt from the Bot Connector's answers. Microsoft documents 30
 * requests a second per app per tenant in one place and 50 in another, and the service counts
 * arrivals, which the sender's own timing never matches exactly. So:
 *
 * - the rate believed allowed (`allowedPerSecond`) starts at the configured safe rate and probes
 *   upwards, one step after each full window without a 429, towards the documented ceiling; a 429
 *   during a probe goes back at once to the last rate that had a clean window, and the next probe
 *   waits longer (doubling) and takes a smaller step (halving), so a tenant whose limit lies below
 *   the ceiling is not asked again and again;
 * - sends go out at that rate less a margin (`ratePerSecond`); the margin is small while all is well,
 *   doubles at each 429 that no probe explains (jitter on a busy machine bunches arrivals) and
 *   shrinks again with each clean window — instead of halving the whole rate at every 429, which
 *   lost a fifth of the rate on a busy machine;
 * - a 429's Retry-After pauses every send to the tenant (`pausedUntil`), and the throttled
 *   message is sent again no earlier than its Retry-After.
 *
 * Time is passed in by the caller. Answers to sends made before the last change say nothing about
 * the new rate, so they are judged by when they were sent (`sentAt`), not when they came back.
 */
export interface ThrottleSettings {
  /** The rate to start from: the configured limit (DELIVERY_TENANT_LIMITS), requests a second. */
  safePerSecond: number;
  /** The highest rate probed for (DELIVERY_TENANT_CEILING); equal to the safe rate: no probing. */
  ceilingPerSecond: number;
  /** The service's counting window: a probe step is judged after one clean window. */
  windowMs: number;
  minMargin: number;
  maxMargin: number;
  /** First probe step, as a share of the current rate. */
  probeStep: number;
  minProbeStep: number;
  /** Wait before probing again after a failed probe; doubles after each one up to `maxHoldMs`. */
  holdMs: number;
  maxHoldMs: number;
  /** Wait before probing after a 429 that no probe explains: the margin has just widened, let it settle. */
  jitterHoldMs: number;
}

export const DEFAULT_THROTTLE_SETTINGS: Omit<ThrottleSettings, 'safePerSecond' | 'ceilingPerSecond'> = {
  windowMs: 1000,
  minMargin: 0.02,
  maxMargin: 0.25,
  probeStep: 0.2,
  minProbeStep: 0.01,
  holdMs: 10_000,
  maxHoldMs: 300_000,
  jitterHoldMs: 2000,
};

export class AdaptiveThrottle {
  private allowed: number;
  private marginShare: number;
  /** The last rate that had a clean window: where a failed probe falls back to. */
  private confirmed: number;
  private probing = false;
  private step: number;
  private hold: number;
  private probeAllowedAt = 0;
  /** When the rate or margin last changed; sends from before it are not evidence about the current one. */
  private changedAt: number;
  private cleanSends = 0;
  private reactedAt = Number.NEGATIVE_INFINITY;
  pausedUntil = 0;
  /** Every 429 received, including those answering sends made before the reaction to an earlier one. */
  throttledCount = 0;
  private readonly settings: ThrottleSettings;

  constructor(settings: Partial<ThrottleSettings> & Pick<ThrottleSettings, 'safePerSecond'>, now = 0) {
    this.settings = { ...DEFAULT_THROTTLE_SETTINGS, ceilingPerSecond: settings.safePerSecond, ...settings };
    this.settings.ceilingPerSecond = Math.max(this.settings.ceilingPerSecond, this.settings.safePerSecond);
    this.allowed = this.settings.safePerSecond;
    this.confirmed = this.allowed;
    this.marginShare = this.settings.minMargin;
    this.step = this.settings.probeStep;
    this.hold = this.settings.holdMs;
    this.changedAt = now;
  }

  /** The rate believed allowed by the service now, requests a second. */
  get allowedPerSecond(): number {
    return this.allowed;
  }

  get margin(): number {
    return this.marginShare;
  }

  /** The rate to send at: the allowed rate less the margin. */
  get ratePerSecond(): number {
    return this.allowed * (1 - this.marginShare);
  }

  /**
   * How many turns may be saved up: a tenth of a window's worth (at least two), so that sends woken
   * late catch up; tenant-pacer.ts keeps the catching up within the window's limit.
   */
  get burst(): number {
    return Math.max(2, (this.allowed * this.settings.windowMs) / 10_000);
  }

  onSuccess(now: number, sentAt: number): void {
    if (sentAt < this.changedAt) return;
    this.cleanSends++;
    const window = this.settings.windowMs;
    if (now - this.changedAt < window || this.cleanSends < (this.allowed * window) / 1000) return;
    // A whole window at this rate without a 429: the margin shrinks, and the probe goes one step further.
    this.marginShare = Math.max(this.settings.minMargin, this.marginShare * 0.8);
    this.confirmed = this.allowed;
    if (this.probing) this.hold = this.settings.holdMs;
    this.probing = false;
    if (this.allowed < this.settings.ceilingPerSecond && now >= this.probeAllowedAt) {
      this.allowed = Math.min(this.settings.ceilingPerSecond, this.allowed * (1 + this.step));
      this.probing = true;
    }
    this.changed(now);
  }

  onThrottled(now: number, sentAt: number, retryAfterMs: number): void {
    this.throttledCount++;
    // Sent before the reaction to an earlier 429: the same overload, already reacted to and paused
    // for. Its own Retry-After still holds back its retry (delivery-service.ts); chaining pauses
    // for each answer of the bunch (answers spread over the latency's jitter) would only idle.
    if (sentAt < this.reactedAt) return;
    this.reactedAt = now;
    this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
    // Only a send made at the probed rate can blame the probe.
    if (this.probing && sentAt >= this.changedAt) {
      // The last step went too far: back at once to the rate that had a clean window. The margin
      // stays: the 429 is explained by the step, not by jitter.
      this.allowed = this.confirmed;
      this.probing = false;
      this.step = Math.max(this.settings.minProbeStep, this.step / 2);
      this.probeAllowedAt = now + this.hold;
      this.hold = Math.min(this.settings.maxHoldMs, this.hold * 2);
    } else {
      // Throttled at a rate that had clean windows: arrivals bunched more than the margin allows.
      if (this.marginShare >= this.settings.maxMargin) {
        // Even with the widest margin: the tenant allows less than the configured rate.
        this.allowed = Math.max(this.settings.safePerSecond / 4, this.allowed * 0.75);
        this.confirmed = this.allowed;
      }
      this.marginShare = Math.min(this.settings.maxMargin, this.marginShare * 2);
      this.probeAllowedAt = Math.max(this.probeAllowedAt, now + this.settings.jitterHoldMs);
    }
    this.changed(now);
  }

  /** How long every send to the tenant must wait before the next one. */
  pauseMs(now: number): number {
    return Math.max(0, this.pausedUntil - now);
  }

  private changed(now: number): void {
    this.changedAt = now;
    this.cleanSends = 0;
  }
}
