/**
 * How many sends to have under way at once, from how long the Bot Connector takes to answer. By
 * Little's law a rate of r requests a second with answers taking L seconds needs r × L requests in
 * flight; a fixed number caps the rate instead (8 in flight at 300 ms a send is 26.7 a second,
 * under the tenant's 30). The latency taken is the slowest tenth of the recent answers, with
 * headroom, because a rate held back by a slow spell is lost for good while extra claims only wait
 * for their turn.
 */
export interface ConcurrencySettings {
  /** Never more than this in flight (DELIVERY_CONCURRENCY). */
  max: number;
  min: number;
  /** Assumed until answers have been timed. */
  initialLatencyMs: number;
  headroom: number;
  /** Answers remembered for the estimate. */
  samples: number;
}

export const DEFAULT_CONCURRENCY_SETTINGS: ConcurrencySettings = { max: 64, min: 1, initialLatencyMs: 500, headroom: 1.5, samples: 64 };

export class ConcurrencyLimit {
  private readonly recent: number[] = [];
  private next = 0;
  private latency: number;
  private readonly settings: ConcurrencySettings;

  constructor(settings: Partial<ConcurrencySettings> = {}) {
    this.settings = { ...DEFAULT_CONCURRENCY_SETTINGS, ...settings };
    this.settings.min = Math.min(this.settings.min, this.settings.max);
    this.latency = this.settings.initialLatencyMs;
  }

  /** Time from handing a request to the Bot Connector to its answer. */
  recordLatency(ms: number): void {
    if (this.recent.length < this.settings.samples) this.recent.push(ms);
    else this.recent[this.next] = ms;
    this.next = (this.next + 1) % this.settings.samples;
    const sorted = [...this.recent].sort((a, b) => a - b);
    this.latency = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))]!;
  }

  /** The latency the limit is worked out from: the 90th percentile of recent answers. */
  get latencyMs(): number {
    return this.latency;
  }

  /** Sends to keep in flight to reach `ratePerSecond`. */
  limitFor(ratePerSecond: number): number {
    const needed = Math.ceil(((ratePerSecond * this.latency) / 1000) * this.settings.headroom) + 1;
    return Math.max(this.settings.min, Math.min(this.settings.max, needed));
  }
}
