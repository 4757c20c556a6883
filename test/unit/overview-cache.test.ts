import { fixedClock } from '../../src/clock/clock';
import { seedDemoData } from '../../src/demo/seed-demo-data';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { overviewCache } from '../../src/status/overview-cache';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';

/** The overview is kept as computed: a hit reads nothing and computes nothing. */
describe('the overview cache', () => {
  const clock = fixedClock('2026-11-24T09:00:00Z');
  const store = SqliteStore.inMemory(clock);
  const ops = SqliteOperationalStore.inMemory();
  const reads = jest.spyOn(store.activityStatuses, 'query');
  beforeAll(() => seedDemoData(store, clock.now()));
  afterAll(async () => {
    await store.close();
    await ops.close();
  });
  beforeEach(() => reads.mockClear());

  it('keeps a view per year and set of committees for its time, and shares one computation between concurrent requests', async () => {
    const overview = overviewCache({ store, ops, clock }, 30);
    const all = { year: 2022, target: 0.8, committees: ['KS', 'SN', 'BUN'] };
    const [first, second] = await Promise.all([overview(all), overview(all)]);
    expect(second).toBe(first);
    expect(reads).toHaveBeenCalledTimes(1);
    // The same committees in another order are the same view; another set is another view.
    expect(await overview({ ...all, committees: ['SN', 'BUN', 'KS'] })).toBe(first);
    const sn = await overview({ ...all, committees: ['SN'] });
    expect(sn.committees.map((c) => c.code)).toEqual(['SN']);
    expect(reads).toHaveBeenCalledTimes(2);
    clock.advance(30_000);
    expect(await overview(all)).not.toBe(first);
    expect(reads).toHaveBeenCalledTimes(3);
  });

  it('computes at every request with 0, and does not keep a failed computation', async () => {
    const uncached = overviewCache({ store, ops, clock }, 0);
    await uncached({ year: 2022, target: 0.8, committees: ['SN'] });
    await uncached({ year: 2022, target: 0.8, committees: ['SN'] });
    expect(reads).toHaveBeenCalledTimes(2);
    const overview = overviewCache({ store, ops, clock }, 30);
    reads.mockRejectedValueOnce(new Error('SharePoint svarar inte'));
    await expect(overview({ year: 2022, target: 0.8, committees: ['SN'] })).rejects.toThrow('SharePoint svarar inte');
    expect((await overview({ year: 2022, target: 0.8, committees: ['SN'] })).committees).toHaveLength(1);
  });
});
