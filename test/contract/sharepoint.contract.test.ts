import { startLocalSharePoint, type LocalSharePoint } from '../support/graph/sharepoint-fixture';
import type { FaultSettings } from '../support/graph/graph-lists-server';
import { describeStoreContract } from './store-contract';

let sharePoint: LocalSharePoint;
beforeAll(async () => {
  sharePoint = await startLocalSharePoint();
});
afterAll(() => sharePoint.stop());

// Graph answers a unique-key clash with 409 today; SharePoint's own API with 500; it is not documented: the store must hold in each.
// And an update's answer may come without the new eTag.
describe.each<Pick<FaultSettings, 'duplicateAnswer' | 'omitUpdateEtag'>>([
  { duplicateAnswer: 409, omitUpdateEtag: false },
  { duplicateAnswer: 500, omitUpdateEtag: false },
  { duplicateAnswer: 400, omitUpdateEtag: false },
  { duplicateAnswer: 409, omitUpdateEtag: true },
])('a duplicate key answered $duplicateAnswer, eTag left out of updates: $omitUpdateEtag', (answers) => {
  describeStoreContract('SharePoint through Graph (local Graph server)', async () => {
    // A fresh, empty site for every test, provisioned as `npm run provision` does.
    for (const list of sharePoint.site.lists.values()) list.items.clear();
    if (sharePoint.site.lists.size === 0) await sharePoint.provision();
    Object.assign(sharePoint.graph.faults, answers);
    const store = await sharePoint.connectStore();
    return { store, close: () => store.close() };
  });
});
