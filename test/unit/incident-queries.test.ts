import { fixedClock } from '../../src/clock/clock';
import { incidentsOfYear, openIncidents } from '../../src/incidents/incident-queries';
import { openSqliteDatabase, SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { incident } from '../contract/store-contract';

describe("the incident list's queries", () => {
  // A threshold of 50 stands in for SharePoint's 5,000, so that a year can pass it in a unit test.
  const threshold = 50;

  it("read a year past the threshold committee by committee, and the open ones by status", async () => {
    const store = new SqliteStore(openSqliteDatabase(':memory:'), fixedClock('2026-11-24T09:00:00Z'), threshold);
    await store.committees.createMany(['SN', 'KS'].map((code) => ({ key: code, value: { code, name: code, administration: code } })));
    await store.incidents.createMany(
      Array.from({ length: 60 }, (_, i) => ({
        key: `k${i}`,
        value: incident(`INC-2026-${String(i + 1).padStart(4, '0')}`, { committeeCode: i % 2 ? 'SN' : 'KS', status: i < 57 ? 'Stängd' : 'Ny' }),
      })),
    );
    await expect(store.incidents.query({ field: 'yearCommittee', op: 'startswith', value: '2026:' })).rejects.toThrow(/listvyns tröskel/);
    expect(await incidentsOfYear(store, 2026)).toHaveLength(60);
    expect(await incidentsOfYear(store, 2025)).toHaveLength(0);
    expect((await openIncidents(store)).map((i) => i.value.reference)).toEqual(['INC-2026-0058', 'INC-2026-0059', 'INC-2026-0060']);
    await store.close();
  });
});
