import { loadConfig } from '../../src/config/config';
import { seedDemoData } from '../../src/demo/seed-demo-data';
import { loadModuleLibrary } from '../../src/learning/module-library';
import { planCampaigns } from '../../src/learning/plan-campaigns';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';

/** Planning campaigns from a file or the command line, next to campaigns changed in the tab. */
describe('planning campaigns', () => {
  const library = loadModuleLibrary(loadConfig({}).learning.dir);
  const by = { createdBy: 'johan', at: new Date('2026-11-24T09:00:00Z') };
  const sn = { moduleId: 'natfiske', audience: 'namnder', committeeCodes: ['SN'], startDate: '2027-01-11', dueDate: '2027-02-05' };

  async function storeWithDemo() {
    const store = SqliteStore.inMemory();
    await seedDemoData(store, new Date('2026-11-20T10:00:00Z'));
    return store;
  }

  it('leaves a campaign that already sends the same — under the id it was given, or moved under its old id — as it is', async () => {
    const store = await storeWithDemo();
    expect(await planCampaigns(store, library, [sn], by)).toMatchObject({ created: [{ campaignId: 'natfiske-sn-2027-01-11' }] });
    // Moved a week in the tab: it keeps its id with the new start.
    const moved = (await store.campaigns.getByKey('natfiske-sn-2027-01-11'))!;
    await store.campaigns.update(moved.id, moved.etag, { startDate: '2027-01-18' });
    // The file with the new start: that campaign, not a second one with the same cards.
    expect(await planCampaigns(store, library, [{ ...sn, startDate: '2027-01-18' }], by)).toEqual({ created: [], existing: [expect.objectContaining({ campaignId: 'natfiske-sn-2027-01-11' })] });
    // The file with the old start: nothing sends that any more, so it is made, under the next free id.
    expect(await planCampaigns(store, library, [sn], by)).toMatchObject({ created: [{ campaignId: 'natfiske-sn-2027-01-11-2', startDate: '2027-01-11' }], existing: [] });
    // Committees in another order, or named twice, are the same audience.
    expect(await planCampaigns(store, library, [{ ...sn, committeeCodes: ['SN', 'SN'] }], by)).toMatchObject({ created: [], existing: [{ campaignId: 'natfiske-sn-2027-01-11-2' }] });
  });

  it('refuses the same campaign twice in one file, storing nothing', async () => {
    const store = await storeWithDemo();
    const before = (await store.campaigns.query()).length;
    const twice = await planCampaigns(store, library, [sn, { ...sn, campaignId: 'natfiske-igen' }], by);
    expect(twice).toEqual({ problems: [{ where: 'kampanj 2', message: 'samma modul, målgrupp och startdatum som en tidigare kampanj i filen' }] });
    expect(await planCampaigns(store, library, [sn, { ...sn, audience: 'alla', committeeCodes: [], campaignId: 'natfiske-sn-2027-01-11' }], by)).toEqual({
      problems: [{ where: 'kampanj 2', message: 'samma id som en tidigare kampanj i filen (natfiske-sn-2027-01-11)' }],
    });
    expect((await store.campaigns.query()).length).toBe(before);
  });

  it("makes an id for a committee whose code is not plain a–z, as the command line always has", async () => {
    const store = await storeWithDemo();
    await store.committees.create('ÖFN', { code: 'ÖFN', name: 'Överförmyndarnämnden', administration: 'Kommunledningskontoret' });
    const long = { ...sn, moduleId: 'losenord-och-tvafaktor', committeeCodes: ['ÖFN', 'SN', 'KS', 'BUN', 'KFN', 'SBN'] };
    expect(await planCampaigns(store, library, [long], by)).toMatchObject({ created: [{ campaignId: 'losenord-och-tvafaktor-bun-kfn-ks-sbn-sn-öfn-2027-01-11' }] });
  });
});
