import { Writable } from 'node:stream';
import pino from 'pino';
import { demoPersonByPersona } from '../../src/demo/demo-organisation';
import { startTestApp, postActivity } from '../support/app-harness';
import { FakeBotConnector } from '../support/fake-bot-connector';
import { messageActivity } from '../support/teams-activities';

describe('the hardened server', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const connector = new FakeBotConnector();
  const logLines: string[] = [];
  let lineWritten: () => void = () => undefined;
  /** Resolves with the first log line that matches, as soon as it is written. */
  const logged = async (matches: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const written = new Promise<void>((resolve) => (lineWritten = resolve));
      const line = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).find(matches);
      if (line) return line;
      if (Date.now() > deadline) throw new Error('ingen sådan loggrad');
      await Promise.race([written, new Promise((r) => setTimeout(r, 100))]);
    }
  };
  beforeAll(async () => {
    await connector.start();
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (logLines.push(...chunk.toString().trim().split('\n')), lineWritten(), done()) });
    const logger = pino({ level: 'info', redact: { paths: ['*.authorization'], censor: '[dold]' } }, sink);
    app = await startTestApp({ TAB_API_RATE_LIMIT_PER_MINUTE: '5' }, { logger });
  });
  afterAll(async () => {
    await app.stop();
    await connector.stop();
  });
  const officer = demoPersonByPersona('sakerhetsansvarig')!.id;
  const manager = demoPersonByPersona('chef')!.id;

  it('refuses a body over 256 KB with 413, and sends nothing', async () => {
    const huge = messageActivity(demoPersonByPersona('medarbetare')!, connector.url, 'x'.repeat(300 * 1024));
    const res = await postActivity(app.url, huge);
    expect(res.status).toBe(413);
    // A later message is answered after anything the refused one could have caused: the answer to it is all there is.
    const followUp = messageActivity(demoPersonByPersona('medarbetare')!, connector.url, 'hjälp');
    await postActivity(app.url, followUp);
    const received = await connector.waitForActivities(1);
    expect(received.filter((r) => r.replyToId !== followUp.id)).toHaveLength(0);
  });

  it('limits each caller of the tab API, answering 429 with Retry-After, and leaves others alone', async () => {
    const call = (who: string) => fetch(`${app.url}/api/tab/me`, { headers: { 'X-Infosak-Demo-User': who } });
    for (let i = 0; i < 5; i++) expect((await call(officer)).status).toBe(200);
    const limited = await call(officer);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await limited.json()).toEqual({ error: 'too_many_requests', reason: `För många förfrågningar. Försök igen om ${retryAfter} sekunder.` });
    expect((await call(manager)).status).toBe(200);
  });

  it('lets only Teams frame the tab, and nobody frame the API', async () => {
    const tab = await fetch(`${app.url}/tab/`);
    const csp = tab.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/frame-ancestors teams\.microsoft\.com \*\.teams\.microsoft\.com /);
    expect(csp).not.toMatch(/frame-ancestors[^;]*( \*;| \*$|https:)/);
    expect(tab.headers.get('x-content-type-options')).toBe('nosniff');
    const api = await fetch(`${app.url}/api/health`);
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('gives every request an id, in the answer and in a structured log line without secrets or query strings', async () => {
    const res = await fetch(`${app.url}/api/tab/overview?year=2026&secret=x`, { headers: { Authorization: 'Bearer hemlig-token-123', 'X-Request-Id': 'test-request-0001' } });
    expect(res.headers.get('x-request-id')).toBe('test-request-0001');
    const line = await logged((l) => l.reqId === 'test-request-0001' && l.msg === 'http');
    expect(line).toMatchObject({ method: 'GET', path: '/api/tab/overview', status: 401 });
    expect(logLines.join('\n')).not.toContain('hemlig-token-123');
    expect(logLines.join('\n')).not.toContain('secret=x');
    const generated = await fetch(`${app.url}/api/health`);
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
