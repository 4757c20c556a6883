import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Bot Connector service that botbuilder calls to send messages
 * (POST /v3/conversations/{id}/activities[/{replyToId}]) and to open a personal chat
 * (POST /v3/conversations). It records every call so tests can assert what a person would see.
 */
export interface ReceivedActivity {
  conversationId: string;
  replyToId?: string;
  activity: Record<string, unknown> & { type?: string; text?: string; attachments?: { contentType: string; content: Record<string, unknown> }[] };
  authorization?: string;
  at: number;
}

export interface CreatedConversation {
  body: Record<string, unknown>;
  conversationId: string;
}

export class FakeBotConnector {
  readonly received: ReceivedActivity[] = [];
  readonly createdConversations: CreatedConversation[] = [];
  private server?: http.Server;
  private waiters: { count: number; resolve: () => void }[] = [];
  private sequence = 0;

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('FakeBotConnector har inte startat');
    return `http://127.0.0.1:${address.port}/`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
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
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      const activityMatch = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname);
      if (req.method === 'POST' && activityMatch) {
        const conversationId = decodeURIComponent(activityMatch[1]!);
        this.received.push({
          conversationId,
          ...(activityMatch[2] ? { replyToId: decodeURIComponent(activityMatch[2]) } : {}),
          activity: body,
          ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
          at: Date.now(),
        });
        this.waiters = this.waiters.filter((w) => (this.received.length >= w.count ? (w.resolve(), false) : true));
        send(201, { id: `activity-${++this.sequence}` });
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
