import { DEMO_TENANT_ID } from '../../src/demo/demo-organisation';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { broadcast, conversationIdOf, deliveryService, recipientId, rememberRecipients } from '../support/delivery-harness';
import { FakeBotConnector } from '../support/fake-bot-connector';

describe('proactive delivery through the Bot Connector', () => {
  const connector = new FakeBotConnector();
  let ops: SqliteOperationalStore;
  beforeAll(() => connector.start());
  afterAll(() => connector.stop());
  beforeEach(() => {
    connector.reset();
    ops = SqliteOperationalStore.inMemory();
  });
  afterEach(() => ops.close());

  it('delivers a broadcast once to each person, and a repeated enqueue sends nothing more', async () => {
    await rememberRecipients(ops, connector.url, 40);
    const delivery = deliveryService(ops);
    await delivery.start();
    try {
      expect(await delivery.enqueue(broadcast('c1', 40))).toEqual({ queued: 40, alreadyKnown: 0 });
      expect(await delivery.enqueue(broadcast('c1', 40))).toEqual({ queued: 0, alreadyKnown: 40 });
      await delivery.drained();
      const counts = connector.countsByConversation();
      expect(counts.size).toBe(40);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      expect(connector.received.find((r) => r.conversationId === conversationIdOf(7))!.activity.text).toBe('Hej nummer 7');
      expect(await delivery.campaignStatus('c1')).toMatchObject({ total: 40, Sent: 40, Queued: 0, Failed: 0 });
      const one = await delivery.messageStatus(`test:c1:${recipientId(7)}`);
      expect(one).toMatchObject({ status: 'Sent', attempts: 1 });
      expect(one!.activityId).toMatch(/^activity-/);
    } finally {
      await delivery.stop();
    }
  });

  it('marks a person without the app as AppNotInstalled, visible in the campaign', async () => {
    await rememberRecipients(ops, connector.url, 3);
    const delivery = deliveryService(ops);
    await delivery.start();
    try {
      await delivery.enqueue(broadcast('c2', 5));
      await delivery.drained();
      expect(await delivery.campaignStatus('c2')).toMatchObject({ total: 5, Sent: 3, AppNotInstalled: 2 });
      expect((await delivery.messageStatus(`test:c2:${recipientId(4)}`))!.lastError).toContain('inte installerad');
      expect(connector.received).toHaveLength(3);
    } finally {
      await delivery.stop();
    }
  });

  it('retries 429, 412, 502, 503, 504 and a refused connection, and delivers once', async () => {
    await rememberRecipients(ops, connector.url, 6);
    connector.failNext(429, 412, 502, 503, 504, 'drop-before');
    const delivery = deliveryService(ops);
    await delivery.start();
    try {
      await delivery.enqueue(broadcast('c3', 6));
      await delivery.drained();
      expect(connector.faulted).toBe(6);
      expect([...connector.countsByConversation().values()]).toEqual([1, 1, 1, 1, 1, 1]);
      const messages = await ops.outbox.messagesOf('c3');
      expect(messages.every((m) => m.status === 'Sent')).toBe(true);
      expect(messages.reduce((n, m) => n + m.attempts, 0)).toBe(12);
    } finally {
      await delivery.stop();
    }
  });

  it('ends 403 as Blocked and 404 as RecipientNotFound without retrying', async () => {
    await rememberRecipients(ops, connector.url, 2);
    connector.failNext(403, 404);
    const delivery = deliveryService(ops, { concurrency: 1 });
    await delivery.start();
    try {
      await delivery.enqueue(broadcast('c4', 2));
      await delivery.drained();
      const [first, second] = await ops.outbox.messagesOf('c4');
      expect(first).toMatchObject({ status: 'Blocked', attempts: 1 });
      expect(first!.lastError).toContain('MessageWritesBlocked');
      expect(second).toMatchObject({ status: 'RecipientNotFound', attempts: 1 });
      expect(connector.received).toHaveLength(0);
    } finally {
      await delivery.stop();
    }
  });

  it('gives up after the configured attempts and keeps the last error', async () => {
    await rememberRecipients(ops, connector.url, 1);
    connector.failNext(503, 503, 503);
    const delivery = deliveryService(ops, { maxAttempts: 3 });
    await delivery.start();
    try {
      await delivery.enqueue(broadcast('c5', 1));
      await delivery.drained();
      const [message] = await ops.outbox.messagesOf('c5');
      expect(message).toMatchObject({ status: 'Failed', attempts: 3 });
      expect(message!.lastError).toContain('503');
      expect(await delivery.campaignStatus('c5')).toMatchObject({ Failed: 1 });
    } finally {
      await delivery.stop();
    }
  });

  it('errs towards sending again when an answer is lost after the message arrived', async () => {
    await rememberRecipients(ops, connector.url, 1);
    connector.failNext('drop');
    const delivery = deliveryService(ops);
    await delivery.start();
    try {
      await delivery.enqueue(broadcast('c6', 1));
      await delivery.drained();
      expect(connector.received).toHaveLength(2);
      expect((await ops.outbox.messagesOf('c6'))[0]).toMatchObject({ status: 'Sent', attempts: 2 });
    } finally {
      await delivery.stop();
    }
  });

  it('stays within the per-conversation limits (7/1 s, 8/2 s) without being throttled', async () => {
    connector.configure({ enforceLimits: true });
    await rememberRecipients(ops, connector.url, 1);
    const delivery = deliveryService(ops);
    await delivery.start();
    try {
      const messages = Array.from({ length: 12 }, (_, i) => ({ ...broadcast('c7', 1)[0]!, key: `c7:${i}`, activity: { type: 'message', text: `${i}` } }));
      const started = Date.now();
      await delivery.enqueue(messages);
      await delivery.drained();
      expect(connector.received).toHaveLength(12);
      expect(connector.throttled).toBe(0);
      // 12 messages in one chat need at least three two-second windows of 8: more than 2 s in all.
      expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    } finally {
      await delivery.stop();
    }
  }, 15_000);

  it('slows every sender when the service answers 429, and still delivers each message once', async () => {
    connector.configure({ enforceLimits: true, limits: { perTenant: [{ limit: 10, windowMs: 1000 }], perConversation: [{ limit: 7, windowMs: 1000 }] } });
    await rememberRecipients(ops, connector.url, 40);
    // The sender believes in 30/s while the service allows 10/s.
    const delivery = deliveryService(ops, { concurrency: 8 });
    await delivery.start();
    try {
      await delivery.enqueue(broadcast('c8', 40));
      await delivery.drained();
      expect(connector.throttled).toBeGreaterThan(0);
      expect(delivery.throttledCount).toBe(connector.throttled);
      expect([...connector.countsByConversation().values()].every((n) => n === 1)).toBe(true);
      expect(connector.countsByConversation().size).toBe(40);
    } finally {
      await delivery.stop();
    }
  }, 20_000);

  it('keeps more sends in flight when the Bot Connector answers slowly, instead of a fixed eight', async () => {
    // 400–500 ms an answer: eight in flight would cap the rate at 16–20 a second, under the tenant's 30.
    connector.configure({ latencyMs: 400, latencyMaxMs: 500 });
    await rememberRecipients(ops, connector.url, 90);
    const delivery = deliveryService(ops, { tenantCeiling: [{ limit: 30, windowMs: 1000 }] });
    await delivery.start();
    try {
      await delivery.enqueue(broadcast('c9', 90));
      await delivery.drained();
      expect(connector.peakUnanswered).toBeGreaterThan(8);
      expect(delivery.concurrency.latencyMs).toBeGreaterThanOrEqual(400);
      expect([...connector.countsByConversation().values()].every((n) => n === 1)).toBe(true);
      expect(connector.countsByConversation().size).toBe(90);
    } finally {
      await delivery.stop();
    }
  }, 20_000);

  it('probes above the configured 30 a second when the service allows 50, and delivers each message once', async () => {
    connector.configure({ enforceLimits: true, limits: { perTenant: [{ limit: 50, windowMs: 1000 }], perConversation: [{ limit: 7, windowMs: 1000 }] } });
    await rememberRecipients(ops, connector.url, 120);
    const delivery = deliveryService(ops);
    await delivery.start();
    try {
      await delivery.enqueue(broadcast('c10', 120));
      await delivery.drained();
      // One clean window at 30 a second is enough for the first step up.
      expect(delivery.pacerOf(DEMO_TENANT_ID).throttle.allowedPerSecond).toBeGreaterThan(30);
      expect(delivery.pacerOf(DEMO_TENANT_ID).throttle.allowedPerSecond).toBeLessThanOrEqual(50);
      expect([...connector.countsByConversation().values()].every((n) => n === 1)).toBe(true);
      expect(connector.countsByConversation().size).toBe(120);
    } finally {
      await delivery.stop();
    }
  }, 20_000);
});
