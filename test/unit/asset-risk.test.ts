import { randomUUID } from 'node:crypto';
import { measureToActivity, recordRiskAnalysis } from '../../src/assets/asset-risk';
import { fixedClock } from '../../src/clock/clock';
import { demoPersonByPersona } from '../../src/demo/demo-organisation';
import { seedDemoData } from '../../src/demo/seed-demo-data';
import { findPerson } from '../../src/organisation/people';
import type { Store } from '../../src/store/store';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';

const SARA = demoPersonByPersona('samordnare')!.id;
const ERIK = demoPersonByPersona('chef')!.id;

/** A risk analysis and its measures against the store, as two people or a retry would meet them. */
describe('risk analyses and their measures', () => {
  let store: Store;
  const clock = fixedClock('2026-11-24T09:00:00Z');
  beforeEach(async () => {
    store = SqliteStore.inMemory(clock);
    await seedDemoData(store, clock.now());
  });
  afterEach(() => store.close());
  const asset = async () => (await store.assets.getByKey('asset:sn-ifo'))!.value;
  const actor = async (id: string) => ({ personId: id, person: await findPerson(store, id) });
  const form = (formId: string) => ({ formId, analysedOn: '2026-11-20', summary: 'Behörigheter', reviewOn: '', measures: [{ what: 'Logga uttag', ownerId: '', dueDate: '2027-01-31' }, { what: 'Se över behörigheter', ownerId: '', dueDate: '2027-02-28' }] });

  it('finishes a form stopped half-way when it is sent again, and refuses another form for the same day', async () => {
    const formId = randomUUID();
    // The analysis was stored, its measures never (the process stopped in between).
    await store.riskAnalyses.create('analysis:sn-ifo:2026-11-20', { analysisKey: 'sn-ifo:2026-11-20', assetId: 'sn-ifo', committeeCode: 'SN', analysedOn: '2026-11-20', summary: 'Behörigheter', formId });
    const again = await recordRiskAnalysis({ store, clock }, await actor(ERIK), await asset(), form(formId), []);
    expect('measures' in again && again.measures.map((m) => m.what)).toEqual(['Logga uttag', 'Se över behörigheter']);
    expect(await store.assetMeasures.query({ field: 'assetId', op: 'eq', value: 'sn-ifo' })).toHaveLength(2);
    // Another form, even with the same words, is another analysis: refused, nothing added.
    const other = await recordRiskAnalysis({ store, clock }, await actor(SARA), await asset(), form(randomUUID()), []);
    expect(other).toEqual({ problems: [{ field: 'analysedOn', code: 'exists' }] });
    expect(await store.assetMeasures.query({ field: 'assetId', op: 'eq', value: 'sn-ifo' })).toHaveLength(2);
  });

  it('makes one plan activity of a measure that two people put in the plan at once, for different quarters', async () => {
    const saved = await recordRiskAnalysis({ store, clock }, await actor(ERIK), await asset(), form(randomUUID()), []);
    expect('measures' in saved).toBe(true);
    const [measure] = (await store.assetMeasures.query({ field: 'assetId', op: 'eq', value: 'sn-ifo' })).filter((m) => m.value.what === 'Logga uttag');
    const sara = await actor(SARA);
    const johan = await actor(demoPersonByPersona('sakerhetsansvarig')!.id);
    const [first, second] = await Promise.all([
      measureToActivity({ store, clock }, sara, await asset(), measure!, { title: 'Logga uttag', target: '2027-1', ownerId: SARA }, [SARA]),
      measureToActivity({ store, clock }, johan, await asset(), measure!, { title: 'Logga uttag', target: '2027-2', ownerId: SARA }, [SARA]),
    ]);
    expect([first, second].filter((o) => 'created' in o)).toHaveLength(1);
    expect([first, second].filter((o) => 'refused' in o)).toEqual([{ refused: 'alreadyInPlan' }]);
    const planned = (await store.activities.query({ field: 'year', op: 'eq', value: 2027 })).filter((a) => a.value.activityId.includes('riskatgard'));
    expect(planned).toHaveLength(1);
    expect((await store.assetMeasures.getById(measure!.id))!.value.activityId).toBe(planned[0]!.value.activityId);
  });

  it('makes the activity of a measure linked before a stop that left it unmade', async () => {
    await recordRiskAnalysis({ store, clock }, await actor(ERIK), await asset(), form(randomUUID()), []);
    const [measure] = await store.assetMeasures.query({ field: 'assetId', op: 'eq', value: 'sn-ifo' });
    const linked = await store.assetMeasures.update(measure!.id, measure!.etag, { activityId: '2027-riskatgard-gone' });
    const made = await measureToActivity({ store, clock }, await actor(SARA), await asset(), linked, { title: 'Gör det', target: '2027-1', ownerId: SARA }, [SARA]);
    expect('created' in made && made.created.area).toBe('Åtgärder efter riskanalyser');
  });
});
