import { ConfigError, loadConfig } from '../../src/config/config';

describe('loadConfig', () => {
  it('runs locally on SQLite with the Playground by default', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3978, storeKind: 'sqlite', localMode: true, defaultLocale: 'sv', followTeamsLocale: false });
    expect(c.playground).toEqual({ enabled: true, port: 56150, persona: 'medarbetare' });
    expect(c.publicUrl).toBe('http://localhost:3978');
  });

  it('turns the Playground off with PLAYGROUND=0 and whenever bot credentials are set', () => {
    expect(loadConfig({ PLAYGROUND: '0' }).playground.enabled).toBe(false);
    const withBot = loadConfig({ MicrosoftAppId: 'abc' });
    expect(withBot.localMode).toBe(false);
    expect(withBot.playground.enabled).toBe(false);
  });

  it('seeds demo data into SQLite by default, never into SharePoint unless asked', () => {
    expect(loadConfig({}).seedDemoData).toBe(true);
    const sharePoint = { STORE: 'sharepoint', SHAREPOINT_SITE: 's.sharepoint.com:/sites/x', GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's' };
    expect(loadConfig(sharePoint).seedDemoData).toBe(false);
    expect(loadConfig({ ...sharePoint, SEED_DEMO_DATA: '1' }).seedDemoData).toBe(true);
  });

  it('names every missing SharePoint setting', () => {
    expect(() => loadConfig({ STORE: 'sharepoint', SHAREPOINT_SITE: 's.sharepoint.com:/sites/x' })).toThrow(
      'SharePoint-inställningarna är ofullständiga: GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET eller GRAPH_CERTIFICATE_PATH saknas',
    );
  });

  it('keeps the health answer for HEALTH_CACHE_SECONDS, ten seconds by default', () => {
    expect(loadConfig({}).healthCacheSeconds).toBe(10);
    expect(loadConfig({ HEALTH_CACHE_SECONDS: '0' }).healthCacheSeconds).toBe(0);
    expect(() => loadConfig({ HEALTH_CACHE_SECONDS: '-1' })).toThrow(/HEALTH_CACHE_SECONDS/);
  });

  it('names what is wrong', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ STORE: 'oracle' })).toThrow(/STORE/);
  });
});

describe('production settings', () => {
  // SQLite as the records store is allowed here on purpose: these cases are about bot authentication.
  const base = { NODE_ENV: 'production', MicrosoftAppId: '11111111-2222-4333-8444-555555555555', AAD_APP_CLIENT_ID: 'c', AAD_APP_TENANT_ID: 't', PUBLIC_URL: 'https://infosak.sjovik.example', ALLOW_SQLITE_IN_PRODUCTION: '1' };
  it.each([
    [{ MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 't', MicrosoftAppPassword: 's' }, []],
    [{ MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 't', MicrosoftAppCertificatePath: '/etc/infosak/bot.pem' }, []],
    [{ MicrosoftAppType: 'SingleTenant' }, ['MicrosoftAppTenantId', 'MicrosoftAppPassword eller MicrosoftAppCertificatePath']],
    [{ MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' }, []],
    [{ MicrosoftAppType: 'UserAssignedMSI' }, ['MicrosoftAppTenantId']],
    [{ MicrosoftAppType: 'MultiTenant', MicrosoftAppPassword: 's' }, []],
    [{ MicrosoftAppType: 'MultiTenant' }, ['MicrosoftAppPassword eller MicrosoftAppCertificatePath']],
    [{}, ['MicrosoftAppType (SingleTenant, UserAssignedMSI eller MultiTenant)']],
  ])('%j is missing %j', (settings, missing) => {
    const env = { ...base, ...settings };
    if (missing.length === 0) expect(loadConfig(env).production).toBe(true);
    else expect(() => loadConfig(env)).toThrow(`Produktionsläge (NODE_ENV=production) kräver: ${missing.join('; ')}`);
  });

  it('never offers the tab’s demo picker in production', () => {
    expect(loadConfig({ ...base, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' }).tabDemoUsers).toBe(false);
    expect(loadConfig({}).tabDemoUsers).toBe(true);
  });

  it('takes the operational store from OPS_STORE: SQLite by default, Azure with exactly one way to its tables', () => {
    expect(loadConfig({}).ops).toEqual({ kind: 'sqlite' });
    const secret = { CARD_STATE_SECRET: 'a-card-secret-shared-by-every-instance' };
    // Azure writes the endpoints with a trailing slash.
    expect(loadConfig({ ...secret, OPS_STORE: 'azure', OPS_TABLE_ENDPOINT: 'https://konto.table.core.windows.net/', OPS_BLOB_ENDPOINT: 'https://konto.blob.core.windows.net/' }).ops).toEqual({
      kind: 'azure',
      tablePrefix: 'infosak',
      connectionString: '',
      endpoint: 'https://konto.table.core.windows.net',
      blobEndpoint: 'https://konto.blob.core.windows.net',
      managedIdentityClientId: '',
    });
    expect(() => loadConfig({ OPS_STORE: 'azure', OPS_TABLE_ENDPOINT: 'https://konto.table.core.windows.net' })).toThrow(/OPS_BLOB_ENDPOINT/);
    // The identity given the storage roles: its own setting, else Graph's user-assigned identity.
    const azure = { ...secret, OPS_STORE: 'azure', OPS_TABLE_ENDPOINT: 'https://k.table.core.windows.net', OPS_BLOB_ENDPOINT: 'https://k.blob.core.windows.net' };
    expect(loadConfig({ ...azure, GRAPH_MANAGED_IDENTITY: '1', GRAPH_MANAGED_IDENTITY_CLIENT_ID: 'graf' }).ops).toMatchObject({ managedIdentityClientId: 'graf' });
    expect(loadConfig({ ...azure, GRAPH_MANAGED_IDENTITY: '1', GRAPH_MANAGED_IDENTITY_CLIENT_ID: 'graf', OPS_MANAGED_IDENTITY_CLIENT_ID: 'lagring' }).ops).toMatchObject({ managedIdentityClientId: 'lagring' });
    expect(() => loadConfig({ OPS_STORE: 'azure' })).toThrow('OPS_STORE=azure kräver antingen OPS_TABLE_ENDPOINT');
    expect(() => loadConfig({ OPS_STORE: 'azure', OPS_TABLE_ENDPOINT: 'https://x', OPS_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' })).toThrow(/inte båda/);
    expect(() => loadConfig({ OPS_STORE: 'azure', OPS_STORAGE_CONNECTION_STRING: 'x', OPS_TABLE_PREFIX: 'infosak-test' })).toThrow(/OPS_TABLE_PREFIX/);
    // Every instance must sign module cards with the same key.
    expect(() => loadConfig({ ...azure, CARD_STATE_SECRET: '' })).toThrow('OPS_STORE=azure kräver CARD_STATE_SECRET');
  });
});

