import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { demoPersonByPersona } from '../../src/demo/demo-organisation';
import { t } from '../../src/i18n/texts';
import { startTestApp } from '../support/app-harness';

/** Local mode takes Bot Framework traffic and the tab's demo picker without sign-in: it must stay on this machine and with the demo people. */
describe('local mode', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('listens on the loopback interface only', () => {
    expect((app.server.address() as AddressInfo).address).toBe('127.0.0.1');
  });

  it('lets the tab be opened as one of the demo people', async () => {
    const res = await fetch(`${app.url}/api/tab/me`, { headers: { 'X-Infosak-Demo-User': demoPersonByPersona('sakerhetsansvarig')!.id } });
    expect(res.status).toBe(200);
  });

  it.each([
    ['an id that is not a demo person’s', '0f8fad5b-d9cb-469f-a165-70867728950e'],
    ['something that is not an id at all', "' OR 1=1 --"],
  ])('answers 401 with a Swedish reason to %s in the demo header', async (_name, who) => {
    const res = await fetch(`${app.url}/api/tab/overview`, { headers: { 'X-Infosak-Demo-User': who } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'unauthenticated', reason: t('sv', 'api.reason.notDemoPerson') });
    expect(t('sv', 'api.reason.notDemoPerson')).toMatch(/demo/i);
  });
});

describe('local mode told to listen elsewhere', () => {
  it('listens where LISTEN_HOST says and warns that it is not only this machine', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) }));
    const app = await startTestApp({ LISTEN_HOST: '0.0.0.0' }, { logger });
    try {
      expect((app.server.address() as AddressInfo).address).toBe('0.0.0.0');
      expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg).join('\n')).toMatch(/LISTEN_HOST=0\.0\.0\.0/);
    } finally {
      await app.stop();
    }
  });
});
