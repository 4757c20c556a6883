import { CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { SendError, type MessageSender } from '../src/delivery/message-sender';

interface RestErrorLike {
  statusCode?: number;
  code?: string;
  message: string;
  response?: { headers?: { get(name: string): string | undefined }; bodyAsText?: string | null };
}

/**
 * Sends proactive messages with botbuilder: continueConversationAsync, then the Bot Connector's
 * sendToConversation on the turn's ConnectorClient. The client's own retry policy is removed for
 * these sends, so that the delivery service alone decides about retries: the SDK would otherwise
 * repeat a send whose answer was lost and the person would get it twice.
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
        (connector as unknown as { client?: { pipeline?: { removePolicy(p: { name: string }): void } } }).client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
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
    if (failure) throw toSendError(failure as RestErrorLike);
    return activityId;
  }
}

function toSendError(err: RestErrorLike): SendError {
  const retryAfter = err.response?.headers?.get('retry-after');
  let code = err.code;
  try {
    const body = err.response?.bodyAsText ? (JSON.parse(err.response.bodyAsText) as { error?: { code?: string } }) : undefined;
    code = body?.error?.code ?? code;
  } catch {
    // not JSON: keep the transport's code
  }
  return new SendError(err.message, err.statusCode, code, retryAfter !== undefined && retryAfter !== '' ? Number(retryAfter) : undefined);
}
