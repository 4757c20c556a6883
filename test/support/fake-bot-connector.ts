import http from 'node:http';
import { listenOnLoopback } from './loopback-server';
import { TEAMS_RATE_LIMITS, type RateLimits } from '../../src/delivery/rate-limits';
import { SlidingWindowLimiter } from '../../src/delivery/sliding-window-limiter';

/**
 * A local stand-in for the Bot Connector service that botbuilder calls to send messages
 * (POST /v3/conversations/{id}/activities[/{replyToId}]) and to open a personal chat
 * (POST /v3/conversations). It records every call so tests can assert what a person would see.
 * With `enforceLimits` it answers 429 with Retry-After as Teams does when a bot exceeds its rate
 * limits (per app per tenant, per conversation), counting arrivals as the service does; it can also
 * answer 5xx/403/404 or drop the connection after recording a message. Answers can be given a
 * latency with jitter (`latencyMs`–`latencyMaxMs`), as the real service's take 150–400 ms.
 */
export type ConnectorFault = 429 | 500 | 502 | 503 | 504 | 403 | 404 | 412 | 'drop' | 'drop-before';

export interface ConnectorOptions {
  enforceLimits: boolean;
  limits: RateLimits;
  /** Added to every answer, in ms: `latencyMs`, or uniformly between it and `latencyMaxMs` when that is larger. */
  latencyMs: number;
  latencyMaxMs: number;
  /** Share (0–1) of sends answered with one of `faults`. */
  faultRate: number;
  faults: ConnectorFault[];
  /** The Retry-After (seconds) sent with an injected 429. */
  faultRetryAfterSeconds: number;
}
export interface ReceivedActivity {
  conversationId: string;
  replyToId?: string;
  activity: Record<string, unknown> & { type?: string; text?: string; attachments?: { contentType: string; content: Record<string, unknown> }[] };
  authorization?: string;
  at: number;
}

/** One HTTP request to send an activity, whatever its answer: lets tests count requests per delivery attempt. */
export interface ActivityRequest {
  conversationId: string;
  /** The status answered, or how the connection was dropped ('drop': after the message was recorded). */
  answer: number | 'drop' | 'drop-before';
  at: number;
}

export interface CreatedConversation {
  body: Record<string, unknown>;
  conversationId: string;
}

const DEFAULT_CONNECTOR_OPTIONS: ConnectorOptions = { enforceLimits: false, limits: TEAMS_RATE_LIMITS, latencyMs: 0, latencyMaxMs: 0, faultRate: 0, faults: [], faultRetryAfterSeconds: 0.05 };

export class FakeBotConnector {
  readonly received: ReceivedActivity[] = [];
  readonly createdConversations: CreatedConversation[] = [];
  /** Every request to send an activity, in order of arrival, including those answered with a fault. */
  readonly requests: ActivityRequest[] = [];
  /** Sends answered 429 because a limit was exceeded. */
  throttled = 0;
  /** Sends answered with an injected fault. */
  faulted = 0;
  /** Messages recorded (the person has them) whose answer has not been written yet: the sender cannot know they arrived. */
  unanswered = 0;
  /** The most messages recorded and not yet answered at any moment: how many sends the sender had in flight. */
  peakUnanswered = 0;
  options: ConnectorOptions = { ...DEFAULT_CONNECTOR_OPTIONS };
  private server?: http.Server;
  private listening?: { port: number; stop(): Promise<void> };
  private waiters: { count: number; resolve: () => void }[] = [];
  private sequence = 0;
  private readonly forced: ConnectorFault[] = [];
  private tenantWindows = new SlidingWindowLimiter(TEAMS_RATE_LIMITS.perTenant);
  private conversationWindows = new SlidingWindowLimiter(TEAMS_RATE_LIMITS.perConversation);

  constructor(options: Partial<ConnectorOptions> = {}) {
    this.configure(options);
  }

  configure(options: Partial<ConnectorOptions>): this {
    this.options = { ...this.options, ...options };
    this.tenantWindows = new SlidingWindowLimiter(this.options.limits.perTenant);
    this.conversationWindows = new SlidingWindowLimiter(this.options.limits.perConversation);
    return this;
  }

  /** The next sends fail in these ways, one each. */
  failNext(...faults: ConnectorFault[]): void {
    this.forced.push(...faults);
  }

