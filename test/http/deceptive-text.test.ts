import { DEMO_PEOPLE, demoPersonByPersona } from '../../src/demo/demo-organisation';
import { startTestApp, postActivity } from '../support/app-harness';
import { FakeBotConnector, textOfCard } from '../support/fake-bot-connector';
import { validForm } from '../support/incident-forms';
import { executeActivity, installationUpdateActivity } from '../support/teams-activities';

/** Unicode that deceives (a right-to-left override, text of only zero-width spaces) is refused at the form, and nothing is stored. */
describe('deceptive text in an incident report over HTTP', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const connector = new FakeBotConnector();
  beforeAll(async () => {
    await connector.start();
    app = await startTestApp({}, { clock: { now: () => new Date('2026-03-02T09:00:00Z') } });
    for (const p of DEMO_PEOPLE) await postActivity(app.url, installationUpdateActivity(p, connector.url));
    await connector.waitForActivities(DEMO_PEOPLE.length);
  });
  afterAll(async () => {
    await app.stop();
    await connector.stop();
  });

  const submit = async (form: Record<string, unknown>) => {
    const res = await postActivity(app.url, executeActivity(demoPersonByPersona('medarbetare')!, connector.url, 'incident.submit', form));
    expect(res.status).toBe(200);
    return textOfCard(((await res.json()) as { value: unknown }).value);
  };
  const stored = async () => (await app.store.incidents.query()).length;

  it.each([
    ['a right-to-left override in the description', { description: 'Bilagan faktura\u202Efdp.exe öppnades' }, 'Beskrivning: innehåller otillåtna tecken'],
    ['a C1 control in the description', { description: 'Mejl\u0085från IT' }, 'Beskrivning: innehåller otillåtna tecken'],
    ['a description of only zero-width spaces', { description: '\u200B\u200B\u200B' }, 'Beskrivning: består bara av osynliga tecken. Skriv en synlig text.'],
    ['a left-to-right isolate in the affected system', { affectedSystem: 'E-post\u2066' }, 'Berörd information eller system: innehåller otillåtna tecken'],
  ])('refuses %s with the message naming the field, and stores nothing', async (_name, overrides, message) => {
    const before = await stored();
    const text = await submit(validForm(overrides));
    expect(text).toContain('Rapporten är inte skickad');
    expect(text).toContain(message);
    expect(await stored()).toBe(before);
  });

  it('still stores an ordinary report', async () => {
    const before = await stored();
    expect(await submit(validForm())).toContain('Tack! Din rapport är mottagen');
    expect(await stored()).toBe(before + 1);
  });
});
