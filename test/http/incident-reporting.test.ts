import { DEMO_PEOPLE, demoPersonByPersona, type DemoPerson } from '../../src/demo/demo-organisation';
import type { Incident } from '../../src/incidents/incident';
import { fixedClock } from '../../src/clock/clock';
import { incidentDeadlinesJob } from '../../src/jobs/incident-deadlines-job';
import { runJob } from '../../src/jobs/run-job';
import { composeDomain } from '../../src/server/compose-domain';
import { startTestApp, postActivity } from '../support/app-harness';
import { cardsIn, FakeBotConnector, textOfCard } from '../support/fake-bot-connector';
import { incident as incidentFor } from '../contract/store-contract';
import { validForm } from '../support/incident-forms';
import { executeActivity, installationUpdateActivity, messageActivity, submitActivity } from '../support/teams-activities';

const person = (persona: string): DemoPerson => demoPersonByPersona(persona)!;

interface InvokeBody {
  statusCode: number;
  type: string;
  value: Record<string, unknown> | string;
}

describe('incident reporting over HTTP', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const connector = new FakeBotConnector();

  // 10:00 on 2 March 2026 in Stockholm, so that the form's dates are in the past.
  const NOW = new Date('2026-03-02T09:00:00Z');
  beforeAll(async () => {
    await connector.start();
    app = await startTestApp({}, { clock: { now: () => new Date(NOW) } });
    // Everyone has installed the app, so notifications can reach them.
    for (const p of DEMO_PEOPLE) await postActivity(app.url, installationUpdateActivity(p, connector.url));
    await connector.waitForActivities(DEMO_PEOPLE.length);
  });
  afterAll(async () => {
    await app.stop();
    await connector.stop();
  });
  beforeEach(() => connector.reset());

  const incidents = async () => (await app.store.incidents.query()).map((i) => i.value);
  const execute = async (who: DemoPerson, verb: string, data: Record<string, unknown>) => {
    const res = await postActivity(app.url, executeActivity(who, connector.url, verb, data));
    expect(res.status).toBe(200);
    return (await res.json()) as InvokeBody;
  };
  const followUpDone = async () => {
    await app.tasks.runDue();
    await app.delivery.drained();
  };

  it('reports through Action.Execute: receipt with reference in the same card, stored once, the right people told', async () => {
    const anna = person('medarbetare');
    const form = validForm({ personalData: 'true', approxPeopleAffected: '40', personalIdentityNumbers: 'true' });
    const answer = await execute(anna, 'incident.submit', form);
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    const receipt = textOfCard(answer.value);
    const reference = /Referens: (INC-2026-\d{4})/.exec(receipt)![1]!;
    expect(receipt).toContain('Tack! Din rapport är mottagen');
    // It names the people who were told, by name and role, in Swedish
    expect(receipt).toContain('Sara Lind (informationssäkerhetssamordnare), Johan Berg (informationssäkerhetsansvarig) och Maria Ek (dataskyddsombud) har fått din rapport.');

    const stored = (await incidents()).filter((i) => i.reference === reference);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ reporterId: anna.id, committeeCode: 'SN', status: 'Ny', personalData: true, approxPeopleAffected: 40, personalIdentityNumbers: true });

    await followUpDone();
    const told = new Set(connector.received.map((r) => r.conversationId));
    // Sara coordinates SN, Johan is security officer, Maria the DPO; Anna herself and the manager are not told.
    expect(told).toEqual(new Set(['a:personal-samordnare', 'a:personal-sakerhetsansvarig', 'a:personal-dataskyddsombud']));
    const dpoCard = textOfCard(cardsIn(connector.received.filter((r) => r.conversationId === 'a:personal-dataskyddsombud'))[0]);
    expect(dpoCard).toContain('Anmälan till IMY (GDPR art. 33)');
    expect(dpoCard).toContain('senast 2026-03-05 08:30'); // 72 h from discovery at 08:30, Stockholm time

    const audit = await app.store.audit.query({ field: 'recordKey', op: 'eq', value: reference });
    expect(audit.map((a) => a.value.action)).toEqual(['rapporterad']);
  });

  it('stores a double click, a resend or a redelivered activity once', async () => {
    const anna = person('medarbetare');
    const form = validForm();
    const before = (await incidents()).length;
    const first = await execute(anna, 'incident.submit', form);
    const again = await execute(anna, 'incident.submit', form);
    const activity = submitActivity(anna, connector.url, { verb: 'incident.submit', ...form });
    await postActivity(app.url, activity);
    await postActivity(app.url, activity);
    const ref = (body: unknown) => /INC-2026-\d{4}/.exec(textOfCard(body))![0];
    expect(ref(again.value)).toBe(ref(first.value));
    const toAnna = connector.received.filter((r) => r.conversationId === 'a:personal-medarbetare');
    expect(cardsIn(toAnna).map(ref)).toEqual([ref(first.value), ref(first.value)]);
    expect((await incidents()).length).toBe(before + 1);
  });

  it('uses up one number for a form sent twenty times', async () => {
    const anna = person('medarbetare');
    const number = (body: unknown) => Number(/INC-2026-(\d{4})/.exec(textOfCard(body))![1]);
    const form = validForm();
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await execute(anna, 'incident.submit', form));
    expect(new Set(answers.map((a) => number(a.value))).size).toBe(1);
    const next = await execute(anna, 'incident.submit', validForm());
    expect(number(next.value)).toBe(number(answers[0]!.value) + 1);
  });

  it('says so when a form already sent comes back with other content, keeps what was written in a new form, and stores nothing', async () => {
    const anna = person('medarbetare');
    const form = validForm();
    const first = await execute(anna, 'incident.submit', form);
    const reference = /INC-2026-\d{4}/.exec(textOfCard(first.value))![0];
    const before = (await incidents()).length;
    const changed = await execute(anna, 'incident.submit', { ...form, description: 'Något helt annat: min dator blev stulen på tåget.' });
    expect(changed.type).toBe('application/vnd.microsoft.card.adaptive');
    const card = changed.value as { body: unknown[]; actions: { data?: { submissionId?: string } }[] };
    expect(textOfCard(card)).toContain(`Det här formuläret har redan skickats som ${reference}, med annat innehåll.`);
    expect(JSON.stringify(card)).toContain('min dator blev stulen på tåget');
    expect(JSON.stringify(card)).not.toContain(form.submissionId as string);
    expect((await incidents()).length).toBe(before);
    expect((await incidents()).find((i) => i.reference === reference)!.description).toBe(form.description);
  });

  it('gives unique references to 200 reports sent at the same time', async () => {
    const before = (await incidents()).length;
    const answers = await Promise.all(Array.from({ length: 200 }, () => execute(person('medarbetare'), 'incident.submit', validForm())));
    const refs = answers.map((a) => /INC-2026-\d{4}/.exec(textOfCard(a.value))![0]);
    expect(new Set(refs).size).toBe(200);
    const all = await incidents();
    expect(all.length).toBe(before + 200);
    expect(new Set(all.map((i) => i.reference)).size).toBe(all.length);
  }, 60_000);

  it('answers bad input in the card, in Swedish, naming the field, and stores nothing', async () => {
    const before = (await incidents()).length;
    const answer = await execute(person('medarbetare'), 'incident.submit', validForm({ description: 'x'.repeat(4001), discoveredDate: '2026-03-09' }));
    const text = textOfCard(answer.value);
    expect(text).toContain('Rapporten är inte skickad');
    expect(text).toContain('Beskrivning: högst 4 000 tecken.');
    expect(text).toContain('Datum då det upptäcktes: kan inte ligga i framtiden.');
    // What the person wrote is still there to correct.
    expect(JSON.stringify(answer.value)).toContain('"value":"2026-03-09"');
    expect((await incidents()).length).toBe(before);
  });

  it('opens the form from the welcome card’s button and from text', async () => {
    await postActivity(app.url, submitActivity(person('samordnare'), connector.url, { verb: 'incident.start' }));
    await postActivity(app.url, messageActivity(person('samordnare'), connector.url, 'rapportera'));
    // Replies carry replyToId; notifications of earlier reports may arrive in the same chat meanwhile.
    const cards = cardsIn(connector.received.filter((r) => r.conversationId === 'a:personal-samordnare' && r.replyToId));
    expect(cards.map((c) => textOfCard(c).split('\n')[0])).toEqual(['Rapportera incident eller brist', 'Rapportera incident eller brist']);
  });

  describe('triage from the card', () => {
    let reference: string;
    let etag: string;
    beforeEach(async () => {
      const answer = await execute(person('medarbetare'), 'incident.submit', validForm());
      reference = /INC-2026-\d{4}/.exec(textOfCard(answer.value))![0];
      const refreshed = await execute(person('samordnare'), 'incident.refresh', { reference });
      etag = (JSON.stringify(refreshed.value).match(/"etag":"((?:\\"|[^"])*)"/) ?? [])[1]!.replace(/\\"/g, '"');
    });
    const current = async () => (await app.store.incidents.query({ field: 'reference', op: 'eq', value: reference }))[0]!;

    it('lets the coordinator acknowledge, and records who and when in the audit trail', async () => {
      const answer = await execute(person('samordnare'), 'incident.acknowledge', { reference, etag });
      expect(textOfCard(answer.value)).toContain('Kvitterad av Sara Lind.');
      // Once acknowledged, the card no longer offers it
      expect(JSON.stringify(answer.value)).not.toContain('"verb":"incident.acknowledge"');
      expect((await current()).value).toMatchObject({ acknowledgedBy: person('samordnare').id, acknowledgedAt: NOW.toISOString() });
      const audit = (await app.store.audit.query({ field: 'recordKey', op: 'eq', value: reference })).map((a) => a.value);
      expect(audit.find((a) => a.action === 'kvitterad')).toMatchObject({ actorId: person('samordnare').id, before: '{"acknowledgedAt":null,"acknowledgedBy":null}' });
    });

    it('refuses someone who is not a triager, and changes nothing', async () => {
      const before = await current();
      for (const who of ['medarbetare', 'chef', 'fortroendevald']) {
        const answer = await execute(person(who), 'incident.acknowledge', { reference, etag });
        expect(answer.value).toBe('Du har inte behörighet att hantera den här incidenten.');
      }
      expect((await current()).etag).toBe(before.etag);
    });

    it('lets one of two people acting at once win and shows the other the new state', async () => {
      const [a, b] = await Promise.all([
        execute(person('samordnare'), 'incident.status', { reference, etag, status: 'Under utredning' }),
        execute(person('sakerhetsansvarig'), 'incident.severity', { reference, etag, severity: 'hög' }),
      ]);
      const texts = [textOfCard(a.value), textOfCard(b.value)];
      expect(texts.filter((t) => t.includes('Status: Under utredning.') || t.includes('Allvarlighetsgrad: hög.'))).toHaveLength(1);
      expect(texts.filter((t) => t.includes('ändrats av någon annan') || t.includes('samma stund'))).toHaveLength(1);
      const value = (await current()).value;
      expect(Number(value.status === 'Under utredning') + Number(value.severity === 'hög')).toBe(1);
    });

    it('allows only the next status, and closing only with a note', async () => {
      const skip = await execute(person('samordnare'), 'incident.status', { reference, etag, status: 'Åtgärdad' });
      expect(textOfCard(skip.value)).toContain('Status kan gå från Ny till Under utredning men inte till Åtgärdad.');
      expect((await current()).value.status).toBe('Ny');
    });

    it('records the committee’s decision and when IMY was told, in Stockholm time; the DPO advises and may not', async () => {
      const facts = await execute(person('samordnare'), 'incident.assess', { reference, section: 'facts', 'toggle:personalData': 'true', 'radio:riskLevel': 'risk', 'multiline:riskMotivation': 'Namn och adresser' });
      expect(textOfCard(facts.value)).toContain('Bedömningen är sparad.');
      const dpo = await execute(person('dataskyddsombud'), 'incident.assess', { reference, section: 'imy', 'radio:imyReportable': 'ja', 'date:imyNotifiedDate': '2026-03-02', 'time:imyNotifiedTime': '09:45' });
      expect(dpo.value).toBe('Det här beslutet fattas av en annan roll än din. Du ser det i bedömningen.');
      expect((await current()).value.imyReportable).toBeUndefined();
      const answer = await execute(person('samordnare'), 'incident.assess', { reference, section: 'imy', 'radio:imyReportable': 'ja', 'date:imyNotifiedDate': '2026-03-02', 'time:imyNotifiedTime': '09:45', 'text:imyCaseNumber': 'IMY-2026-123' });
      expect(textOfCard(answer.value)).toContain('Beslutet om IMY är sparat.');
      expect((await current()).value).toMatchObject({ imyReportable: true, imyNotifiedAt: '2026-03-02T08:45:00.000Z', imyCaseNumber: 'IMY-2026-123', imyDecidedBy: person('samordnare').id });
      // The IMY draft is now offered, with the authority's name from the rules file
      const draft = await execute(person('samordnare'), 'incident.draft', { reference, kind: 'imy' });
      expect(textOfCard(draft.value)).toContain('Integritetsskyddsmyndigheten');
    });

    it('shows what is wrong in the assessment, in Swedish, and stores nothing of that part', async () => {
      const before = await current();
      const answer = await execute(person('samordnare'), 'incident.assess', { reference, section: 'facts', 'toggle:personalData': 'true', 'radio:riskLevel': 'hog', 'text:approxRecords': 'många' });
      const text = textOfCard(answer.value);
      expect(text).toContain('Inget sparades i den här delen.');
      expect(text).toContain('Motivering av riskbedömningen: motivera riskbedömningen.');
      expect(text).toContain('Ungefärligt antal poster: ange ett heltal, 0 eller större.');
      expect((await current()).etag).toBe(before.etag);
    });

    it('closes only an assessed incident', async () => {
      const step = async (status: string) => execute(person('samordnare'), 'incident.status', { reference, status });
      await step('Under utredning');
      await step('Åtgärdad');
      const refused = await execute(person('samordnare'), 'incident.close', { reference, closingNote: 'Klart.' });
      expect(textOfCard(refused.value)).toContain('Incidenten kan stängas när bedömningen är gjord. Saknas: Bedömning och fakta.');
      await execute(person('samordnare'), 'incident.assess', { reference, section: 'facts', 'toggle:personalData': 'false' });
      const closed = await execute(person('samordnare'), 'incident.close', { reference, closingNote: 'Klart.' });
      expect(textOfCard(closed.value)).toContain('Sparat: incidenten är stängd.');
      expect((await current()).value).toMatchObject({ status: 'Stängd', resolvedAt: NOW.toISOString() });
    });

    it('lets only the security function judge significance, which starts the CERT-SE clocks', async () => {
      const coordinator = await execute(person('samordnare'), 'incident.assess', { reference, section: 'nis', 'radio:significant': 'ja', 'multiline:significantMotivation': 'x' });
      expect(coordinator.value).toBe('Det här beslutet fattas av en annan roll än din. Du ser det i bedömningen.');
      const it_ = await execute(person('itsakerhetsansvarig'), 'incident.assess', { reference, section: 'nis', 'radio:significant': 'ja', 'multiline:significantMotivation': 'E-posten nere för hela förvaltningen' });
      expect(textOfCard(it_.value)).toContain('Bedömningen enligt cybersäkerhetslagen är sparad.');
      const card = textOfCard((await execute(person('sakerhetsansvarig'), 'incident.refresh', { reference })).value);
      expect(card).toContain('Tidig varning till CERT-SE (cybersäkerhetslagen)');
      expect(card).toContain('Om 24 timmar');
      expect(card).toContain('Börjar när incidentanmälan är gjord');
    });

    it('turns the incident into an action in the committee’s plan, which comes up in the quarter’s card', async () => {
      const form = await execute(person('samordnare'), 'incident.actionForm', { reference });
      const formText = textOfCard(form.value);
      expect(formText).toContain(`Ny åtgärd efter ${reference}`);
      const formId = (JSON.stringify(form.value).match(/"formId":"([0-9a-f-]{36})"/) ?? [])[1]!;
      // Nothing to do, and a quarter that has passed: said in the form, nothing stored
      const empty = await execute(person('samordnare'), 'incident.createAction', { reference, formId, actionTitle: ' ', actionTarget: '2026-1', actionOwner: person('samordnare').id });
      expect(textOfCard(empty.value)).toContain('Vad ska göras: måste fyllas i.');
      const passed = await execute(person('samordnare'), 'incident.createAction', { reference, formId, actionTitle: 'Byt lösenord', actionTarget: '2025-4', actionOwner: person('samordnare').id });
      expect(textOfCard(passed.value)).toContain('Klart senast: välj detta kvartal eller något av de fyra följande.');
      const data = { reference, formId, actionTitle: 'Inför phishing-övning för Socialförvaltningen', actionTarget: '2026-1', actionOwner: person('samordnare').id };
      const created = await execute(person('samordnare'), 'incident.createAction', data);
      await execute(person('samordnare'), 'incident.createAction', data); // sent twice: one action
      const card = textOfCard(created.value);
      expect(card).toContain('Åtgärd skapad i handlingsplanen: Inför phishing-övning för Socialförvaltningen (Kvartal 1 2026, ansvarig Sara Lind).');
      expect(card).toContain('Åtgärder i handlingsplanen');
      const actions = (await app.store.activities.query({ field: 'year', op: 'eq', value: 2026 })).map((a) => a.value).filter((a) => a.incidentRef === reference);
      expect(actions).toEqual([expect.objectContaining({ committees: ['SN'], quarters: [1], ownerId: person('samordnare').id, area: 'Åtgärder efter incidenter' })]);
      // The coordinator's card for this quarter lists it like any other activity
      connector.reset();
      await postActivity(app.url, messageActivity(person('samordnare'), connector.url, 'mina aktiviteter'));
      const quarterCards = cardsIn(connector.received.filter((r) => r.conversationId === 'a:personal-samordnare' && r.replyToId)).map(textOfCard);
      expect(quarterCards.find((c) => c.includes('Socialnämnden'))).toContain('Inför phishing-övning för Socialförvaltningen');
      // Someone who does not set the committee's statuses is refused
      expect((await execute(person('dataskyddsombud'), 'incident.actionForm', { reference })).value).toBe('Åtgärder läggs in av nämndens informationssäkerhetssamordnare eller informationssäkerhetsansvarig.');
    });

    it('asks Teams to refresh the card for the triagers, by their Teams user ids', async () => {
      const answer = await execute(person('samordnare'), 'incident.refresh', { reference });
      const refresh = (answer.value as { refresh: { userIds: string[]; action: { verb: string } } }).refresh;
      expect(refresh.action.verb).toBe('incident.refresh');
      expect(refresh.userIds.sort()).toEqual(['29:dataskyddsombud', '29:itsakerhetsansvarig', '29:sakerhetsansvarig', '29:samordnare']);
    });

    it('shows the reporter the card without triage actions', async () => {
      const answer = await execute(person('medarbetare'), 'incident.refresh', { reference });
      expect(JSON.stringify(answer.value)).not.toContain('incident.acknowledge');
      expect(textOfCard(answer.value)).toContain(reference);
    });
  });

  it('reminds the committee’s coordinator and the security officer once as the IMY deadline nears with nothing recorded, through the outbox', async () => {
    const answer = await execute(person('medarbetare'), 'incident.submit', validForm({ personalData: 'true', description: 'Felskickat mejl med personnummer' }));
    const reference = /INC-2026-\d{4}/.exec(textOfCard(answer.value))![0];
    // 23.5 hours before the deadline (72 h after discovery at 08:30 Stockholm): the 24-hour reminder is due; the 48-hour one, passed, is not sent late.
    const later = fixedClock('2026-03-04T08:00:00Z');
    const context = composeDomain({ config: app.config, store: app.store, ops: app.ops, clock: later, logger: app.logger, enqueue: (m) => app.ops.outbox.enqueue(m, NOW.toISOString()) }); // queued as of the app's own clock, so its sender sends them
    await runJob(incidentDeadlinesJob, context);
    await runJob(incidentDeadlinesJob, context);
    const reminders = await app.ops.outbox.messagesOf(`deadline:${reference}`);
    const owners = [person('samordnare').id, person('sakerhetsansvarig').id];
    expect(reminders.map((m) => [m.personId, m.key]).sort()).toEqual(owners.map((id) => [id, `deadline:${reference}:imy:2026-03-05T07:30:00.000Z:24:${id}`]).sort());
    expect(String(reminders[0]!.activity.text)).toContain('Påminnelse: Anmälan till IMY (GDPR art. 33) för ' + reference);
  });

  it('tells the DPO when triage finds personal data the reporter did not tick', async () => {
    const answer = await execute(person('medarbetare'), 'incident.submit', validForm({ description: 'Lista med elevers namn låg i fel kanal' }));
    const reference = /INC-2026-\d{4}/.exec(textOfCard(answer.value))![0];
    // What is queued for the DPO (the delivery itself is tested elsewhere; other tests leave many messages to send)
    const toDpo = async () => {
      await app.tasks.runDue();
      return (await app.ops.outbox.messagesOf(`incident:${reference}`)).filter((m) => m.personId === person('dataskyddsombud').id);
    };
    expect(await toDpo()).toEqual([]);
    await execute(person('samordnare'), 'incident.assess', { reference, section: 'facts', 'toggle:personalData': 'true', 'radio:riskLevel': 'risk', 'multiline:riskMotivation': 'Elevers namn' });
    const told = await toDpo();
    expect(told).toHaveLength(1);
    expect(JSON.stringify(told[0]!.activity)).toContain('Lista med elevers namn låg i fel kanal');
    // Saved again, it is not sent again
    await execute(person('samordnare'), 'incident.assess', { reference, section: 'facts', 'toggle:personalData': 'true', 'radio:riskLevel': 'risk', 'multiline:riskMotivation': 'Elevers namn, 30 st' });
    expect(await toDpo()).toHaveLength(1);
  });

  it('lists `mina incidenter`: the reporter’s own, and the coordinator’s committee', async () => {
    await execute(person('medarbetare'), 'incident.submit', validForm({ description: 'Borttappad telefon' }));
    await postActivity(app.url, messageActivity(person('medarbetare'), connector.url, 'mina incidenter'));
    await postActivity(app.url, messageActivity(person('samordnare'), connector.url, 'mina incidenter'));
    // The replies; notifications of earlier reports may be arriving in the same chats meanwhile.
    const replyTo = (conversation: string) =>
      cardsIn(connector.received.filter((r) => r.conversationId === conversation && r.replyToId))
        .map(textOfCard)
        .find((text) => text.startsWith('Mina incidenter'))!;
    const [annas, saras] = [replyTo('a:personal-medarbetare'), replyTo('a:personal-samordnare')];
    expect(annas).toContain('Mina rapporter');
    expect(annas).not.toContain('Att hantera');
    expect(saras).toContain('Att hantera: Socialförvaltningen');
    expect(saras).not.toContain('Mina rapporter'); // she has reported nothing herself
  });

  it('opens an incident from `mina incidenter` as a card of its own, for someone who may triage it', async () => {
    const answer = await execute(person('medarbetare'), 'incident.submit', validForm({ description: 'Öppnas från listan' }));
    const reference = /INC-2026-\d{4}/.exec(textOfCard(answer.value))![0];
    connector.reset();
    const opened = await execute(person('itsakerhetsansvarig'), 'incident.open', { reference });
    expect(textOfCard(opened.value)).toContain('Mina incidenter'); // the list stays where it was
    const sent = cardsIn(connector.received.filter((r) => r.conversationId === 'a:personal-itsakerhetsansvarig')).map(textOfCard);
    expect(sent.find((t) => t.includes(`${reference}: Nätfiske`))).toContain('Öppnas från listan');
    const chef = await execute(person('chef'), 'incident.open', { reference });
    expect(chef.value).toBe('Du har inte behörighet att se den här incidenten.');
  });
});

