import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedClock } from '../../src/clock/clock';
import { DEMO_PEOPLE, demoPersonByPersona, type DemoPerson } from '../../src/demo/demo-organisation';
import type { OutboundMessage } from '../../src/ops/outbox-types';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { startTestApp, postActivity } from '../support/app-harness';
import { conversationIdOf, deliveryService, recipientId, rememberRecipients } from '../support/delivery-harness';
import { cardsIn, FakeBotConnector, textOfCard } from '../support/fake-bot-connector';
import { validForm } from '../support/incident-forms';
import { executeActivity, installationUpdateActivity, messageActivity } from '../support/teams-activities';

const person = (persona: string): DemoPerson => demoPersonByPersona(persona)!;

/** One message as a notifier would enqueue it, to recipient n of the delivery harness. */
const messageTo = (n: number, campaignId: string, text = `Till nummer ${n}`): OutboundMessage => ({
  key: `${campaignId}:${recipientId(n)}`,
  campaignId,
  personId: recipientId(n),
  activity: { type: 'message', text },
});

describe('an incident notification that found no chat is sent when the person reaches the bot', () => {
  const connector = new FakeBotConnector();
  beforeAll(() => connector.start());
  afterAll(() => connector.stop());
  beforeEach(() => connector.reset());

  describe('through the whole app', () => {
    let app: Awaited<ReturnType<typeof startTestApp>>;
    // 10:00 on 10 February 2026 in Stockholm; the clock is moved on 20 days during the test.
    const clock = fixedClock('2026-02-10T09:00:00Z');
    const sara = person('samordnare'); // coordinator of SN: told of every SN incident, and has not installed the app
    const anna = person('medarbetare');
    let recent = '';

    beforeAll(async () => {
      app = await startTestApp({ RESEND_UNREACHED_DAYS: '14' }, { clock });
      const installed = DEMO_PEOPLE.filter((p) => p.id !== sara.id);
      for (const p of installed) await postActivity(app.url, installationUpdateActivity(p, connector.url));
      await connector.waitForActivities(installed.length);
    });
    afterAll(() => app.stop());

    const report = async (form: Record<string, unknown>) => {
      const res = await postActivity(app.url, executeActivity(anna, connector.url, 'incident.submit', form));
      const reference = /INC-2026-\d{4}/.exec(textOfCard(((await res.json()) as { value: unknown }).value))![0];
      await app.tasks.runDue();
      await app.delivery.drained();
      return reference;
    };
    const statusOf = async (key: string) => (await app.delivery.messageStatus(key))?.status;
    /** What reached Sara's chat on the app's own initiative (answers to her carry replyToId). */
    const proactiveToSara = () => connector.received.filter((r) => r.conversationId === `a:personal-${sara.persona}` && !r.replyToId);

    it('sends the incident card once after she installs the app, and nothing older, nothing else', async () => {
      const old = await report(validForm({ discoveredDate: '2026-02-10', occurredDate: '2026-02-10' }));
      clock.set('2026-03-02T09:00:00Z');
      recent = await report(validForm());
      const oldKey = `incident:${old}:new:${sara.id}`;
      const recentKey = `incident:${recent}:new:${sara.id}`;
      // Other messages that did not reach her either: a learning card and a deadline reminder.
      await app.delivery.enqueue([
        { key: `learning:testkampanj:${sara.id}`, campaignId: 'learning:testkampanj', personId: sara.id, activity: { type: 'message', text: 'Dags för en utbildning' } },
        { key: `deadline:${recent}:imy:24:${sara.id}`, campaignId: `deadline:${recent}`, personId: sara.id, activity: { type: 'message', text: 'Påminnelse om tidsfrist' } },
      ]);
      await app.delivery.drained();
      expect(await statusOf(oldKey)).toBe('AppNotInstalled');
      expect(await statusOf(recentKey)).toBe('AppNotInstalled');
      expect(proactiveToSara()).toHaveLength(0);

      await postActivity(app.url, installationUpdateActivity(sara, connector.url));
      await app.delivery.drained();

      const cards = cardsIn(proactiveToSara());
      expect(cards).toHaveLength(1);
      expect(textOfCard(cards[0])).toContain(recent);
      expect(await app.delivery.messageStatus(recentKey)).toMatchObject({ status: 'Sent', attempts: 1 });
      // Enqueued 20 days ago, beyond RESEND_UNREACHED_DAYS=14.
      expect(await statusOf(oldKey)).toBe('AppNotInstalled');
      expect(await statusOf(`learning:testkampanj:${sara.id}`)).toBe('AppNotInstalled');
      expect(await statusOf(`deadline:${recent}:imy:24:${sara.id}`)).toBe('AppNotInstalled');
    });

    it('does not send it again when she writes twice and presses a card button', async () => {
      const answersToSara = () => connector.received.filter((r) => r.conversationId === `a:personal-${sara.persona}` && r.replyToId).length;
      const [proactiveBefore, answersBefore] = [proactiveToSara().length, answersToSara()];
      await postActivity(app.url, messageActivity(sara, connector.url, 'hjälp'));
      await postActivity(app.url, messageActivity(sara, connector.url, 'hjälp'));
      const refreshed = await postActivity(app.url, executeActivity(sara, connector.url, 'incident.refresh', { reference: recent }));
      expect(refreshed.status).toBe(200);
      await app.delivery.drained();
      expect(answersToSara()).toBe(answersBefore + 2);
      expect(proactiveToSara()).toHaveLength(proactiveBefore);
      expect(await statusOf(`incident:${recent}:new:${sara.id}`)).toBe('Sent');
    });

    it('sends an incident card that arrives after she installed the app at once, and only once', async () => {
      const reference = await report(validForm());
      await postActivity(app.url, messageActivity(sara, connector.url, 'hjälp'));
      await app.delivery.drained();
      expect(cardsIn(proactiveToSara()).filter((c) => textOfCard(c).includes(reference))).toHaveLength(1);
      expect(await statusOf(`incident:${reference}:new:${sara.id}`)).toBe('Sent');
    });
  });

  describe('in the delivery service', () => {
    let ops: SqliteOperationalStore;
    beforeEach(() => {
      ops = SqliteOperationalStore.inMemory();
    });
    afterEach(() => ops.close());

    it('sends a message that ended RecipientNotFound again once the person writes, and only once', async () => {
      await rememberRecipients(ops, connector.url, 1);
      connector.failNext(404);
      const delivery = deliveryService(ops);
      await delivery.start();
      try {
        await delivery.enqueue([messageTo(0, 'incident:INC-2026-0100')]);
        await delivery.drained();
        expect((await ops.outbox.messagesOf('incident:INC-2026-0100'))[0]).toMatchObject({ status: 'RecipientNotFound' });

        expect(await delivery.resendUnreached(recipientId(0))).toBe(1);
        await delivery.drained();
        expect(await delivery.resendUnreached(recipientId(0))).toBe(0);
        await delivery.drained();
        expect(connector.received.map((r) => r.activity.text)).toEqual(['Till nummer 0']);
        expect((await ops.outbox.messagesOf('incident:INC-2026-0100'))[0]).toMatchObject({ status: 'Sent', attempts: 1 });
      } finally {
        await delivery.stop();
      }
    });

    it('resends nothing Blocked, Failed or Sent, and nothing at all with RESEND_UNREACHED_DAYS=0', async () => {
      await rememberRecipients(ops, connector.url, 1);
      connector.failNext(403, 500);
      const delivery = deliveryService(ops, { concurrency: 1, maxAttempts: 1 });
      await delivery.start();
      try {
        await delivery.enqueue(['blocked', 'failed', 'sent'].map((c) => messageTo(0, `incident:${c}`)));
        await delivery.drained();
        expect(await delivery.resendUnreached(recipientId(0))).toBe(0);
        await delivery.drained();
        expect(connector.received).toHaveLength(1);
      } finally {
        await delivery.stop();
      }

      const off = deliveryService(ops, { resendUnreachedDays: 0 });
      await off.enqueue([messageTo(1, 'incident:INC-2026-0101')]);
      await off.start();
      try {
        await off.drained();
        await rememberRecipients(ops, connector.url, 1, 1);
        expect(await off.resendUnreached(recipientId(1))).toBe(0);
        expect((await ops.outbox.messagesOf('incident:INC-2026-0101'))[0]).toMatchObject({ status: 'AppNotInstalled' });
      } finally {
        await off.stop();
      }
    });

    it('sends once when the app is installed between the look-up of the chat and the AppNotInstalled mark', async () => {
      const delivery = deliveryService(ops, { concurrency: 1 });
      const conversations = ops.conversations;
      const lookUp = conversations.personalChatOf.bind(conversations);
      let requeuedMeanwhile: number | undefined;
      conversations.personalChatOf = async (personId) => {
        if (requeuedMeanwhile !== undefined) return lookUp(personId);
        // The delivery has looked and found no chat; now the person installs the app and the bot asks for a resend.
        await rememberRecipients(ops, connector.url, 1);
        requeuedMeanwhile = await delivery.resendUnreached(personId);
        return undefined;
      };
      await delivery.enqueue([messageTo(0, 'incident:INC-2026-0102')]);
      await delivery.start();
      try {
        await connector.waitForActivities(1);
        await delivery.drained();
        expect(requeuedMeanwhile).toBe(0); // the message was still Sending
        expect(connector.received).toHaveLength(1);
        expect((await ops.outbox.messagesOf('incident:INC-2026-0102'))[0]).toMatchObject({ status: 'Sent', attempts: 1 });
      } finally {
        await delivery.stop();
      }
    });
  });

  it('sends once when two instances requeue at the same time', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'infosak-resend-'));
    const [first, second] = [SqliteOperationalStore.open(dataDir), SqliteOperationalStore.open(dataDir)];
    const [a, b] = [deliveryService(first!), deliveryService(second!)];
    try {
      await a.enqueue([messageTo(0, 'incident:INC-2026-0103', 'Första'), messageTo(0, 'incident:INC-2026-0104', 'Andra')]);
      await a.start();
      await b.start();
      await a.drained();
      expect(connector.received).toHaveLength(0);

      await rememberRecipients(first!, connector.url, 1);
      const requeued = await Promise.all([a.resendUnreached(recipientId(0)), b.resendUnreached(recipientId(0)), a.resendUnreached(recipientId(0))]);
      expect(requeued.reduce((n, r) => n + r, 0)).toBe(2);
      await Promise.all([a.drained(), b.drained()]);
      expect(await b.resendUnreached(recipientId(0))).toBe(0);
      await Promise.all([a.drained(), b.drained()]);
      expect(connector.requestsTo(conversationIdOf(0))).toHaveLength(2);
      expect(connector.received.map((r) => r.activity.text).sort()).toEqual(['Andra', 'Första']);
    } finally {
      await a.stop();
      await b.stop();
      await first!.close();
      await second!.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
