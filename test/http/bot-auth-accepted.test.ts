import { demoPersonByPersona } from '../../src/demo/demo-organisation';
import { startTestApp, postActivity } from '../support/app-harness';
import { FakeBotConnector } from '../support/fake-bot-connector';
import { messageActivity } from '../support/teams-activities';
import { TokenAuthority } from '../support/graph/token-authority';

/**
 * The Bot Connector's published signing keys, served by the local token authority. botbuilder
 * fetches the OpenID metadata with its own copy of node-fetch; in the default configuration that is
 * Microsoft's address, which this redirects to the local authority (only that address).
 */
const mockBotFrameworkMetadata = { to: '' };
/* eslint-disable @typescript-eslint/no-require-imports -- jest.mock runs before the imports, so it can only require */
jest.mock(
  // botframework-connector's own node-fetch (it keeps v2 beside it), found from where that package is.
  require.resolve('node-fetch', { paths: [require('node:path').dirname(require('node:path').dirname(require.resolve('botframework-connector')))] }),
  () => {
    const connectorDir = require('node:path').dirname(require('node:path').dirname(require.resolve('botframework-connector')));
    const real = jest.requireActual(require.resolve('node-fetch', { paths: [connectorDir] }));
    const redirected = (url: string, init?: unknown) =>
      real(url === 'https://login.botframework.com/v1/.well-known/openidconfiguration' && mockBotFrameworkMetadata.to ? mockBotFrameworkMetadata.to : url, init);
    return Object.assign(redirected, real, { default: redirected, __esModule: true });
  },
);
/* eslint-enable @typescript-eslint/no-require-imports */

const APP_ID = '11111111-2222-4333-8444-555555555555';
const TENANT = '5e7c0f2a-9b1d-4c3e-8f6a-2d4b6c8e0a1f';

describe.each([
  ['the default configuration', false],
  ['BOT_OPENID_METADATA_URL overridden', true],
])('the bot endpoint with authentication configured (%s)', (_name, overridden) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const connector = new FakeBotConnector();
  let authority: TokenAuthority;
  let printed: jest.SpyInstance;
  beforeAll(async () => {
    // The reply itself needs a token from Entra ID, which is not here; botbuilder prints that failure.
    printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await connector.start();
    authority = await new TokenAuthority(TENANT).start();
    const metadata = `${authority.origin}/${TENANT}/v2.0/.well-known/openid-configuration`;
    mockBotFrameworkMetadata.to = overridden ? '' : metadata;
    app = await startTestApp({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'test-secret',
      MicrosoftAppTenantId: TENANT,
      MicrosoftAppType: 'SingleTenant',
      ...(overridden ? { BOT_OPENID_METADATA_URL: metadata } : {}),
    });
  });
  afterAll(async () => {
    printed.mockRestore();
    mockBotFrameworkMetadata.to = '';
    await app.stop();
    await connector.stop();
    await authority.stop();
  });

  it('accepts a token signed with the published key, for this bot and this service URL, and runs the turn', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = authority.signToken({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: connector.url, nbf: now - 60, exp: now + 3600 });
    const activity = messageActivity(demoPersonByPersona('medarbetare')!, connector.url, 'hjälp');
    const res = await postActivity(app.url, activity, { Authorization: `Bearer ${token}` });
    expect(res.status).not.toBe(401);
    expect(res.status).toBeLessThan(300);
    // The turn ran on the authenticated activity: the bot remembered where to write to this person.
    expect(await app.ops.conversations.get(activity.conversation.id)).toMatchObject({ conversationId: activity.conversation.id });
  });

  it('still refuses the same token for another service URL', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = authority.signToken({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: 'https://smba.trafficmanager.net/emea/', nbf: now - 60, exp: now + 3600 });
    const res = await postActivity(app.url, messageActivity(demoPersonByPersona('chef')!, connector.url, 'hjälp'), { Authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
  });
});
