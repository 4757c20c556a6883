import type { GraphSettings } from '../../../src/graph/graph-settings';
import { LIST_DEFINITIONS } from '../../../src/store/list-schema';
import type { RetryPolicy } from '../../../src/store/sharepoint/graph-calls';
import { provisionLists } from '../../../src/store/sharepoint/provision-lists';
import { connectToSite, SharePointStore } from '../../../src/store/sharepoint/sharepoint-store';
import { assertTestCertificateTrusted } from '../tls/test-tls';
import { GraphListsServer } from './graph-lists-server';
import { TokenAuthority } from './token-authority';

export const TEST_CLIENT_ID = '0d5b3c2a-1e4f-4a6b-8c7d-9e0f1a2b3c4d';
export const TEST_CLIENT_SECRET = 'lokal-testhemlighet';
export const TEST_SITE = 'sjovik.sharepoint.com:/sites/infosak';

/** Fast retries for tests: the local server sends Retry-After 0, so nobody sleeps for real. */
export const TEST_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 5, maxDelayMs: 50 };

/** A token authority and a Graph lists server with one empty site, over HTTPS on localhost. */
export async function startLocalSharePoint() {
  assertTestCertificateTrusted();
  const authority = await new TokenAuthority().start();
  authority.register({ clientId: TEST_CLIENT_ID, secret: TEST_CLIENT_SECRET });
  const graph = await new GraphListsServer(authority).start();
  const site = graph.addSite('sjovik.sharepoint.com', '/sites/infosak');
  const settings: GraphSettings = {
    tenantId: authority.tenantId,
    clientId: TEST_CLIENT_ID,
    clientSecret: TEST_CLIENT_SECRET,
    authorityHost: authority.origin,
    graphBaseUrl: graph.origin,
    site: TEST_SITE,
  };
  return {
    authority,
    graph,
    site,
    settings,
    env: {
      STORE: 'sharepoint',
      SHAREPOINT_SITE: TEST_SITE,
      GRAPH_TENANT_ID: authority.tenantId,
      GRAPH_CLIENT_ID: TEST_CLIENT_ID,
      GRAPH_CLIENT_SECRET: TEST_CLIENT_SECRET,
      GRAPH_AUTHORITY_HOST: authority.origin,
      GRAPH_BASE_URL: graph.origin,
    },
    async provision() {
      return provisionLists(await connectToSite(settings, TEST_RETRY, 0), LIST_DEFINITIONS);
    },
    async connectStore() {
      return SharePointStore.connect(settings, { retry: TEST_RETRY, sdkRetryDelaySeconds: 0 });
    },
    async stop() {
      await graph.stop();
      await authority.stop();
    },
  };
}

export type LocalSharePoint = Awaited<ReturnType<typeof startLocalSharePoint>>;
