import { ConfigError, graphIdentityFrom, loadConfig } from '../../src/config/config';
import { graphResourceFor, graphScopeFor, MsalTokenProvider } from '../../src/graph/msal-token-provider';

const SITE = 's.sharepoint.com:/sites/x';
const USER_ASSIGNED = '7b1e4c2d-3a5f-4e6b-9c8d-0f1a2b3c4d5e';

describe('the Graph identity: an app registration or the App Service’s managed identity', () => {
  it('takes the system-assigned identity with GRAPH_MANAGED_IDENTITY=1, and needs no client id, secret or tenant', () => {
    expect(loadConfig({ STORE: 'sharepoint', SHAREPOINT_SITE: SITE, GRAPH_MANAGED_IDENTITY: '1' }).graph).toEqual({
      tenantId: '',
      clientId: '',
      managedIdentity: {},
      authorityHost: 'https://login.microsoftonline.com',
      graphBaseUrl: 'https://graph.microsoft.com',
      site: SITE,
    });
  });

  it('names a user-assigned identity by GRAPH_MANAGED_IDENTITY_CLIENT_ID, and keeps GRAPH_TENANT_ID when given', () => {
    const graph = loadConfig({ STORE: 'sharepoint', SHAREPOINT_SITE: SITE, GRAPH_MANAGED_IDENTITY: 'true', GRAPH_MANAGED_IDENTITY_CLIENT_ID: USER_ASSIGNED, GRAPH_TENANT_ID: 't' }).graph;
    expect(graph).toMatchObject({ tenantId: 't', managedIdentity: { clientId: USER_ASSIGNED } });
  });

  it.each([
    ['1', true],
    ['true', true],
    ['yes', true],
    ['0', false],
    ['false', false],
    ['', false],
  ])('reads GRAPH_MANAGED_IDENTITY=%j as %s, like the other flags', (value, on) => {
    const env = { STORE: 'sharepoint', SHAREPOINT_SITE: SITE, GRAPH_MANAGED_IDENTITY: value, ...(on ? {} : { GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's' }) };
    expect(Boolean(loadConfig(env).graph?.managedIdentity)).toBe(on);
  });

  it('refuses a value that is not a flag', () => {
    expect(() => loadConfig({ GRAPH_MANAGED_IDENTITY: 'ja' })).toThrow(/GRAPH_MANAGED_IDENTITY/);
  });

  it('refuses a secret, a certificate or an app registration’s client id beside the managed identity, and says which to remove', () => {
    const managed = { STORE: 'sharepoint', SHAREPOINT_SITE: SITE, GRAPH_MANAGED_IDENTITY: '1' };
    expect(() => loadConfig({ ...managed, GRAPH_CLIENT_SECRET: 's' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...managed, GRAPH_CLIENT_SECRET: 's' })).toThrow('Ta bort GRAPH_CLIENT_SECRET, eller GRAPH_MANAGED_IDENTITY');
    expect(() => loadConfig({ ...managed, GRAPH_CERTIFICATE_PATH: '/etc/infosak/graph.pem' })).toThrow('Ta bort GRAPH_CERTIFICATE_PATH, eller GRAPH_MANAGED_IDENTITY');
    expect(() => loadConfig({ ...managed, GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's' })).toThrow(
      'Ta bort GRAPH_CLIENT_ID och GRAPH_CLIENT_SECRET, eller GRAPH_MANAGED_IDENTITY (en användartilldelad identitet anges med GRAPH_MANAGED_IDENTITY_CLIENT_ID)',
    );
  });

  it('refuses GRAPH_MANAGED_IDENTITY_CLIENT_ID without GRAPH_MANAGED_IDENTITY=1', () => {
    expect(() => loadConfig({ GRAPH_MANAGED_IDENTITY_CLIENT_ID: USER_ASSIGNED })).toThrow(
      'GRAPH_MANAGED_IDENTITY_CLIENT_ID gäller bara med GRAPH_MANAGED_IDENTITY=1: sätt den, eller ta bort GRAPH_MANAGED_IDENTITY_CLIENT_ID',
    );
  });

  it('still needs the site for STORE=sharepoint, and offers the managed identity when the registration is incomplete', () => {
    expect(() => loadConfig({ STORE: 'sharepoint', GRAPH_MANAGED_IDENTITY: '1' })).toThrow(/^SharePoint-inställningarna är ofullständiga: SHAREPOINT_SITE saknas$/);
    expect(() => loadConfig({ STORE: 'sharepoint' })).toThrow(
      'STORE=sharepoint kräver SHAREPOINT_SITE, GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET eller GRAPH_CERTIFICATE_PATH (eller GRAPH_MANAGED_IDENTITY=1 i stället för app-registreringen)',
    );
    expect(() => loadConfig({ STORE: 'sharepoint', SHAREPOINT_SITE: SITE, GRAPH_CLIENT_ID: 'c' })).toThrow(
      'SharePoint-inställningarna är ofullständiga: GRAPH_TENANT_ID, GRAPH_CLIENT_SECRET eller GRAPH_CERTIFICATE_PATH saknas (eller GRAPH_MANAGED_IDENTITY=1 i stället för app-registreringen)',
    );
  });

  it('gives Graph without a site when the records are not in SharePoint (people from Entra ID)', () => {
    expect(loadConfig({}).graph).toBeUndefined();
    expect(loadConfig({ GRAPH_MANAGED_IDENTITY: '1' }).graph).toMatchObject({ managedIdentity: {}, site: '' });
    expect(loadConfig({ GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's' }).graph).toMatchObject({ clientId: 'c', clientSecret: 's', site: '' });
    expect(() => loadConfig({ GRAPH_CLIENT_ID: 'c' })).toThrow('Graph-inställningarna är ofullständiga: GRAPH_TENANT_ID, GRAPH_CLIENT_SECRET eller GRAPH_CERTIFICATE_PATH saknas');
  });

  it('starts in production on SharePoint with the managed identity', () => {
    const production = { NODE_ENV: 'production', MicrosoftAppId: '11111111-2222-4333-8444-555555555555', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't', AAD_APP_CLIENT_ID: 'c', AAD_APP_TENANT_ID: 't', PUBLIC_URL: 'https://infosak.sjovik.example' };
    const config = loadConfig({ ...production, STORE: 'sharepoint', SHAREPOINT_SITE: SITE, GRAPH_MANAGED_IDENTITY: '1', GRAPH_MANAGED_IDENTITY_CLIENT_ID: USER_ASSIGNED });
    expect(config.production).toBe(true);
    expect(config.graph?.managedIdentity).toEqual({ clientId: USER_ASSIGNED });
  });
});

