import { demoPersonByPersona } from '../../src/demo/demo-organisation';
import { startTestApp } from '../support/app-harness';

const person = (persona: string) => demoPersonByPersona(persona)!.id;

/** Every route of the Administration part, asked by each kind of person: only the security officer changes, the data protection officer reads, the rest are refused. */
describe('who may use the Administration part', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp({}, { clock: { now: () => new Date('2026-11-24T09:00:00Z') } });
  });
  afterAll(() => app.stop());

  const reads = ['GET /api/tab/admin/campaigns', 'GET /api/tab/admin/organisation', 'GET /api/tab/admin/modules', 'GET /api/tab/admin/modules/natfiske/cards', 'POST /api/tab/admin/plan/preview'];
  const changes = [
    'POST /api/tab/admin/campaigns',
    'PUT /api/tab/admin/campaigns/natfiske-alla-x',
    'POST /api/tab/admin/campaigns/natfiske-alla-x/end',
    'POST /api/tab/admin/campaigns/natfiske-alla-x/remind',
    'POST /api/tab/admin/campaigns/natfiske-alla-x/preview',
    'POST /api/tab/admin/modules/natfiske/preview',
    'POST /api/tab/admin/plan/import',
  ];
  const ask = async (persona: string | undefined, route: string) => {
    const [method, url] = route.split(' ') as [string, string];
    const res = await fetch(`${app.url}${url}`, {
      method,
      headers: { ...(persona ? { 'X-Infosak-Demo-User': person(persona) } : {}), 'Content-Type': 'application/json' },
      ...(method === 'GET' ? {} : { body: '{}' }),
    });
    return res.status;
  };

  it('refuses a manager, a coordinator, staff, an elected official and the IT security officer every route, and nobody signed in with 401', async () => {
    for (const persona of ['chef', 'samordnare', 'medarbetare', 'fortroendevald', 'itsakerhetsansvarig']) {
      for (const route of [...reads, ...changes]) expect([persona, route, await ask(persona, route)]).toEqual([persona, route, 403]);
    }
    for (const route of [...reads, ...changes]) expect([route, await ask(undefined, route)]).toEqual([route, 401]);
  });

  it('lets the data protection officer read and refuses her every change', async () => {
    for (const route of reads) expect([route, await ask('dataskyddsombud', route)]).not.toEqual([route, 403]);
    for (const route of changes) expect([route, await ask('dataskyddsombud', route)]).toEqual([route, 403]);
  });

  it('lets the security officer past the door of every route (what is asked is then checked on its own)', async () => {
    for (const route of [...reads, ...changes]) expect([route, [401, 403].includes(await ask('sakerhetsansvarig', route))]).toEqual([route, false]);
  });
});
