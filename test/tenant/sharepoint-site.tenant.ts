import { loadConfig } from '../../src/config/config';
import { LIST_DEFINITIONS, REPOSITORY_NAMES } from '../../src/store/list-schema';
import { provisionLists } from '../../src/store/sharepoint/provision-lists';
import { connectToSite, SharePointStore } from '../../src/store/sharepoint/sharepoint-store';
import type { ListRepository } from '../../src/store/store';
import { describeStoreContract } from '../contract/store-contract';

/**
 * The store contract against a real SharePoint site: `npm run test:tenant`, never part of `npm test`.
 * It needs the site and Graph settings as `npm run provision` does (SHAREPOINT_SITE, GRAPH_*), and
 * INFOSAK_TENANT_SITE_IS_DISPOSABLE=1: every test empties the lists first. Without them it fails,
 * saying what is missing, rather than passing having tested nothing.
 */
const missing = ['SHAREPOINT_SITE', 'GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'INFOSAK_TENANT_SITE_IS_DISPOSABLE'].filter((name) => !process.env[name]);
if (!process.env.GRAPH_CLIENT_SECRET && !process.env.GRAPH_CERTIFICATE_PATH) missing.push('GRAPH_CLIENT_SECRET eller GRAPH_CERTIFICATE_PATH');

if (missing.length > 0) {
  describe('the store contract on a real SharePoint site', () => {
    it('has what it needs to reach one', () => {
      throw new Error(`Sätt ${missing.join(', ')} för att köra kontraktet mot en riktig webbplats (en webbplats för test: listorna töms).`);
    });
  });
} else {
  const settings = loadConfig({ ...process.env, STORE: 'sharepoint' }).graph!;
  let provisioned = false;
  describeStoreContract('SharePoint on a real site', async () => {
    if (!provisioned) {
      const summary = await provisionLists(await connectToSite(settings), LIST_DEFINITIONS);
      if (summary.needsAttention.length > 0) throw new Error(summary.needsAttention.join('\n'));
      provisioned = true;
    }
    const store = await SharePointStore.connect(settings);
    // Empty lists for every test, as the local server gives: read whole (served at any size) and deleted one by one.
    for (const name of REPOSITORY_NAMES) {
      const repo = store[name] as unknown as ListRepository<unknown, string>;
      for (const item of await repo.query()) await repo.delete(item.id);
    }
    return { store, close: () => store.close() };
  });
}
