import { demoPersonByPersona, DEMO_TENANT_ID } from '../../src/demo/demo-organisation';
import { startTestApp } from '../support/app-harness';
import { TokenAuthority } from '../support/graph/token-authority';

const CLIENT_ID = '7c1e5b3a-2d4f-4e6a-9b8c-0d1e2f3a4b5c';
const APP_ID_URI = `api://infosak.sjovik.example/${CLIENT_ID}`;
const LIMIT = 3;

/** The tab API's limit is per person once signed in, and per address before: neither can be renewed by rewriting a header. */
describe('the tab API’s rate limit', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let authority: TokenAuthority;
  beforeAll(async () => {
    authority = await new TokenAuthority(DEMO_TENANT_ID).start();
    app = await startTestApp({
      AAD_APP_CLIENT_ID: CLIENT_ID,
      AAD_APP_TENANT_ID: DEMO_TENANT_ID,
      AAD_APP_ID_URI: APP_ID_URI,
      AAD_APP_OAUTH_AUTHORITY_HOST: authority.origin,
      TAB_API_RATE_LIMIT_PER_MINUTE: String(LIMIT),
      BEHIND_PROXY: '1',
    });
  });
  afterAll(async () => {
    await app.stop();
    await authority.stop();
  });

  const tokenFor = (persona: string) => {
    const now = Math.floor(Date.now() / 1000);
    return authority.signToken({ aud: APP_ID_URI, iss: `https://sts.windows.net/${DEMO_TENANT_ID}/`, tid: DEMO_TENANT_ID, oid: demoPersonByPersona(persona)!.id, scp: 'access_as_user', iat: now - 60, nbf: now - 60, exp: now + 3600 });
  };

  it('counts a signed-in person once, however many spaces the Authorization header has', async () => {
    const token = tokenFor('chef');
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) {
      const res = await fetch(`${app.url}/api/tab/me`, { headers: { Authorization: `Bearer${' '.repeat(i + 1)}${token}` } });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(200), 429, 429]);
    // Someone else signed in from the same place has an allowance of their own.
    expect((await fetch(`${app.url}/api/tab/me`, { headers: { Authorization: `Bearer ${tokenFor('sakerhetsansvarig')}` } })).status).toBe(200);
  });

  it('keys an unauthenticated caller on the address the proxy appended, not on a first X-Forwarded-For entry they wrote', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) {
      const res = await fetch(`${app.url}/api/tab/settings`, { headers: { 'X-Forwarded-For': `203.0.113.${i + 1}, 198.51.100.7:51234` } });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(200), 429, 429]);
    // Another caller, as the proxy reports it, is not held back by the first.
    expect((await fetch(`${app.url}/api/tab/settings`, { headers: { 'X-Forwarded-For': '198.51.100.8:40000' } })).status).toBe(200);
  });

  it('counts refused sign-ins against the address, so bad tokens cannot be tried without end', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++) {
      const res = await fetch(`${app.url}/api/tab/me`, { headers: { Authorization: `Bearer inte.en.token${i}`, 'X-Forwarded-For': '192.0.2.44' } });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(401), 429]);
  });
});
