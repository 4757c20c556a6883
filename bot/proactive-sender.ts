import { CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { ConnectorClient, ConnectorClientOptions } from 'botframework-connector';
import { SendError, type MessageSender } from '../src/delivery/message-sender';

interface RestErrorLike {
  statusCode?: number;
  code?: string;
  message: string;
  response?: { headers?: { get(name: string): string | undefined }; bodyAsText?: string | null };
}

// The shapes of ConnectorClientOptions.httpClient (the HttpClient of @azure/core-http-compat), taken from botbuilder's own types.
type ConnectorHttpClient = NonNullable<ConnectorClientOptions['httpClient']>;
type ConnectorRequest = Parameters<ConnectorHttpClient['sendRequest']>[0];
type ConnectorResponse = Awaited<ReturnType<ConnectorHttpClient['sendRequest']>>;
type ConnectorHeaders = ConnectorResponse['headers'];

/**
 * One HTTP exchange that did not succeed: an answer of 400 or more, or no answer at all (status
 * undefined). Deliberately not a RestError: the connector client's retry policy retries only
 * RestErrors and the responses it is handed, so a failure reported this way reaches the delivery
 * service after exactly one request.
 */
export class ConnectorAttemptError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | undefined,
    readonly code: string | undefined,
    readonly retryAfter: string | undefined,
    readonly bodyAsText: string | undefined,
  ) {
    super(message);
    this.name = 'ConnectorAttemptError';
  }
}

/**
 * The connector client options for proactive sends: botbuilder's supported `httpClient` option,
 * set to a transport that makes exactly one HTTP request per call and reports every failure as a
 * ConnectorAttemptError instead of a response. botbuilder 4.23 does not pass `noRetryPolicy` or
 * `retryOptions` on to its pipeline (both are ignored), so this is where retries are turned off:
 * the delivery service alone decides whether to send again. Give these options only to the
 * adapter that sends proactively — replies within a turn keep the SDK's retries.
 */
export function singleAttemptConnectorOptions(): ConnectorClientOptions {
  return { httpClient: new SingleAttemptHttpClient() };
}

class SingleAttemptHttpClient implements ConnectorHttpClient {
  async sendRequest(request: ConnectorRequest): Promise<ConnectorResponse> {
    if (request.body !== undefined && request.body !== null && typeof request.body !== 'string') {
      throw new ConnectorAttemptError('endast JSON-texter kan skickas till Bot Connector', undefined, 'UNSUPPORTED_BODY', undefined, undefined);
    }
    const signals = [request.abortSignal, request.timeout > 0 ? AbortSignal.timeout(request.timeout) : undefined].filter((s): s is AbortSignal => s !== undefined);
    let answer: Response;
    try {
      answer = await fetch(request.url, {
        method: request.method,
        headers: request.headers.headersArray().map((h): [string, string] => [h.name, h.value]),
        ...(request.body !== undefined && request.body !== null ? { body: request.body as string } : {}),
        // A redirect is the pipeline's to follow (its redirect policy), not the transport's.
        redirect: 'manual',
        ...(signals.length ? { signal: signals.length === 1 ? signals[0] : AbortSignal.any(signals) } : {}),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new ConnectorAttemptError(
        `ingen förbindelse med Bot Connector: ${cause?.message ?? (err as Error).message}`,
        undefined,
        cause?.code ?? (err as { name?: string }).name ?? 'REQUEST_SEND_ERROR',
        undefined,
        undefined,
      );
    }
    const bodyAsText = await answer.text().catch(() => '');
    if (answer.status >= 400) {
      throw new ConnectorAttemptError(
        `Bot Connector svarade ${answer.status}`,
        answer.status,
        undefined,
        answer.headers.get('retry-after') ?? undefined,
        bodyAsText,
      );
    }
    return { request, status: answer.status, headers: new ResponseHeaders(answer.headers), bodyAsText };
  }
}

/** The response headers in the shape the connector client reads (HttpHeadersLike). */
class ResponseHeaders implements ConnectorHeaders {
  private readonly map = new Map<string, { name: string; value: string }>();
  constructor(headers?: Iterable<[string, string]>) {
    for (const [name, value] of headers ?? []) this.set(name, value);
  }
  set(name: string, value: string | number): void {
    this.map.set(name.toLowerCase(), { name, value: String(value) });
  }
  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase())?.value;
  }
  contains(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  remove(name: string): boolean {
    return this.map.delete(name.toLowerCase());
  }
  rawHeaders(): Record<string, string> {
    return this.toJson();
  }
  headersArray(): { name: string; value: string }[] {
    return [...this.map.values()].map((h) => ({ ...h }));
  }
  headerNames(): string[] {
    return [...this.map.values()].map((h) => h.name);
  }
  headerValues(): string[] {
    return [...this.map.values()].map((h) => h.value);
  }
  clone(): ResponseHeaders {
    return new ResponseHeaders(this.headersArray().map((h): [string, string] => [h.name, h.value]));
  }
  toJson(options: { preserveCase?: boolean } = {}): Record<string, string> {
    return Object.fromEntries([...this.map.entries()].map(([key, h]) => [options.preserveCase ? h.name : key, h.value]));
  }
}

/**
 * Sends proactive messages with botbuilder: continueConversationAsync, then the Bot Connector's
 * sendToConversation on the turn's ConnectorClient. The adapter must be one whose connector
 * clients were made with singleAttemptConnectorOptions() (createBotAdapter(...).proactive), so
 * that each send is one HTTP request and the delivery service alone decides about retries: the
 * SDK would otherwise repeat a send whose answer was lost and the person would get it twice.
 */
export class BotConnectorSender implements MessageSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
  ) {}

  async send(reference: Record<string, unknown>, activity: Record<string, unknown>): Promise<string | undefined> {
    const ref = reference as Partial<ConversationReference>;
    let activityId: string | undefined;
    let failure: unknown;
    // Errors are caught inside the turn: the adapter would otherwise hand them to onTurnError and report success.
    await this.adapter.continueConversationAsync(this.botAppId, ref, async (context: TurnContext) => {
      try {
        const connector = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
        const response = await connector.conversations.sendToConversation(ref.conversation!.id, {
          type: 'message',
          ...activity,
          from: ref.bot,
          recipient: ref.user,
          conversation: ref.conversation,
          channelId: ref.channelId,
          serviceUrl: ref.serviceUrl,
        } as never);
        activityId = response.id;
      } catch (err) {
        failure = err;
      }
    });
    if (failure) throw toSendError(failure);
    return activityId;
  }
}

function toSendError(failure: unknown): SendError {
  const err = failure as RestErrorLike;
  const attempt = failure instanceof ConnectorAttemptError ? failure : undefined;
  const retryAfter = attempt ? attempt.retryAfter : err.response?.headers?.get('retry-after');
  const bodyAsText = attempt ? attempt.bodyAsText : err.response?.bodyAsText;
  const status = attempt ? attempt.statusCode : err.statusCode;
  let code = err.code;
  try {
    const body = bodyAsText ? (JSON.parse(bodyAsText) as { error?: { code?: string } }) : undefined;
    code = body?.error?.code ?? code;
  } catch {
    // not JSON: keep the transport's code
  }
  return new SendError(err.message, status, code, retryAfter !== undefined && retryAfter !== null && retryAfter !== '' ? Number(retryAfter) : undefined);
}
