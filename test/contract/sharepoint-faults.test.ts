import type { SharePointStore } from '../../src/store/sharepoint/sharepoint-store';
import type { ListRepository } from '../../src/store/store';
import { startLocalSharePoint, type LocalSharePoint } from '../support/graph/sharepoint-fixture';
import { REPOSITORY_NAMES } from '../../src/store/list-schema';
import { sampleRecord } from './sample-records';

/**
 * With 30 % of Graph calls throttled (429/503 with Retry-After) or answered never although the write
 * was committed, every record still lands exactly once.
 */
const PER_KIND = 240;

const KINDS = REPOSITORY_NAMES;

describe('SharePoint store under faults', () => {
  let sp: LocalSharePoint;
  let store: SharePointStore;
  beforeAll(async () => {
    sp = await startLocalSharePoint();
    await sp.provision();
    store = await sp.connectStore();
  });
  afterAll(() => sp.stop());

  it(`stores ${PER_KIND} records of each kind exactly once with 30 % of calls failing`, async () => {
    sp.graph.seed(20261122);
    // A duplicate key answered 500, as SharePoint's own API does: a repeated create after a dropped answer must still find its record.
    sp.graph.faults = { latencyMs: 0, failureRate: 0.3, failures: ['429', '503', 'drop'], retryAfterSeconds: 0, innerThrottleRate: 0.1, duplicateAnswer: 500, omitUpdateEtag: false, columnNameClash: 'refuse' };
    for (const kind of KINDS) {
      const repo = store[kind] as ListRepository<object, never>;
      const items = Array.from({ length: PER_KIND }, (_, i) => ({ key: `${kind}:${i}`, value: sampleRecord(kind, i) }));
      const half = PER_KIND / 2;
      // Half one at a time, ten in flight; half in $batch requests.
      for (let start = 0; start < half; start += 10) {
        await Promise.all(items.slice(start, Math.min(start + 10, half)).map((i) => repo.create(i.key, i.value)));
      }
      await repo.createMany(items.slice(half));
      // A caller that repeats its whole run (say, after a restart) adds nothing.
      const repeats = await repo.createMany(items.slice(0, 40));
      expect(repeats.every((r) => !r.created)).toBe(true);
    }

    // Updates under the same faults: each lands once, none is mistaken for a conflict.
    const incidents = (await store.incidents.query()).slice(0, 60);
    const updated = await Promise.all(incidents.map((i) => store.incidents.update(i.id, i.etag, { status: 'Under utredning' })));
    expect(updated.every((u) => u.value.status === 'Under utredning')).toBe(true);

    const { throttled, dropped } = sp.graph.stats;
    sp.graph.faults = { ...sp.graph.faults, failureRate: 0, innerThrottleRate: 0 };
    expect(throttled).toBeGreaterThan(500);
    expect(dropped).toBeGreaterThan(100);

    for (const kind of KINDS) {
      const list = [...sp.site.lists.values()].find((l) => l.displayName === store[kind].listName)!;
      const keys = [...list.items.values()].map((i) => i.fields.ItemKey as string).sort();
      const expected = Array.from({ length: PER_KIND }, (_, i) => `${kind}:${i}`).sort();
      expect({ kind, keys }).toEqual({ kind, keys: expected });
    }
    const incidentList = [...sp.site.lists.values()].find((l) => l.displayName === 'Infosak Incidenter')!;
    const versions = incidents.map((i) => incidentList.items.get(Number(i.id))!.version);
    expect(new Set(versions)).toEqual(new Set([2]));
  }, 120_000);
});
