import { demoPersonByPersona } from '../../src/demo/demo-organisation';
import { startTestApp, postActivity } from '../support/app-harness';
import { FakeBotConnector } from '../support/fake-bot-connector';
import { validForm } from '../support/incident-forms';
import { executeActivity, submitActivity } from '../support/teams-activities';

/** A small deterministic random source, so a failing case can be repeated. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const HOSTILE_TEXT = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' or 1 eq 1 or 'a' eq 'a",
  "x') or startswith(fields/reference,'",
  '${labels.submit}',
  '{{TEAMS_APP_ID}}',
  '\u0000\u0001\u0002',
  '𝕳𝖊𝖏 🤖 åäö',
  'Robert"); DROP TABLE incidents;--',
  '../../etc/passwd',
];

/** Each case breaks at least one rule, so none of them may be stored. */
const BREAKERS: ((r: () => number) => Record<string, unknown>)[] = [
  () => ({ description: undefined }),
  () => ({ description: '' }),
  (r) => ({ description: 'x'.repeat(4001 + Math.floor(r() * 60_000)) }),
  () => ({ description: 12345 }),
  () => ({ description: ['a', 'b'] }),
  () => ({ description: { toString: 'x' } }),
  () => ({ description: null }),
  (r) => ({ category: HOSTILE_TEXT[Math.floor(r() * HOSTILE_TEXT.length)] }),
  () => ({ category: undefined }),
  () => ({ kind: 'attack' }),
  () => ({ kind: true }),
  () => ({ discoveredDate: '2099-01-01' }),
  () => ({ discoveredDate: '2026-13-45' }),
  () => ({ discoveredDate: "2026-03-01' or '1'='1" }),
  () => ({ discoveredTime: '99:99' }),
  () => ({ discoveredTime: undefined }),
  () => ({ occurredDate: '2026-03-02', occurredTime: '09:59' }),
  () => ({ occurredDate: '2030-01-01' }),
  () => ({ occurredTime: '08:00', occurredDate: '' }),
  (r) => ({ committeeCode: HOSTILE_TEXT[Math.floor(r() * HOSTILE_TEXT.length)] }),
  () => ({ committeeCode: '*' }),
  () => ({ committeeCode: undefined }),
  () => ({ affectedSystem: 'y'.repeat(256) }),
  () => ({ approxPeopleAffected: 'NaN', personalData: 'true' }),
  () => ({ approxPeopleAffected: '1e309', personalData: 'true' }),
  () => ({ approxPeopleAffected: -1, personalData: 'true' }),
  () => ({ approxPeopleAffected: 3.5, personalData: 'true' }),
  () => ({ personalData: 'yes' }),
  () => ({ ongoing: { $gt: '' } }),
  (r) => ({ aspects: `konfidentialitet,${HOSTILE_TEXT[Math.floor(r() * HOSTILE_TEXT.length)]}` }),
  () => ({ aspects: ['riktighet'] }),
];

describe('300 malformed or hostile incident submissions', () => {
  it('answers every one and stores nothing', async () => {
    const connector = await new FakeBotConnector().start();
    const app = await startTestApp({}, { clock: { now: () => new Date('2026-03-02T09:00:00Z') } });
    const anna = demoPersonByPersona('medarbetare')!;
    const random = rng(20260302);
    try {
      const before = { incidents: (await app.store.incidents.query()).length, audit: (await app.store.audit.query()).length, tasks: await app.ops.tasks.count() };
      let answered = 0;
      for (let i = 0; i < 300; i++) {
        const breaks = Array.from({ length: 1 + Math.floor(random() * 3) }, () => BREAKERS[Math.floor(random() * BREAKERS.length)]!(random));
        const form = Object.assign(validForm(), ...breaks);
        // Some also carry hostile text in fields that would otherwise be accepted.
        if (random() < 0.5) form.affectedSystem = HOSTILE_TEXT[Math.floor(random() * HOSTILE_TEXT.length)];
        if (i % 5 === 0) {
          const res = await postActivity(app.url, submitActivity(anna, connector.url, { verb: 'incident.submit', ...form }));
          expect(res.status).toBe(200);
          answered += connector.received.length > 0 ? 1 : 0;
          connector.reset();
        } else {
          const res = await postActivity(app.url, executeActivity(anna, connector.url, 'incident.submit', form));
          expect(res.status).toBe(200);
          const body = (await res.json()) as { statusCode: number; type: string; value: unknown };
          expect(body.statusCode).toBe(200);
          if (!JSON.stringify(body.value).includes('Rapporten är inte skickad')) throw new Error(`case ${i} was accepted: ${JSON.stringify(form).slice(0, 600)}`);
          answered++;
        }
      }
      expect(answered).toBe(300);
      expect((await app.store.incidents.query()).length).toBe(before.incidents);
      expect((await app.store.audit.query()).length).toBe(before.audit);
      expect(await app.ops.tasks.count()).toBe(before.tasks);
    } finally {
      await app.stop();
      await connector.stop();
    }
  }, 60_000);
});
