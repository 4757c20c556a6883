import { DEMO_PEOPLE, demoPersonByPersona, type DemoPerson } from '../../src/demo/demo-organisation';
import { startTestApp, postActivity } from '../support/app-harness';
import { cardsIn, FakeBotConnector, textOfCard } from '../support/fake-bot-connector';
import { installationUpdateActivity, messageActionActivity, messagePayload } from '../support/teams-activities';
import { adaptiveCardProblems } from '../support/adaptive-card-validation';

const person = (persona: string): DemoPerson => demoPersonByPersona(persona)!;

interface DialogBody {
  task: { type: 'continue' | 'message'; value: string | { title: string; card: { contentType: string; content: Record<string, unknown> } } };
}

/** What a dialog card's Action.Submit sends back: its data, and each input's value as the person left it. */
function submitted(card: Record<string, unknown>, typed: Record<string, string> = {}): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const element = node as Record<string, unknown>;
      if (typeof element.type === 'string' && element.type.startsWith('Input.') && typeof element.id === 'string') inputs[element.id] = element.value ?? '';
      Object.values(element).forEach(walk);
    }
  };
  walk(card.body);
  const action = (card.actions as { type: string; data: Record<string, unknown> }[]).find((a) => a.type === 'Action.Submit')!;
  return { ...action.data, ...inputs, ...typed };
}

