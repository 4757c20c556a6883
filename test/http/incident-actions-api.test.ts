import { randomUUID } from 'node:crypto';
import { demoPersonByPersona } from '../../src/demo/demo-organisation';
import { startTestApp } from '../support/app-harness';
import { incident } from '../contract/store-contract';

/**
 * "Skapa åtgärd" from the tab: an action in the committee's plan after an incident. Only those who
 * set the committee's statuses (its coordinators, the security officer) may; the rest get 403 with
 * the reason, and bad input 400 with what is wrong, in Swedish. Nothing partial is stored.
 */
describe('the tab API: an action after an incident', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const id = (persona: string) => demoPersonByPersona(persona)!.id;
  beforeAll(async () => {
    app = await startTestApp({}, { clock: { now: () => new Date('2026-11-23T09:00:00Z') } });
    await app.store.incidents.create('test:inc', incident('INC-2026-0031', { committeeCode: 'SN', category: 'natfiske' }));
  });
  afterAll(() => app.stop());

  const call = async (persona: string, path: string, body?: object) => {
    const res = await fetch(`${app.url}/api/tab/incidents/INC-2026-0031/${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { 'X-Infosak-Demo-User': id(persona), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const actions = async () => (await app.store.activities.query({ field: 'year', op: 'eq', value: 2027 })).concat(await app.store.activities.query({ field: 'year', op: 'eq', value: 2026 })).filter((a) => a.value.incidentRef === 'INC-2026-0031');

  it('offers the coming quarters and, as owners, those who set the committee’s statuses', async () => {
    const options = await call('samordnare', 'action-options');
    expect(options.status).toBe(200);
    expect((options.body.targets as { value: string }[]).map((t) => t.value)).toEqual(['2026-4', '2027-1', '2027-2', '2027-3', '2027-4']);
    expect((options.body.owners as { id: string }[]).map((o) => o.id).sort()).toEqual([id('samordnare'), id('sakerhetsansvarig')].sort());
  });

  it('refuses those who do not set the committee’s statuses, with the reason', async () => {
    for (const persona of ['dataskyddsombud', 'chef', 'medarbetare']) {
      const res = await call(persona, 'actions', { formId: randomUUID(), title: 'x', target: '2027-1', ownerId: id('samordnare') });
      expect(res.status).toBe(403);
    }
    expect(await actions()).toEqual([]);
  });

  it('says what is wrong, stores nothing, and creates the action once however often it is sent', async () => {
    const formId = randomUUID();
    const bad = await call('samordnare', 'actions', { formId, title: '  ', target: '2027-1', ownerId: id('samordnare') });
    expect(bad).toEqual({ status: 400, body: { error: 'bad_request', reason: 'Vad ska göras: måste fyllas i.' } });
    const passed = await call('samordnare', 'actions', { formId, title: 'Ny rutin', target: '2026-2', ownerId: id('samordnare') });
    expect(passed.body.reason).toBe('Klart senast: välj detta kvartal eller något av de fyra följande.');
    const stranger = await call('samordnare', 'actions', { formId, title: 'Ny rutin', target: '2027-1', ownerId: id('chef') });
    expect(stranger.body.reason).toBe('Ansvarig: välj någon av dem som listas.');
    expect(await actions()).toEqual([]);
    const body = { formId, title: 'Ny rutin för länkar i mejl', target: '2027-1', ownerId: id('sakerhetsansvarig') };
    expect(await call('sakerhetsansvarig', 'actions', body)).toEqual({ status: 201, body: { title: 'Ny rutin för länkar i mejl', year: 2027, quarter: 1 } });
    expect((await call('sakerhetsansvarig', 'actions', body)).status).toBe(201);
    expect((await actions()).map((a) => a.value)).toEqual([expect.objectContaining({ year: 2027, quarters: [1], committees: ['SN'], ownerId: id('sakerhetsansvarig'), incidentRef: 'INC-2026-0031' })]);
  });
});
