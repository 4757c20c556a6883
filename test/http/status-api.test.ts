import { demoPersonByPersona, DEMO_TENANT_ID } from '../../src/demo/demo-organisation';
import { incident } from '../contract/store-contract';
import { startTestApp } from '../support/app-harness';
import { TokenAuthority } from '../support/graph/token-authority';
import { generateKeyPairSync } from 'node:crypto';

const CLIENT_ID = '7c1e5b3a-2d4f-4e6a-9b8c-0d1e2f3a4b5c';
const APP_ID_URI = `api://infosak.sjovik.example/${CLIENT_ID}`;
const id = (persona: string) => demoPersonByPersona(persona)!.id;

/** The tab's API with Teams SSO configured, tokens from a local stand-in for Entra ID with its JWKS. */
describe('the status API', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let authority: TokenAuthority;
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (persona: string, over: Record<string, unknown> = {}) => ({
    aud: APP_ID_URI,
    iss: `https://sts.windows.net/${DEMO_TENANT_ID}/`,
    tid: DEMO_TENANT_ID,
    oid: id(persona),
    scp: 'access_as_user',
    name: demoPersonByPersona(persona)!.displayName,
    iat: now() - 60,
    nbf: now() - 60,
    exp: now() + 3600,
    ...over,
  });
  const tokenFor = (persona: string, over: Record<string, unknown> = {}) => authority.signToken(claims(persona, over));
  const get = async (path: string, token?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${app.url}/api/tab/${path}`, { headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers } });
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, body: (type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer()).toString('utf8')) as Record<string, unknown> & { reason?: string } };
  };

  beforeAll(async () => {
    authority = await new TokenAuthority(DEMO_TENANT_ID).start();
    app = await startTestApp(
      { AAD_APP_CLIENT_ID: CLIENT_ID, AAD_APP_TENANT_ID: DEMO_TENANT_ID, AAD_APP_ID_URI: APP_ID_URI, AAD_APP_OAUTH_AUTHORITY_HOST: authority.origin },
      { clock: { now: () => new Date('2026-11-23T09:00:00Z') } },
    );
    await app.store.incidents.create('i1', incident('INC-2026-0001', { committeeCode: 'SN', reportedAt: '2026-05-04T08:00:00.000Z', category: 'natfiske' }));
    await app.store.incidents.create('i2', incident('INC-2026-0002', { committeeCode: 'KFN', reportedAt: '2026-10-04T08:00:00.000Z', category: 'avbrott', kind: 'weakness' }));
  });
  afterAll(async () => {
    await app.stop();
    await authority.stop();
  });

  describe('authentication', () => {
    it('accepts a valid Teams SSO token, v1 (app id URI) or v2 (client id)', async () => {
      expect((await get('me', tokenFor('chef'))).status).toBe(200);
      const v2 = tokenFor('chef', { aud: CLIENT_ID, iss: `${authority.origin}/${DEMO_TENANT_ID}/v2.0` });
      expect((await get('me', v2)).body).toMatchObject({ person: { displayName: 'Erik Holm', roles: ['medarbetare', 'chef'] }, demo: false });
    });

    it.each([
      ['no token', () => undefined, 'Inloggning krävs: Teams SSO-token saknas.'],
      ['an expired token', () => tokenFor('chef', { exp: now() - 600, iat: now() - 4000, nbf: now() - 4000 }), 'Token har gått ut.'],
      ['a token for another app', () => tokenFor('chef', { aud: 'api://annan.example/1234' }), 'Token är utfärdad för en annan app (audience).'],
      ['a token from another tenant', () => tokenFor('chef', { tid: '00000000-0000-4000-8000-000000000000', iss: 'https://sts.windows.net/00000000-0000-4000-8000-000000000000/' }), 'Token har fel utfärdare (issuer).'],
      ['a tenant claim that does not match', () => tokenFor('chef', { tid: '00000000-0000-4000-8000-000000000000' }), 'Token från en annan klient (tenant).'],
      [
        'a tampered token',
        () => {
          const [h, , s] = tokenFor('medarbetare').split('.');
          return `${h}.${Buffer.from(JSON.stringify(claims('sakerhetsansvarig'))).toString('base64url')}.${s}`;
        },
        'Tokens signatur stämmer inte.',
      ],
      ['a token signed with an unknown key', () => authority.signToken(claims('chef'), { key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, kid: 'okand' }), 'Token är signerad med en okänd nyckel.'],
      ['a token without the tab’s scope', () => tokenFor('chef', { scp: 'User.Read' }), 'Token saknar behörigheten access_as_user.'],
      ['something that is not a token', () => 'inte.en.token', 'Token kan inte läsas.'],
    ])('refuses %s with 401 and a reason', async (_name, token, reason) => {
      const res = await get('overview', token());
      expect(res).toEqual({ status: 401, body: { error: 'unauthenticated', reason } });
    });

    it('ignores the demo picker once SSO is configured', async () => {
      expect((await get('me', undefined, { 'X-Infosak-Demo-User': id('sakerhetsansvarig') })).status).toBe(401);
      expect((await get('demo-users')).status).toBe(404);
    });

    it('refuses someone signed in but not in the roles list', async () => {
      expect(await get('me', tokenFor('chef', { oid: '99999999-0000-4000-8000-000000000000' }))).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    });
  });

  describe('the role matrix, cell by cell', () => {
    const all = ['BUN', 'KFN', 'KS', 'SBN', 'SN'];
    // persona → committees in /me and the overview; per committee: 200 with incident list, 200 figures only, or 403.
    const matrix: [string, string[] | 403, Record<string, 'details' | 'figures' | 403>][] = [
      ['medarbetare', 403, { SN: 403, KFN: 403 }],
      ['fortroendevald', ['SN'], { SN: 'figures', KFN: 403, KS: 403 }],
      ['samordnare', ['KFN', 'SN'], { SN: 'details', KFN: 'details', KS: 403, BUN: 403 }],
      ['chef', ['SN'], { SN: 'figures', KFN: 403, KS: 403 }],
      ['sakerhetsansvarig', all, { SN: 'details', KFN: 'details', KS: 'details', SBN: 'details' }],
      ['dataskyddsombud', all, { SN: 'details', BUN: 'details' }],
    ];

    it.each(matrix)('%s', async (persona, committees, cells) => {
      const token = tokenFor(persona);
      const me = await get('me', token);
      const overview = await get('overview?year=2026', token);
      if (committees === 403) {
        expect(me.status).toBe(403);
        expect(me.body.reason).toContain('Statusfliken är för chefer');
        expect(overview.status).toBe(403);
      } else {
        expect((me.body.committees as { code: string }[]).map((c) => c.code).sort()).toEqual(committees);
        expect((overview.body.committees as { code: string }[]).map((c) => c.code).sort()).toEqual(committees);
      }
      for (const [code, expected] of Object.entries(cells)) {
        const view = await get(`committees/${code}?year=2026`, token);
        const csv = await get(`committees/${code}/export.csv?year=2026`, token);
        if (expected === 403) {
          expect([view.status, csv.status]).toEqual([403, 403]);
          continue;
        }
        expect([view.status, csv.status]).toEqual([200, 200]);
        expect(view.body.incidentList !== undefined).toBe(expected === 'details');
        expect((view.body.incidents as { total: number }).total).toBe(code === 'SN' || code === 'KFN' ? 1 : 0);
      }
    });

    it('gives a coordinator the incidents of their committee, and nobody another committee’s', async () => {
      const view = await get('committees/SN?year=2026', tokenFor('samordnare'));
      expect(view.body.incidentList).toEqual([expect.objectContaining({ reference: 'INC-2026-0001', category: 'natfiske' })]);
      expect(JSON.stringify(view.body)).not.toContain('INC-2026-0002');
    });

    it('gives an elected official their own nämnd’s plan and figures, and nothing of the incidents behind them', async () => {
      const token = tokenFor('fortroendevald');
      const me = await get('me', token);
      expect(me.body).toMatchObject({ person: { displayName: 'Per Nilsson', roles: ['fortroendevald'] }, committees: [{ code: 'SN', name: 'Socialnämnden' }], registerCommittees: [] });
      const overview = await get('overview?year=2026', token);
      const view = await get('committees/SN?year=2026', token);
      const sn = { total: 1, open: 1, weaknesses: 0, byCategory: { natfiske: [0, 1, 0, 0] }, byQuarter: [0, 1, 0, 0] };
      expect(overview.body.incidents).toEqual(sn);
      expect(view.body.incidents).toEqual(sn);
      expect((view.body.plan as { areas: unknown[] }).areas.length).toBeGreaterThan(0);
      expect(view.body).not.toHaveProperty('incidentList');
      // Neither reference nor description reaches the page, of this committee or another.
      expect(JSON.stringify([me.body, overview.body, view.body])).not.toMatch(/INC-2026|låtsades komma från/);
    });
  });

  describe('the figures', () => {
    it('counts incidents by category and quarter in Stockholm time', async () => {
      const overview = await get('overview?year=2026', tokenFor('sakerhetsansvarig'));
      expect(overview.body.incidents).toEqual({ total: 2, open: 2, weaknesses: 1, byCategory: { natfiske: [0, 1, 0, 0], avbrott: [0, 0, 0, 1] }, byQuarter: [0, 1, 0, 1] });
    });

    it('answers a bad year or an unknown committee with 400 and 404', async () => {
      const token = tokenFor('sakerhetsansvarig');
      expect(await get('overview?year=1999', token)).toMatchObject({ status: 400, body: { error: 'bad_request' } });
      expect(await get('committees/XYZ', token)).toMatchObject({ status: 404, body: { reason: 'Nämnden "XYZ" finns inte.' } });
    });

    it('exports the follow-up as CSV for Swedish spreadsheets', async () => {
      const csv = await get('committees/SN/export.csv?year=2022', tokenFor('chef'));
      const text = csv.body as unknown as string;
      expect(text.split('\r\n')[0]).toBe('\uFEFFnämnd;område;aktivitet;kvartal;status;kommentar;ändrad av;ändrad');
      // One row per quarter with that quarter's own status; the follow-up's status is the activity's last quarter's
      expect(text).toContain('Socialnämnden;Nätverk;Riskanalys;Kvartal 1;;;;');
      expect(text).toContain('Socialnämnden;Nätverk;Riskanalys;Kvartal 2;Genomförd;');
    });
  });
});

describe('the status API without SSO outside local mode', () => {
  it('refuses everyone and offers no demo picker', async () => {
    const app = await startTestApp({ MicrosoftAppId: '11111111-2222-4333-8444-555555555555', MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: DEMO_TENANT_ID });
    try {
      const me = await fetch(`${app.url}/api/tab/me`, { headers: { 'X-Infosak-Demo-User': id('sakerhetsansvarig') } });
      expect(me.status).toBe(401);
      expect(await me.json()).toEqual({ error: 'unauthenticated', reason: 'Inloggning är inte konfigurerad: AAD_APP_CLIENT_ID saknas.' });
      expect((await fetch(`${app.url}/api/tab/demo-users`)).status).toBe(404);
    } finally {
      await app.stop();
    }
  });
});
