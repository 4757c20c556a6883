import { fixedClock } from '../../src/clock/clock';
import { DEMO_PEOPLE, demoPersonByPersona } from '../../src/demo/demo-organisation';
import { startTestApp, postActivity } from '../support/app-harness';
import { FakeBotConnector, textOfCard } from '../support/fake-bot-connector';
import { startLocalSharePoint, type LocalSharePoint } from '../support/graph/sharepoint-fixture';
import { validForm } from '../support/incident-forms';
import { executeActivity, installationUpdateActivity } from '../support/teams-activities';

/**
 * Reports sent while SharePoint is down, and then while it commits writes but loses the answers:
 * each gets a receipt, and once SharePoint is back every receipted report is stored once, with its
 * audit entry, its history and the people told — even when the write had landed unseen.
 */
describe('reports through a SharePoint outage', () => {
  let sp: LocalSharePoint;
  const connector = new FakeBotConnector();
  beforeAll(async () => {
    sp = await startLocalSharePoint();
    await sp.provision();
    await connector.start();
  });
  afterAll(async () => {
    await connector.stop();
    await sp.stop();
  });

  it('finishes every receipted report after the outage: stored once, audited, in the history, people told', async () => {
    const clock = fixedClock('2026-03-02T09:00:00Z');
    // The store with the tests' fast retries: the local server answers Retry-After 0.
    const app = await startTestApp({ ...sp.env, SEED_DEMO_DATA: '1' }, { clock, store: await sp.connectStore() });
    try {
      for (const p of DEMO_PEOPLE) await postActivity(app.url, installationUpdateActivity(p, connector.url));
      const anna = demoPersonByPersona('medarbetare')!;
      const report = async (n: number) => {
        const res = await postActivity(app.url, executeActivity(anna, connector.url, 'incident.submit', validForm({ description: `Rapport ${n} under avbrottet` })));
        const body = await res.text();
        if (res.status !== 200) throw new Error(`${res.status} ${body}`);
        const text = textOfCard((JSON.parse(body) as { value: unknown }).value);
        expect(text).toContain('Tack! Din rapport är mottagen');
        return /Referens: (INC-2026-\d{4})/.exec(text)![1]!;
      };

      // A first report while all is well: the committees are read and this year's numbering has started.
      const receipted = [await report(0)];
      // SharePoint answers 503 to everything: the reports wait as durable tasks.
      sp.graph.faults = { latencyMs: 0, failureRate: 1, failures: ['503'], retryAfterSeconds: 0, innerThrottleRate: 0, duplicateAnswer: 409, omitUpdateEtag: false, columnNameClash: 'refuse' };
      receipted.push(await report(1), await report(2));
      await app.tasks.runDue();
      // Then it commits every write but the answers never arrive (nor to the look-ups that follow).
      sp.graph.faults = { ...sp.graph.faults, failures: ['drop'] };
      receipted.push(await report(3));
      expect(sp.graph.stats.dropped).toBeGreaterThan(0);

      // SharePoint is back.
      sp.graph.faults = { ...sp.graph.faults, failureRate: 0 };
      for (let round = 0; round < 5 && (await app.ops.tasks.count()) > 0; round++) {
        clock.advance(60 * 60_000);
        await app.tasks.runDue();
      }
      expect(await app.ops.tasks.count()).toBe(0);

      const stored = (await app.store.incidents.query()).map((i) => i.value.reference);
      for (const reference of receipted) {
        expect(stored.filter((r) => r === reference)).toHaveLength(1);
        expect((await app.store.audit.query({ field: 'recordKey', op: 'eq', value: reference })).length).toBeGreaterThan(0);
        expect((await app.store.incidentEvents.query({ field: 'reference', op: 'eq', value: reference })).length).toBeGreaterThan(0);
        expect((await app.ops.outbox.messagesOf(`incident:${reference}`)).length).toBeGreaterThan(0);
      }
    } finally {
      await app.stop();
    }
  }, 60_000);

  it('answers a form sent twice with the same receipt, also when fields were left blank', async () => {
    const app = await startTestApp({ ...sp.env, SEED_DEMO_DATA: '1' }, { clock: fixedClock('2026-03-02T09:00:00Z'), store: await sp.connectStore() });
    try {
      const anna = demoPersonByPersona('medarbetare')!;
      // Blank text comes back from a list as no value at all: the second send must still count as the same.
      const form = validForm({ affectedSystem: '', occurredDate: '', occurredTime: '' });
      const send = async () => textOfCard(((await (await postActivity(app.url, executeActivity(anna, connector.url, 'incident.submit', form))).json()) as { value: unknown }).value);
      const first = await send();
      const again = await send();
      expect(again).toContain('Tack! Din rapport är mottagen');
      expect(/INC-2026-\d{4}/.exec(again)![0]).toBe(/INC-2026-\d{4}/.exec(first)![0]);
      const key = `incident:${form.submissionId as string}`;
      expect(await app.store.incidents.getByKey(key)).toBeDefined();
    } finally {
      await app.stop();
    }
  }, 60_000);
});