describe('when the store cannot be reached', () => {
  it('keeps the report on the server, says so in the receipt, and stores it once the store is back', async () => {
    const connector = await new FakeBotConnector().start();
    const app = await startTestApp({}, { clock: { now: () => new Date('2026-03-02T09:00:00Z') } });
    try {
      const original = app.store.incidents.create.bind(app.store.incidents);
      let down = true;
      app.store.incidents.create = async (key: string, value: Incident) => {
        if (down) throw new Error('503 Service Unavailable');
        return original(key, value);
      };
      const form = validForm();
      const answer = await (await postActivity(app.url, executeActivity(demoPersonByPersona('medarbetare')!, connector.url, 'incident.submit', form))).json() as InvokeBody;
      const text = textOfCard(answer.value);
      const reference = /INC-2026-\d{4}/.exec(text)![0];
      expect(text).toContain('Registret kunde inte nås just nu');
      expect(await app.store.incidents.query()).toHaveLength(0);

      await app.tasks.runDue(); // still down: the task stays
      expect(await app.ops.tasks.count('incident.store')).toBe(1);
      down = false;
      await app.ops.tasks.postpone(`incident:${form.submissionId}`, '2000-01-01T00:00:00.000Z', 'test');
      await app.tasks.runDue();
      await app.tasks.runDue();
      const stored = await app.store.incidents.query();
      expect(stored.map((i) => i.value.reference)).toEqual([reference]);
      expect(await app.ops.tasks.count()).toBe(0);
    } finally {
      await app.stop();
      await connector.stop();
    }
  });
});

