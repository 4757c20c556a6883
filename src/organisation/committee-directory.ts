import type { Clock } from '../clock/clock';
import type { Store } from '../store/store';
import type { Committee } from './organisation';

/**
 * The committees, sorted by name. They change a few times a year, so the list is kept for a
 * while (timed by the injected clock): a report's critical path should not read them from SharePoint.
 */
export class CommitteeDirectory {
  private cached: { at: number; list: Promise<Committee[]> } | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly keepMs = 60_000,
  ) {}

  list(): Promise<Committee[]> {
    const now = this.clock.now().getTime();
    if (!this.cached || now - this.cached.at >= this.keepMs || now < this.cached.at) {
      const list = this.store.committees.query().then((rows) => rows.map((c) => c.value).sort((a, b) => a.name.localeCompare(b.name, 'sv')));
      // A failed read is not kept: the next caller asks the store again.
      list.catch(() => (this.cached = undefined));
      this.cached = { at: now, list };
    }
    return this.cached.list;
  }

  async byCode(code: string): Promise<Committee | undefined> {
    return (await this.list()).find((c) => c.code === code);
  }
}
