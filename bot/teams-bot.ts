import { TeamsActivityHandler, TurnContext } from 'botbuilder';
import type { ConversationRecord } from '../src/ops/conversation-record';
import type { BotDeps } from './bot-deps';
import { unknownTextFlow } from './flows/pointer-flows';
import { turnFrom } from './flows/turn';
import { welcomeFlow } from './flows/welcome-flow';
import { CARD_VERBS, routeText } from './routes';

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
      const verb = (context.activity.value as { verb?: unknown } | undefined)?.verb;
      if (typeof verb === 'string') {
        const flow = CARD_VERBS[verb];
        deps.logger.info({ verb, known: Boolean(flow) }, 'kortåtgärd');
        await (flow ?? unknownTextFlow)(turn);
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
