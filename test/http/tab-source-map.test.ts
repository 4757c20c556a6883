import { startTestApp } from '../support/app-harness';

const production = {
  NODE_ENV: 'production',
  MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
  MicrosoftAppType: 'UserAssignedMSI',
  MicrosoftAppTenantId: '5e7c0f2a-9b1d-4c3e-8f6a-2d4b6c8e0a1f',
  AAD_APP_CLIENT_ID: '7c1e5b3a-2d4f-4e6a-9b8c-0d1e2f3a4b5c',
  AAD_APP_TENANT_ID: '5e7c0f2a-9b1d-4c3e-8f6a-2d4b6c8e0a1f',
  PUBLIC_URL: 'https://infosak.sjovik.example',
  ALLOW_SQLITE_IN_PRODUCTION: '1',
};

/** The tab's source map shows the source to whoever asks; it helps a developer, not a production server. */
describe.each([
  ['in production', production, 404],
  ['in development', {}, 200],
])('the tab’s source map %s', (_name, env, expected) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp(env);
  });
  afterAll(async () => {
    await app.stop();
  });

  it(`answers ${expected}, while the tab itself is served`, async () => {
    // Each answer read to its end, as a browser does: an unread body keeps its connection busy.
    const status = async (file: string) => {
      const res = await fetch(`${app.url}/tab/${file}`);
      await res.arrayBuffer();
      return res.status;
    };
    expect(await status('app.js')).toBe(200);
    expect(await status('app.js.map')).toBe(expected);
    expect(await status('APP.JS.MAP')).toBe(404);
  });
});
