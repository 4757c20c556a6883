import { TeamsActivityHandler, TurnContext, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue } from 'botbuilder';
import { t } from '../src/i18n/texts';
import type { ConversationRecord } from '../src/ops/conversation-record';
import type { BotDeps } from './bot-deps';
import { unknownTextFlow } from './flows/pointer-flows';
import { turnFrom } from './flows/turn';
import { welcomeFlow } from './flows/welcome-flow';
import { CARD_ACTIONS, CARD_VERBS, routeText, sendReply } from './routes';

/** A text instead of a card: the protocol allows it, botbuilder's type only knows the card form. */
function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } as unknown as AdaptiveCardInvokeResponse;
}

function conversationTypeOf(context: TurnContext): ConversationRecord['conversationType'] {
  const type = context.activity.conversation.conversationType;
  return type === 'channel' || type === 'groupChat' ? type : 'personal';
}

/** The Teams bot: thin on purpose. It turns activities into flows and remembers where it can write later. */
export class InfosakBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();

    this.onMessage(async (context, next) => {
      await this.rememberConversation(context);
      const turn = turnFrom(context, deps);
      const value = context.activity.value as Record<string, unknown> | undefined;
      const verb = value?.verb;
      if (typeof verb === 'string') {
        // Action.Submit: the same verbs as Action.Execute, answered with a new message.
        const action = CARD_ACTIONS[verb];
        const flow = CARD_VERBS[verb];
        deps.logger.info({ verb, known: Boolean(action ?? flow) }, 'kortåtgärd');
        if (action) await sendReply(turn, await action(turn, value!));
        else await (flow ?? unknownTextFlow)(turn);
      } else {
        const route = routeText(turn.text);
        deps.logger.info({ route: route?.name ?? 'okänd' }, 'meddelande');
        await (route?.flow ?? unknownTextFlow)(turn);
      }
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.rememberConversation(context);
      await welcomeFlow(turnFrom(context, deps));
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      if (context.activity.membersAdded?.some((m) => m.id === botId)) {
        await this.rememberConversation(context);
        await welcomeFlow(turnFrom(context, deps));
      }
      await next();
    });
  }

  /** Universal Actions (Action.Execute): the answer is a card that replaces the one acted on, for everyone who sees it. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    await this.rememberConversation(context);
    const turn = turnFrom(context, this.deps);
    const verb = invokeValue.action?.verb ?? '';
    const action = CARD_ACTIONS[verb];
    this.deps.logger.info({ verb, known: Boolean(action) }, 'kortåtgärd (Execute)');
    if (!action) return messageResponse(t(turn.locale, 'unknown.empty'));
    const data = (invokeValue.action.data ?? {}) as Record<string, unknown>;
    const reply = await action(turn, data);
    return 'card' in reply
      ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: reply.card }
      : messageResponse(reply.text);
  }

  /** Keeps the conversation reference (tenant, serviceUrl, person) for proactive messages. */
  private async rememberConversation(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const tenantId = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? activity.conversation.tenantId;
    if (!tenantId || !activity.serviceUrl) return;
    const type = conversationTypeOf(context);
    const reference = TurnContext.getConversationReference(activity) as Record<string, unknown>;
    await this.deps.ops.conversations.remember({
      conversationId: activity.conversation.id,
      ...(type === 'personal' && activity.from?.aadObjectId ? { personId: activity.from.aadObjectId } : {}),
      tenantId,
      serviceUrl: activity.serviceUrl,
      conversationType: type,
      reference,
      updatedAt: this.deps.clock.now().toISOString(),
    });
  }
}