describe('the clocks of a significant incident that goes on', () => {
  // An app of its own: the deadline job here runs months ahead, and would remind of every other test's incidents.
  it('reminds of the progress report while it goes on, and of the final report a month after it is handled', async () => {
    const own = await startTestApp({}, { clock: { now: () => new Date('2026-03-02T09:00:00Z') } });
    try {
      const { item } = await own.store.incidents.create('test:nis-ongoing', incidentFor('INC-2026-9001', {
        committeeCode: 'SN', essentialService: true, significant: true, significantDecidedAt: '2026-03-02T10:00:00.000Z',
        nisEarlyWarningAt: '2026-03-02T12:00:00.000Z', nisNotificationAt: '2026-03-03T09:00:00.000Z', discoveredAt: '2026-03-02T08:00:00.000Z',
      }));
      const runAt = async (iso: string) => {
        const clock = fixedClock(iso);
        await runJob(incidentDeadlinesJob, composeDomain({ config: own.config, store: own.store, ops: own.ops, clock, logger: own.logger, enqueue: (m) => own.ops.outbox.enqueue(m, '2026-03-02T09:00:00.000Z') }));
      };
      // 23 hours before a month after the notification (10:00 CET on 3 March → 10:00 CEST on 3 April)
      await runAt('2026-04-02T09:00:00Z');
      const keys = async () => (await own.ops.outbox.messagesOf('deadline:INC-2026-9001')).map((m) => m.key.split(':').slice(2, -1).join(':'));
      expect(new Set(await keys())).toEqual(new Set(['nis-final-report-progress:2026-04-03T08:00:00.000Z:24']));
      // Handled on 20 April: the final report is due on 20 May, and reminded on its own
      await own.store.incidents.update(item.id, item.etag, { status: 'Åtgärdad', resolvedAt: '2026-04-20T08:00:00.000Z', nisProgressReportAt: '2026-04-03T07:00:00.000Z' });
      await runAt('2026-05-19T09:00:00Z');
      expect(new Set(await keys())).toEqual(new Set(['nis-final-report-progress:2026-04-03T08:00:00.000Z:24', 'nis-final-report:2026-05-20T08:00:00.000Z:24']));
    } finally {
      await own.stop();
    }
  });
});
