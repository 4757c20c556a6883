import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { broadcast, conversationIdOf, deliveryService, rememberRecipients } from '../support/delivery-harness';
import { FakeBotConnector, type ConnectorFault } from '../support/fake-bot-connector';

/**
 * The delivery service alone decides whether to send again: each of its attempts is exactly one
 * HTTP request to the Bot Connector. botbuilder's connector client would otherwise retry 429 (after
 * Retry-After), 5xx and lost connections on its own, inside one attempt — and a send whose answer
 * was lost would reach the person twice without the outbox knowing.
 */
describe('proactive sends are single HTTP requests; retries are the delivery service’s', () => {
  const connector = new FakeBotConnector();
  let ops: SqliteOperationalStore;
  beforeAll(() => connector.start());
  afterAll(() => connector.stop());
  beforeEach(() => {
    connector.reset();
    connector.configure({ faultRetryAfterSeconds: 0.05 });
    ops = SqliteOperationalStore.inMemory();
  });
  afterEach(() => ops.close());

  it('answers a 429 with one request, and the delivery service sends again after Retry-After', async () => {
    connector.configure({ faultRetryAfterSeconds: 0.3 });
    await rememberRecipients(ops, connector.url, 1);
    connector.failNext(429);
    const delivery = deliveryService(ops);
    await delivery.start();
    try {
      await delivery.enqueue(broadcast('throttled', 1));
      await delivery.drained();
      const [message] = await ops.outbox.messagesOf('throttled');
      const requests = connector.requestsTo(conversationIdOf(0));
      // One request for the attempt that was throttled, one for the delivery service's retry.
      expect(requests.map((r) => r.answer)).toEqual([429, 201]);
      expect(message).toMatchObject({ status: 'Sent', attempts: 2 });
      expect(delivery.throttledCount).toBe(1);
      expect(requests[1]!.at - requests[0]!.at).toBeGreaterThanOrEqual(300);
      // The person got it exactly once.
      expect(connector.received).toHaveLength(1);
      expect(connector.received[0]!.activity.text).toBe('Hej nummer 0');
    } finally {
      await delivery.stop();
    }
  });

  it.each<[string, ConnectorFault[], { status: string; attempts: number; received: number }]>([
    ['500 (not retried)', [500], { status: 'Failed', attempts: 1, received: 0 }],
    ['502, 503, 504', [502, 503, 504], { status: 'Sent', attempts: 4, received: 1 }],
    ['a refused connection', ['drop-before'], { status: 'Sent', attempts: 2, received: 1 }],
    ['a lost answer after the message arrived', ['drop'], { status: 'Sent', attempts: 2, received: 2 }],
  ])('makes exactly one HTTP request per delivery attempt on %s', async (_name, faults, expected) => {
    await rememberRecipients(ops, connector.url, 1);
    connector.failNext(...faults);
    const delivery = deliveryService(ops);
    await delivery.start();
    try {
      await delivery.enqueue(broadcast('faults', 1));
      await delivery.drained();
      const [message] = await ops.outbox.messagesOf('faults');
      expect(message).toMatchObject({ status: expected.status, attempts: expected.attempts });
      const answers = connector.requestsTo(conversationIdOf(0)).map((r) => r.answer);
      expect(answers).toEqual([...faults, ...(expected.status === 'Sent' ? [201] : [])]);
      expect(answers).toHaveLength(message!.attempts);
      expect(connector.received).toHaveLength(expected.received);
    } finally {
      await delivery.stop();
    }
  });
});