describe('graphIdentityFrom', () => {
  it('reads only the Graph variables and never asks for a site', () => {
    expect(graphIdentityFrom({ PORT: 'not a port', STORE: 'sharepoint', GRAPH_MANAGED_IDENTITY: '1' })).toMatchObject({ managedIdentity: {}, site: '' });
    expect(graphIdentityFrom({ SHAREPOINT_SITE: SITE, GRAPH_MANAGED_IDENTITY: '1' })?.site).toBe(SITE);
    expect(graphIdentityFrom({})).toBeUndefined();
    expect(() => graphIdentityFrom({ GRAPH_MANAGED_IDENTITY: '1', GRAPH_CLIENT_SECRET: 's' })).toThrow('Ta bort GRAPH_CLIENT_SECRET');
    expect(() => graphIdentityFrom({ GRAPH_BASE_URL: 'graph' })).toThrow(/GRAPH_BASE_URL/);
  });
});

describe('the managed identity’s token request', () => {
  it('asks for the same audience as client credentials, without /.default', () => {
    for (const base of ['https://graph.microsoft.com', 'https://graph.microsoft.us', 'https://microsoftgraph.chinacloudapi.cn', 'https://localhost:4443']) {
      expect(graphResourceFor(base)).toBe(graphScopeFor(base).replace('/.default', ''));
    }
    expect(graphResourceFor('https://graph.microsoft.us/v1.0')).toBe('https://graph.microsoft.us');
    expect(graphResourceFor('https://localhost:4443')).toBe('https://graph.microsoft.com');
  });

  it('refuses settings that name both the managed identity and a secret', () => {
    const settings = { tenantId: '', clientId: '', clientSecret: 's', managedIdentity: {}, authorityHost: 'https://login.microsoftonline.com', graphBaseUrl: 'https://graph.microsoft.com', site: '' };
    expect(() => new MsalTokenProvider(settings)).toThrow(ConfigError);
  });
});
