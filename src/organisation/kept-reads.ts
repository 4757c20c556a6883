import type { Clock } from '../clock/clock';

/** Entries kept before the expired ones are dropped. */
const PRUNE_ABOVE = 2_000;

/**
 * Timed reads by key: shared while in flight, kept for `keepMs` (timed by the injected clock, so a
 * clock set back reads again), the last good one used during an outage for at most `staleLimitMs`.
 * A failed read is not kept. Shared by the committee and people directories.
 */
export class KeptReads<T> {
  private readonly kept = new Map<string, { at: number; value: Promise<T> }>();
  private readonly lastRead = new Map<string, { at: number; value: T }>();
  /** Bumped by forget(): a read that started before it must not be kept after it. */
  private generation = 0;

  constructor(
    private readonly clock: Clock,
    private readonly keepMs: number,
    private readonly staleLimitMs: number,
  ) {}

  read(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.clock.now().getTime();
    const kept = this.kept.get(key);
    if (kept && now - kept.at < this.keepMs && now >= kept.at) return kept.value;
    const generation = this.generation;
    const value = load().then(
      (read) => {
        if (generation === this.generation) this.lastRead.set(key, { at: now, value: read });
        return read;
      },
      (err: unknown) => {
        // A failed read is not kept: the next caller asks the store again.
        if (this.kept.get(key)?.value === value) this.kept.delete(key);
        const last = this.lastRead.get(key);
        if (last && now - last.at < this.staleLimitMs) return last.value;
        throw err;
      },
    );
    this.kept.set(key, { at: now, value });
    if (this.kept.size > PRUNE_ABOVE) this.prune(now);
    return value;
  }

  /** Drops what can no longer be used, so 50,000 people asked about over a day are not all held. */
  private prune(now: number): void {
    for (const [key, kept] of this.kept) if (now - kept.at >= this.keepMs) this.kept.delete(key);
    for (const [key, last] of this.lastRead) if (now - last.at >= this.staleLimitMs) this.lastRead.delete(key);
  }

  forget(): void {
    this.generation++;
    this.kept.clear();
    this.lastRead.clear();
  }
}