  get url(): string {
    if (!this.listening) throw new Error('FakeBotConnector har inte startat');
    return `http://127.0.0.1:${this.listening.port}/`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.listening = await listenOnLoopback(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await this.listening?.stop();
    this.listening = undefined;
  }

  /** Resolves when at least `count` activities have arrived in total, or rejects after `timeoutMs`. */
  async waitForActivities(count: number, timeoutMs = 5000): Promise<ReceivedActivity[]> {
    if (this.received.length < count) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`väntade på ${count} aktiviteter, fick ${this.received.length}`)), timeoutMs);
        this.waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    }
    return this.received;
  }

  reset(): void {
    this.received.length = 0;
    this.createdConversations.length = 0;
    this.requests.length = 0;
    this.throttled = 0;
    this.faulted = 0;
    this.unanswered = 0;
    this.peakUnanswered = 0;
    this.forced.length = 0;
    // Back to the defaults too: a test's limits or latency must not leak into the next test.
    this.options = { ...DEFAULT_CONNECTOR_OPTIONS };
    this.configure({});
  }

  /** The requests to send an activity into one conversation, in order. */
  requestsTo(conversationId: string): ActivityRequest[] {
    return this.requests.filter((r) => r.conversationId === conversationId);
  }

  /** How many activities arrived per conversation. */
  countsByConversation(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of this.received) counts.set(r.conversationId, (counts.get(r.conversationId) ?? 0) + 1);
    return counts;
  }

  /** 429 with Retry-After when this send would exceed a window, as Teams answers; undefined when allowed. */
  private overLimit(tenantId: string, conversationId: string): number | undefined {
    const now = Date.now();
    const waits = [this.tenantWindows.earliest(tenantId, now) - now, this.conversationWindows.earliest(conversationId, now) - now];
    const wait = Math.max(...waits);
    if (wait > 0) return wait;
    this.tenantWindows.book(tenantId, now, now);
    this.conversationWindows.book(conversationId, now, now);
    return undefined;
  }

  private drawFault(): ConnectorFault | undefined {
    const forced = this.forced.shift();
    if (forced !== undefined) return forced;
    if (this.options.faultRate > 0 && Math.random() < this.options.faultRate && this.options.faults.length > 0) {
      return this.options.faults[Math.floor(Math.random() * this.options.faults.length)];
    }
    return undefined;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}, recorded = false) => {
        if (recorded) this.peakUnanswered = Math.max(this.peakUnanswered, ++this.unanswered);
        const write = () => {
          if (recorded) this.unanswered--;
          res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
          res.end(JSON.stringify(payload));
        };
        const { latencyMs, latencyMaxMs } = this.options;
        const latency = latencyMaxMs > latencyMs ? latencyMs + Math.random() * (latencyMaxMs - latencyMs) : latencyMs;
        if (latency > 0) setTimeout(write, latency);
        else write();
      };
      const activityMatch = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname);
      if (req.method === 'POST' && activityMatch) {
        const conversationId = decodeURIComponent(activityMatch[1]!);
        const conversation = body.conversation as { tenantId?: string } | undefined;
        const tenantId = conversation?.tenantId ?? (body.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? 'unknown-tenant';
        const fault = this.drawFault();
        const request: ActivityRequest = { conversationId, answer: 201, at: Date.now() };
        this.requests.push(request);
        if (fault === 'drop-before') {
          request.answer = fault;
          this.faulted++;
          req.socket.destroy();
          return;
        }
        if (typeof fault === 'number') {
          request.answer = fault;
          this.faulted++;
          const codes: Record<number, string> = { 403: 'MessageWritesBlocked', 404: 'ConversationNotFound', 412: 'PreconditionFailed', 429: 'ThrottledRequest' };
          send(fault, { error: { code: codes[fault] ?? 'ServiceError', message: `Injected ${fault}` } }, fault === 429 ? { 'Retry-After': String(this.options.faultRetryAfterSeconds) } : {});
          return;
        }
        if (this.options.enforceLimits) {
          const wait = this.overLimit(tenantId, conversationId);
          if (wait !== undefined) {
            request.answer = 429;
            this.throttled++;
            send(429, { error: { code: 'ThrottledRequest', message: 'Too many requests' } }, { 'Retry-After': String(Math.ceil(wait / 100) / 10) });
            return;
          }
        }
        this.received.push({
          conversationId,
          ...(activityMatch[2] ? { replyToId: decodeURIComponent(activityMatch[2]) } : {}),
          activity: body,
          ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
          at: Date.now(),
        });
        this.waiters = this.waiters.filter((w) => (this.received.length >= w.count ? (w.resolve(), false) : true));
        if (fault === 'drop') {
          // Recorded, so the person has the message; the sender never hears so.
          request.answer = fault;
          this.faulted++;
          req.socket.destroy();
          return;
        }
        send(201, { id: `activity-${++this.sequence}` }, {}, true);
        return;
      }
      if (req.method === 'POST' && url.pathname === '/v3/conversations') {
        const conversationId = `a:personal-${++this.sequence}`;
        this.createdConversations.push({ body, conversationId });
        send(201, { id: conversationId, activityId: `activity-${this.sequence}` });
        return;
      }
      send(404, { error: { code: 'NotFound', message: `${req.method} ${url.pathname} stöds inte` } });
    });
  }
}

/** The Adaptive Cards among what arrived, in order. */
export function cardsIn(received: ReceivedActivity[]): Record<string, unknown>[] {
  return received.flatMap((r) =>
    (r.activity.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content),
  );
}

/** All text a person would read in a card, flattened, for assertions. */
export function textOfCard(card: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'string' && ['text', 'title', 'value', 'label', 'placeholder'].includes(key)) texts.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return texts.join('\n');
}