describe('"Rapportera till Infosäk" on a Teams message', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const connector = new FakeBotConnector();
  const NOW = new Date('2026-03-02T09:00:00Z'); // 10:00 in Stockholm

  beforeAll(async () => {
    await connector.start();
    app = await startTestApp({}, { clock: { now: () => new Date(NOW) } });
    for (const p of DEMO_PEOPLE) await postActivity(app.url, installationUpdateActivity(p, connector.url));
    await connector.waitForActivities(DEMO_PEOPLE.length);
  });
  afterAll(async () => {
    await app.stop();
    await connector.stop();
  });
  beforeEach(() => connector.reset());

  const invoke = async (who: DemoPerson, name: 'composeExtension/fetchTask' | 'composeExtension/submitAction', value: Record<string, unknown>) => {
    const res = await postActivity(app.url, messageActionActivity(who, connector.url, name, value));
    expect(res.status).toBe(200);
    return (await res.json()) as DialogBody;
  };
  const dialogCard = (body: DialogBody) => {
    expect(body.task.type).toBe('continue');
    const value = body.task.value as Exclude<DialogBody['task']['value'], string>;
    expect(value.card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    return value.card.content;
  };
  const open = async (who: DemoPerson, payload: Record<string, unknown> = messagePayload()) => dialogCard(await invoke(who, 'composeExtension/fetchTask', { messagePayload: payload }));
  const incidents = async () => (await app.store.incidents.query()).map((i) => i.value);
  const followUpDone = async () => {
    await app.tasks.runDue();
    await app.delivery.drained();
  };

  it('opens the form filled in from the message: sender, time, place, text with the real link address, phishing, the person’s förvaltning, discovered now', async () => {
    const before = (await incidents()).length;
    const card = await open(person('medarbetare'));
    expect(adaptiveCardProblems(card)).toEqual([]);
    const text = textOfCard(card);
    expect(text).toContain('IT-supporten (extern avsändare)');
    expect(text).toContain('2026-03-02 08:45'); // 07:45 UTC, in Stockholm
    expect(text).toContain('En gruppchatt');
    expect(text).toContain('Hej! Ditt lösenord går ut i dag.');
    // The address written out, and defanged so that no client makes it a link (the stored text keeps it: below).
    expect(text).toContain('här [hxxps://login[.]example[.]net/reset]');
    expect(text).toContain('Vad verkar misstänkt?');
    const values = submitted(card);
    expect(values).toMatchObject({ category: 'natfiske', committeeCode: 'SN', discoveredDate: '2026-03-02', discoveredTime: '10:00', kind: 'incident', description: '' });
    const openLink = JSON.stringify(card).includes('"url":"https://teams.microsoft.com/l/message/19:grupp@thread.v2/1763970000000"');
    expect(openLink).toBe(true);
    // Opening the dialog stores nothing, and the chat the message is in is not taken for one the bot may write to.
    expect(await incidents()).toHaveLength(before);
    expect(await app.ops.conversations.get('19:grupp@thread.v2')).toBeUndefined();
    expect(connector.received).toHaveLength(0);
  });

  it('sends through the same path as a report in chat: stored once with the message, receipt in the dialog and in the chat, the right people told', async () => {
    const anna = person('medarbetare');
    const data = submitted(await open(anna), { description: 'Okänd avsändare vill att jag loggar in via en länk. Jag har inte klickat.' });
    const answer = dialogCard(await invoke(anna, 'composeExtension/submitAction', { data }));
    const receipt = textOfCard(answer);
    expect(receipt).toContain('Tack! Din rapport är mottagen');
    const reference = /INC-2026-\d{4}/.exec(receipt)![0];

    // A double click sends the same data again: the same report, nothing more.
    const again = dialogCard(await invoke(anna, 'composeExtension/submitAction', { data }));
    expect(textOfCard(again)).toContain(reference);
    const stored = (await incidents()).filter((i) => i.reference === reference);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      reporterId: anna.id,
      kind: 'incident',
      category: 'natfiske',
      committeeCode: 'SN',
      description: 'Okänd avsändare vill att jag loggar in via en länk. Jag har inte klickat.',
      reportedMessage: {
        senderName: 'IT-supporten',
        senderKind: 'extern',
        sentAt: '2026-03-02T07:45:00.000Z',
        place: 'gruppchatt',
        link: 'https://teams.microsoft.com/l/message/19:grupp@thread.v2/1763970000000',
        text: 'Hej! Ditt lösenord går ut i dag.\n\nLogga in här [https://login.example.net/reset] för att behålla kontot.',
      },
    });

    await followUpDone();
    const byChat = (id: string) => connector.received.filter((r) => r.conversationId === id);
    // The receipt's copy in Anna's own chat with Infosäk, once.
    const toAnna = cardsIn(byChat('a:personal-medarbetare')).map(textOfCard);
    expect(toAnna.filter((t) => t.includes(reference) && t.includes('Tack! Din rapport är mottagen'))).toHaveLength(1);
    // The triagers get the incident card with the message on it; nothing is written in the group chat.
    const toSecurityOfficer = cardsIn(byChat('a:personal-sakerhetsansvarig')).map(textOfCard).join('\n');
    expect(toSecurityOfficer).toContain(reference);
    expect(toSecurityOfficer).toContain('Rapporterat meddelande');
    expect(toSecurityOfficer).toContain('IT-supporten (extern avsändare)');
    expect(byChat('19:grupp@thread.v2')).toHaveLength(0);
  });

  it('shows the dialog again with what is wrong, in Swedish, and stores nothing', async () => {
    const before = (await incidents()).length;
    const data = submitted(await open(person('medarbetare')), { description: '   ', discoveredDate: '2026-03-09' });
    const card = dialogCard(await invoke(person('medarbetare'), 'composeExtension/submitAction', { data }));
    const text = textOfCard(card);
    expect(text).toContain('Rapporten är inte skickad');
    expect(text).toMatch(/Beskrivning/);
    expect(text).toContain('framtiden');
    // The message is still there, and still signed: the corrected form can be sent.
    expect(text).toContain('Hej! Ditt lösenord går ut i dag.');
    expect(await incidents()).toHaveLength(before);
    const fixed = submitted(card, { description: 'Misstänkt nätfiske.', discoveredDate: '2026-03-02' });
    expect(textOfCard(dialogCard(await invoke(person('medarbetare'), 'composeExtension/submitAction', { data: fixed })))).toContain('Tack! Din rapport är mottagen');
    expect(await incidents()).toHaveLength(before + 1);
  });

  it('refuses a message changed in the card, or a dialog sent on by someone else, and stores nothing', async () => {
    const before = (await incidents()).length;
    const anna = person('medarbetare');
    const data = submitted(await open(anna), { description: 'Misstänkt.' });
    const forged = { ...data, message: String(data.message).replace('IT-supporten', 'Kommundirektören') };
    const refused = await invoke(anna, 'composeExtension/submitAction', { data: forged });
    expect(refused.task).toEqual({ type: 'message', value: expect.stringContaining('Formuläret kunde inte kontrolleras') });
    const otherPerson = await invoke(person('chef'), 'composeExtension/submitAction', { data });
    expect(otherPerson.task).toEqual({ type: 'message', value: expect.stringContaining('Formuläret kunde inte kontrolleras') });
    expect(await incidents()).toHaveLength(before);
  });

  it('shows hidden characters in the message instead of storing them, and keeps only a link into Teams', async () => {
    const anna = person('medarbetare');
    const payload = messagePayload({
      body: { contentType: 'html', content: '<p>Faktura_\u202Egpj.exe</p><script>alert(1)</script>' },
      linkToMessage: 'javascript:alert(1)',
      from: { user: null, application: { applicationIdentityType: 'bot', id: 'x', displayName: 'Fakturaboten' } },
    });
    const card = await open(anna, payload);
    const text = textOfCard(card);
    expect(text).toContain('Faktura_[U+202E]gpj.exe');
    expect(text).toContain('Fakturaboten (app)');
    expect(text).not.toContain('alert(1)');
    expect(JSON.stringify(card)).not.toContain('javascript:');
    const data = submitted(card, { description: 'En app skickar en bilaga med dolt filnamn.' });
    await invoke(anna, 'composeExtension/submitAction', { data });
    const stored = (await incidents()).find((i) => i.description === 'En app skickar en bilaga med dolt filnamn.')!;
    expect(stored.reportedMessage).toEqual({ senderName: 'Fakturaboten', senderKind: 'app', sentAt: '2026-03-02T07:45:00.000Z', place: 'gruppchatt', text: 'Faktura_[U+202E]gpj.exe' });
  });

  it('shows the sender’s words as text, never as markdown: a disguised link stays plain, defanged', async () => {
    const payload = messagePayload({
      from: { user: { userIdentityType: 'federatedUser', id: 'x', displayName: '[IT-avdelningen](https://evil.example/a)' } },
      body: { contentType: 'text', content: '[Logga in – IT-support](https://evil.example/login)\n**Från:** Kommundirektören' },
    });
    const card = await open(person('medarbetare'), payload);
    const elements: Record<string, unknown>[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        elements.push(node as Record<string, unknown>);
        Object.values(node).forEach(walk);
      }
    };
    walk(card);
    // Nothing of the sender's is in a text block or a fact, where Teams reads markdown; it is in text runs.
    const markdownTexts = elements.filter((e) => e.type === 'TextBlock').map((e) => String(e.text)).concat(elements.filter((e) => 'title' in e && 'value' in e && !('type' in e)).map((e) => String(e.value)));
    expect(markdownTexts.join('\n')).not.toMatch(/evil|Kommundirektören/);
    const runs = elements.filter((e) => e.type === 'TextRun').map((e) => String(e.text));
    expect(runs).toContain('[IT-avdelningen](hxxps://evil[.]example/a) (extern avsändare)');
    expect(runs).toContain('[Logga in – IT-support](hxxps://evil[.]example/login)');
    expect(runs).toContain('**Från:** Kommundirektören');
  });

  it('calls a sender a colleague only when the municipality knows them', async () => {
    const kindOf = async (user: Record<string, unknown>) => {
      const text = textOfCard(await open(person('medarbetare'), messagePayload({ from: { user: { displayName: 'Avsändaren', ...user } } })));
      return /Avsändaren \(([^)]+)\)/.exec(text)![1];
    };
    expect(await kindOf({ userIdentityType: 'aadUser', id: person('chef').id })).toBe('kollega i kommunen');
    // An account in the tenant that is no one on the staff: a guest, say.
    expect(await kindOf({ userIdentityType: 'aadUser', id: 'b2b00000-0000-4000-8000-000000000009' })).toBe('konto i kommunens Teams, inte bland personalen');
    expect(await kindOf({ userIdentityType: 'aadUser', id: person('chef').id, tenantId: 'another-tenant' })).toBe('extern avsändare');
    expect(await kindOf({ userIdentityType: 'personalMicrosoftAccountUser', id: 'x' })).toBe('extern avsändare');
    expect(await kindOf({ userIdentityType: 'anonymousGuest', id: 'x' })).toBe('anonym mötesdeltagare');
  });

  it('keeps a picture as its alt text, or says there was one', async () => {
    const data = submitted(await open(person('medarbetare'), messagePayload({ body: { contentType: 'html', content: '<p>Skanna <img alt="QR-kod" src="https://x.example/qr.png"> eller <img src="https://x.example/y.png"> nu</p>' } })), { description: 'QR-kod i ett meddelande.' });
    await invoke(person('medarbetare'), 'composeExtension/submitAction', { data });
    const stored = (await incidents()).find((i) => i.description === 'QR-kod i ett meddelande.')!;
    expect(stored.reportedMessage!.text).toBe('Skanna QR-kod eller [bild] nu');
  });

  it('cuts a long message to the form’s limit', async () => {
    const long = `<p>${'Klicka här nu. '.repeat(600)}</p>`;
    const data = submitted(await open(person('medarbetare'), messagePayload({ body: { contentType: 'html', content: long } })), { description: 'Långt nätfiskemeddelande.' });
    await invoke(person('medarbetare'), 'composeExtension/submitAction', { data });
    const stored = (await incidents()).find((i) => i.description === 'Långt nätfiskemeddelande.')!;
    expect(stored.reportedMessage!.text).toHaveLength(4000);
    expect(stored.reportedMessage!.text.endsWith('…')).toBe(true);
  });

  it('answers in words when Teams sends no message, another command or a request to install the bot first', async () => {
    const anna = person('medarbetare');
    const none = await invoke(anna, 'composeExtension/fetchTask', {});
    expect(none.task).toEqual({ type: 'message', value: expect.stringContaining('Teams skickade inte med meddelandet') });
    const other = await invoke(anna, 'composeExtension/fetchTask', { commandId: 'somethingElse', messagePayload: messagePayload() });
    expect(other.task.type).toBe('message');
    // Teams installs the bot and asks again (justInTimeInstall): the same form.
    const afterInstall = dialogCard(await invoke(anna, 'composeExtension/submitAction', { data: { msteams: { justInTimeInstall: true } }, messagePayload: messagePayload() }));
    expect(textOfCard(afterInstall)).toContain('IT-supporten (extern avsändare)');
  });
});
