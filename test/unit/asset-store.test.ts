import { fixedClock } from '../../src/clock/clock';
import { assetChoices, importAssets, MAX_FORM_ASSETS } from '../../src/assets/asset-store';
import type { InformationAsset } from '../../src/assets/information-asset';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';

describe('importing the asset register into the store', () => {
  const asset: InformationAsset = { assetId: 'ks-lon', assetName: 'Lönesystemet', description: '', committeeCode: 'KS', criticality: 'verksamhetskritisk', confidentiality: 3, integrity: 3, availability: 2, classifiedOn: '2026-03-01', classificationReviewOn: '2027-03-01' };
  const options = { committees: ['KS', 'SN'], actorId: 'johan', at: '2026-11-24T09:00:00.000Z', dryRun: false };

  it('creates, changes and empties fields as the file says, each with an audit entry naming what changed', async () => {
    const store = SqliteStore.inMemory(fixedClock(new Date('2026-11-24T09:00:00Z')));
    expect(await importAssets(store, [asset], options)).toMatchObject({ created: 1, updated: 0, unchanged: 0 });
    // Reclassified, moved to SN, and its review date taken out of the file.
    const changed: InformationAsset = { ...asset, committeeCode: 'SN', confidentiality: 4 };
    delete changed.classificationReviewOn;
    expect(await importAssets(store, [changed], { ...options, at: '2026-11-25T09:00:00.000Z' })).toMatchObject({ created: 0, updated: 1, assets: [{ assetId: 'ks-lon', change: 'updated' }] });
    const [stored] = await store.assets.query({ field: 'assetId', op: 'eq', value: 'ks-lon' });
    expect(stored!.value).toEqual(changed);
    const audit = (await store.audit.query({ field: 'recordKey', op: 'eq', value: 'ks-lon' })).map((a) => a.value);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([['skapad', 'johan'], ['ändrad', 'johan']]);
    expect(JSON.parse(audit[1]!.before)).toMatchObject({ committeeCode: 'KS', confidentiality: 3, classificationReviewOn: '2027-03-01' });
    expect(JSON.parse(audit[1]!.after)).toMatchObject({ committeeCode: 'SN', confidentiality: 4, classificationReviewOn: null });
    await store.close();
  });

  it('writes nothing on a dry run', async () => {
    const store = SqliteStore.inMemory(fixedClock(new Date('2026-11-24T09:00:00Z')));
    expect(await importAssets(store, [asset], { ...options, dryRun: true })).toMatchObject({ created: 1, assets: [{ assetId: 'ks-lon', assetName: 'Lönesystemet', change: 'created' }] });
    expect(await store.assets.query({ field: 'committeeCode', op: 'eq', value: 'KS' })).toEqual([]);
    expect(await store.audit.query()).toEqual([]);
    await store.close();
  });
});

describe('the register as the report form offers it', () => {
  it('lists the reporter’s own nämnd’s systems by name, leaves out security-protected ones, and stops at the most a card can hold', async () => {
    const store = SqliteStore.inMemory(fixedClock(new Date('2026-11-24T09:00:00Z')));
    const base = { description: '', criticality: 'ovrig' as const };
    await importAssets(
      store,
      [
        { ...base, assetId: 'sn-b', assetName: 'Ärendesystemet', committeeCode: 'SN' },
        { ...base, assetId: 'sn-a', assetName: 'Bokningen', committeeCode: 'SN' },
        { ...base, assetId: 'sn-skydd', assetName: 'Skyddat boende', committeeCode: 'SN', confidentiality: 4, integrity: 3, availability: 3, classifiedOn: '2026-01-01' },
        { ...base, assetId: 'ks-a', assetName: 'Ekonomisystemet', committeeCode: 'KS' },
        ...Array.from({ length: MAX_FORM_ASSETS + 5 }, (_, i) => ({ ...base, assetId: `bun-${i}`, assetName: `System ${String(i).padStart(3, '0')}`, committeeCode: 'BUN' })),
      ],
      { committees: ['SN', 'KS', 'BUN'], actorId: 'johan', at: '2026-11-24T09:00:00.000Z', dryRun: false },
    );
    expect(await assetChoices(store, 'SN')).toEqual([
      { assetId: 'sn-a', label: 'Bokningen' },
      { assetId: 'sn-b', label: 'Ärendesystemet' },
    ]);
    expect(await assetChoices(store, 'BUN')).toHaveLength(MAX_FORM_ASSETS);
    // Someone with no home nämnd gets the free text only.
    expect(await assetChoices(store, undefined)).toEqual([]);
    await store.close();
  });
});
