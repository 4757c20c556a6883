import { startLocalSharePoint, type LocalSharePoint } from '../support/graph/sharepoint-fixture';
import { describeStoreContract } from './store-contract';

let sharePoint: LocalSharePoint;
beforeAll(async () => {
  sharePoint = await startLocalSharePoint();
});
afterAll(() => sharePoint.stop());

describeStoreContract('SharePoint through Graph (local Graph server)', async () => {
  // A fresh, empty site for every test, provisioned as `npm run provision` does.
  for (const list of sharePoint.site.lists.values()) list.items.clear();
  if (sharePoint.site.lists.size === 0) await sharePoint.provision();
  const store = await sharePoint.connectStore();
  return { store, close: () => store.close() };
});
