import { generateKeyPairSync, sign } from 'node:crypto';
import { demoPersonByPersona } from '../../src/demo/demo-organisation';
import { startTestApp, postActivity } from '../support/app-harness';
import { FakeBotConnector } from '../support/fake-bot-connector';
import { messageActivity } from '../support/teams-activities';
import { TokenAuthority } from '../support/graph/token-authority';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const TENANT = '5e7c0f2a-9b1d-4c3e-8f6a-2d4b6c8e0a1f';

/** A token that looks like the Bot Connector's but is signed with a key of our own. */
let signer: TokenAuthority | undefined;
function forgedBotToken(audience = APP_ID, withAuthorityKey = false): string {
  if (withAuthorityKey && signer) {
    const now = Math.floor(Date.now() / 1000);
    return signer.signToken({ iss: 'https://api.botframework.com', aud: audience, serviceurl: 'https://smba.trafficmanager.net/emea/', nbf: now - 60, exp: now + 3600 });
  }
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'RS256', typ: 'JWT', kid: 'forged-key' });
  const body = b64({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: 'https://smba.trafficmanager.net/emea/', nbf: now - 60, exp: now + 3600 });
  return `${head}.${body}.${sign('RSA-SHA256', Buffer.from(`${head}.${body}`), privateKey).toString('base64url')}`;
}

describe('the bot endpoint with authentication configured', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const connector = new FakeBotConnector();
  let printed: jest.SpyInstance;
  let authority: TokenAuthority;
  beforeAll(async () => {
    // botbuilder prints each rejected request itself; keep the test output readable.
    printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await connector.start();
    // The Bot Connector's signing keys come from a local stand-in of the OpenID metadata endpoint.
    authority = await new TokenAuthority(TENANT).start();
    signer = authority;
    app = await startTestApp({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'test-secret',
      MicrosoftAppTenantId: TENANT,
      MicrosoftAppType: 'SingleTenant',
      BOT_OPENID_METADATA_URL: `${authority.origin}/${TENANT}/v2.0/.well-known/openid-configuration`,
    });
  });
  afterAll(async () => {
    printed.mockRestore();
    await app.stop();
    await connector.stop();
    await authority.stop();
  });

  it.each([
    ['no token', () => ({})],
    ['a forged token', () => ({ Authorization: `Bearer ${forgedBotToken()}` })],
    ['a token signed by the right authority for another bot', () => ({ Authorization: `Bearer ${forgedBotToken('22222222-2222-4333-8444-555555555555', true)}` })],
    ['something that is not a token', () => ({ Authorization: 'Bearer abc.def' })],
  ])('answers 401 to %s and sends nothing', async (_name, headers) => {
    const res = await postActivity(app.url, messageActivity(demoPersonByPersona('medarbetare')!, connector.url, 'hjälp'), headers());
    // The 401 is the signal: botbuilder answers only after it has refused the token, before any turn runs.
    expect(res.status).toBe(401);
    expect(connector.received).toHaveLength(0);
  });
});
