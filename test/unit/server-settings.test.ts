import { ConfigError, loadConfig, refuseUnsafeServerStart } from '../../src/config/config';

const realSharePoint = { STORE: 'sharepoint', SHAREPOINT_SITE: 'sjovik.sharepoint.com:/sites/infosak', GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's' };
const production = {
  NODE_ENV: 'production',
  MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
  MicrosoftAppType: 'UserAssignedMSI',
  MicrosoftAppTenantId: 't',
  AAD_APP_CLIENT_ID: 'c',
  AAD_APP_TENANT_ID: 't',
  PUBLIC_URL: 'https://infosak.sjovik.example',
};

describe('where the server listens', () => {
  it('listens on the loopback interface only in local mode, on every interface otherwise', () => {
    expect(loadConfig({}).listenHost).toBe('127.0.0.1');
    expect(loadConfig({ MicrosoftAppId: 'abc' }).listenHost).toBe('');
    expect(loadConfig({ LISTEN_HOST: '0.0.0.0' }).listenHost).toBe('0.0.0.0');
  });
});

describe('behind a proxy', () => {
  it('reads X-Forwarded-For only when told to, or on App Service, whose front end appends the caller’s address', () => {
    expect(loadConfig({}).behindProxy).toBe(false);
    expect(loadConfig({ BEHIND_PROXY: '1' }).behindProxy).toBe(true);
    expect(loadConfig({ WEBSITE_INSTANCE_ID: 'abc123' }).behindProxy).toBe(true);
    expect(loadConfig({ WEBSITE_INSTANCE_ID: 'abc123', BEHIND_PROXY: '0' }).behindProxy).toBe(false);
  });
});

describe('local mode against a real tenant’s SharePoint', () => {
  it('is refused with one Swedish line naming the setting that allows it', () => {
    const config = loadConfig(realSharePoint);
    expect(() => refuseUnsafeServerStart(config)).toThrow(ConfigError);
    expect(() => refuseUnsafeServerStart(config)).toThrow(/^Lokalt läge .*ALLOW_LOCAL_MODE_WITH_SHAREPOINT=1[^\n]*$/);
  });

  it('starts when asked for, with bot authentication, or against the local Graph stand-in', () => {
    expect(() => refuseUnsafeServerStart(loadConfig({ ...realSharePoint, ALLOW_LOCAL_MODE_WITH_SHAREPOINT: '1' }))).not.toThrow();
    expect(() => refuseUnsafeServerStart(loadConfig({ ...realSharePoint, MicrosoftAppId: 'abc' }))).not.toThrow();
    expect(() => refuseUnsafeServerStart(loadConfig({ ...realSharePoint, GRAPH_BASE_URL: 'https://localhost:4443', GRAPH_AUTHORITY_HOST: 'https://127.0.0.1:4444' }))).not.toThrow();
    expect(() => refuseUnsafeServerStart(loadConfig({}))).not.toThrow();
  });
});

describe('production refuses what only belongs on a developer’s machine', () => {
  it('refuses SEED_DEMO_DATA=1: demo people with known ids would get roles', () => {
    expect(() => loadConfig({ ...production, ...realSharePoint, SEED_DEMO_DATA: '1' })).toThrow(/SEED_DEMO_DATA/);
    expect(loadConfig({ ...production, ...realSharePoint }).seedDemoData).toBe(false);
  });

  it('refuses SQLite as the records store unless ALLOW_SQLITE_IN_PRODUCTION=1, and then seeds nothing', () => {
    expect(() => loadConfig(production)).toThrow(/ALLOW_SQLITE_IN_PRODUCTION=1/);
    const allowed = loadConfig({ ...production, ALLOW_SQLITE_IN_PRODUCTION: '1' });
    expect(allowed.storeKind).toBe('sqlite');
    expect(allowed.seedDemoData).toBe(false);
  });
});

describe('bot authentication settings', () => {
  it('expects the Bot Connector’s token issuer, unless told otherwise for a national cloud', () => {
    expect(loadConfig({}).bot.tokenIssuer).toBe('https://api.botframework.com');
    expect(loadConfig({ BOT_TOKEN_ISSUER: 'https://api.botframework.us' }).bot.tokenIssuer).toBe('https://api.botframework.us');
  });
});
