import type { Clock } from '../clock/clock';
import type { Store } from '../store/store';
import { KeptReads } from './kept-reads';
import type { Committee } from './organisation';

/**
 * The committees, sorted by name. They change a few times a year, so the list is kept for a
 * while (timed by the injected clock): a report's critical path should not read them from
 * SharePoint. When the store cannot be read, the last list read is used: a report is still
 * accepted during an outage.
 */
export class CommitteeDirectory {
  private readonly reads: KeptReads<Committee[]>;

  constructor(
    private readonly store: Store,
    clock: Clock,
    keepMs = 60_000,
  ) {
    // However old, the last list read beats no list: committees are only names and codes.
    this.reads = new KeptReads(clock, keepMs, Number.POSITIVE_INFINITY);
  }

  list(): Promise<Committee[]> {
    return this.reads.read('', async () => (await this.store.committees.query()).map((c) => c.value).sort((a, b) => a.name.localeCompare(b.name, 'sv')));
  }

  async byCode(code: string): Promise<Committee | undefined> {
    return (await this.list()).find((c) => c.code === code);
  }
}
