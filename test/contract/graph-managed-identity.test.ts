import { loadConfig } from '../../src/config/config';
import { connectToSite } from '../../src/store/sharepoint/sharepoint-store';
import { ManagedIdentityEndpoint } from '../support/graph/managed-identity-endpoint';
import { startLocalSharePoint, TEST_RETRY, TEST_SITE, type LocalSharePoint } from '../support/graph/sharepoint-fixture';

/**
 * Graph as the App Service's managed identity: MSAL's ManagedIdentityApplication finds App Service
 * by IDENTITY_ENDPOINT and IDENTITY_HEADER, asks the local stand-in for a token, and the local Graph
 * server accepts it. MSAL reads the two variables at the first token request and keeps them, and its
 * token cache, for the whole process (this file's module registry), so they are set once here.
 */
describe('Graph with the App Service’s managed identity (no secret)', () => {
  const USER_ASSIGNED = '7b1e4c2d-3a5f-4e6b-9c8d-0f1a2b3c4d5e';
  let sp: LocalSharePoint;
  let endpoint: ManagedIdentityEndpoint;
  const saved = { IDENTITY_ENDPOINT: process.env.IDENTITY_ENDPOINT, IDENTITY_HEADER: process.env.IDENTITY_HEADER };

  beforeAll(async () => {
    sp = await startLocalSharePoint();
    endpoint = await new ManagedIdentityEndpoint(sp.authority).assign({ clientId: USER_ASSIGNED }).start();
    Object.assign(process.env, endpoint.env);
  });
  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await endpoint.stop();
    await sp.stop();
  });

  /** The app's settings as App Service would give them: the site and Graph's address, no app registration. */
  const graphSettings = (extra: Record<string, string> = {}) =>
    loadConfig({ STORE: 'sharepoint', SHAREPOINT_SITE: TEST_SITE, GRAPH_BASE_URL: sp.graph.origin, GRAPH_MANAGED_IDENTITY: '1', ...extra }).graph!;

  it('reads the site as the system-assigned identity, with the header App Service gave the process and no secret anywhere', async () => {
    const settings = graphSettings();
    expect(settings).not.toHaveProperty('clientSecret');
    expect(settings).not.toHaveProperty('certificatePath');
    const { siteId } = await connectToSite(settings, TEST_RETRY, 0);
    expect(siteId).toBe(sp.site.id);
    expect(endpoint.requests).toEqual([{ resource: 'https://graph.microsoft.com', apiVersion: '2019-08-01', clientId: null, identityHeader: endpoint.identityHeader, status: 200 }]);
    expect(sp.authority.tokensIssued).toBe(0); // nothing went through client credentials

    // MSAL keeps the token: the next connection does not ask again.
    await connectToSite(graphSettings(), TEST_RETRY, 0);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('names the user-assigned identity by its client id', async () => {
    endpoint.requests.length = 0;
    const { siteId } = await connectToSite(graphSettings({ GRAPH_MANAGED_IDENTITY_CLIENT_ID: USER_ASSIGNED }), TEST_RETRY, 0);
    expect(siteId).toBe(sp.site.id);
    expect(endpoint.requests).toEqual([{ resource: 'https://graph.microsoft.com', apiVersion: '2019-08-01', clientId: USER_ASSIGNED, identityHeader: endpoint.identityHeader, status: 200 }]);
  });

  it('says which identity got no token, and why, when the identity header is wrong', async () => {
    // A stale header (App Service has rotated it). A user-assigned identity not asked for before,
    // so that MSAL's process-wide cache holds no token for it.
    const other = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
    endpoint.assign({ clientId: other });
    const current = endpoint.identityHeader;
    endpoint.identityHeader = 'roterad';
    try {
      await expect(connectToSite(graphSettings({ GRAPH_MANAGED_IDENTITY_CLIENT_ID: other }), { ...TEST_RETRY, attempts: 1 }, 0)).rejects.toThrow(
        new RegExp(`Ingen åtkomsttoken för Graph från den användartilldelade hanterade identiteten ${other} via AppService: HTTP 401: .*X-IDENTITY-HEADER`),
      );
      expect(endpoint.requests.at(-1)).toMatchObject({ clientId: other, identityHeader: current, status: 401 });
    } finally {
      endpoint.identityHeader = current;
    }
  });

  it('passes on the endpoint’s answer for an identity the App Service does not have', async () => {
    const unknown = '99999999-8888-4777-8666-555555555555';
    await expect(connectToSite(graphSettings({ GRAPH_MANAGED_IDENTITY_CLIENT_ID: unknown }), { ...TEST_RETRY, attempts: 1 }, 0)).rejects.toThrow(
      /den användartilldelade hanterade identiteten 99999999-8888-4777-8666-555555555555 via AppService: HTTP 400: .*Unable to load the proper Managed Identity/,
    );
  });
});
