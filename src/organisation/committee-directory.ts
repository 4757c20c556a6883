import type { Clock } from '../clock/clock';
import type { Store } from '../store/store';
import type { Committee } from './organisation';

/**
 * The committees, sorted by name. They change a few times a year, so the list is kept for a
 * while (timed by the injected clock): a report's critical path should not read them from
 * SharePoint. When the store cannot be read, the last list read is used: a report is still
 * accepted during an outage.
 */
export class CommitteeDirectory {
  private cached: { at: number; list: Promise<Committee[]> } | undefined;
  private lastRead: Committee[] | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly keepMs = 60_000,
  ) {}

  list(): Promise<Committee[]> {
    const now = this.clock.now().getTime();
    if (!this.cached || now - this.cached.at >= this.keepMs || now < this.cached.at) {
      const list = this.store.committees
        .query()
        .then((rows) => (this.lastRead = rows.map((c) => c.value).sort((a, b) => a.name.localeCompare(b.name, 'sv'))))
        .catch((err: unknown) => {
          // A failed read is not kept: the next caller asks the store again.
          this.cached = undefined;
          if (this.lastRead) return this.lastRead;
          throw err;
        });
      this.cached = { at: now, list };
    }
    return this.cached.list;
  }

  async byCode(code: string): Promise<Committee | undefined> {
    return (await this.list()).find((c) => c.code === code);
  }
}
