import {
  CardFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
} from 'botbuilder';
import { localeFrom, t } from '../src/i18n/texts';
import type { ConversationRecord } from '../src/ops/conversation-record';
import { cardAttachment } from './cards/card-templates';
import type { BotDeps } from './flows/bot-deps';
import type { Flow, FlowInput, Reply, Who } from './flows/flow';
import { unknownTextFlow } from './flows/pointer-flows';
import { openReportDialog, REPORT_MESSAGE_COMMAND, submitReportDialog, type DialogAnswer } from './flows/report-message-flows';
import { welcomeFlow } from './flows/welcome-flow';
import { messageFromPayload } from './message-payload';
import { cardActionFor, routeText } from './routes';

/** A text instead of a card: the protocol allows it, botbuilder's type only knows the card form. */
function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } as unknown as AdaptiveCardInvokeResponse;
}

function conversationTypeOf(context: TurnContext): ConversationRecord['conversationType'] {
  const type = context.activity.conversation.conversationType;
  return type === 'channel' || type === 'groupChat' ? type : 'personal';
}

function stripMentions(text: string, botName: string | undefined): string {
  let result = text.replace(/<at>[^<]*<\/at>/g, ' ');
  if (botName) result = result.split(`@${botName}`).join(' ');
  return result.replace(/\s+/g, ' ').trim();
}

/** A dialog's answer as Teams takes it: the card in the dialog (task continue), or a short message in its place. */
function dialogResponse(answer: DialogAnswer): MessagingExtensionActionResponse {
  if (answer.kind === 'message') return { task: { type: 'message', value: answer.text } };
  return { task: { type: 'continue', value: { title: answer.title, width: 'large', height: 'large', card: CardFactory.adaptiveCard(answer.card) } } };
}

/** A reply as a message activity: a card is sent as a new message wherever it is not the answer to a card action. */
function activityOf(reply: Reply) {
  return reply.kind === 'text' ? { type: 'message', text: reply.text } : { type: 'message', attachments: [cardAttachment(reply.card)] };
}

/**
 * The Teams bot, and the only place that knows botbuilder's turn: it turns an activity into (who,
 * what was said or pressed), runs the flow, and turns the replies into activities. It also
 * remembers where it can write later.
 */
export class InfosakBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();

    this.onMessage(async (context, next) => {
      await this.rememberConversation(context);
      const value = context.activity.value as Record<string, unknown> | undefined;
      const text = stripMentions(context.activity.text ?? '', context.activity.recipient?.name);
      let flow: Flow;
      if (value && typeof value.verb === 'string') {
        // Action.Submit: the same verbs as Action.Execute, answered with a new message.
        const action = cardActionFor(value.verb);
        deps.logger.info({ verb: value.verb.slice(0, 60), known: Boolean(action) }, 'kortåtgärd');
        flow = action ?? unknownTextFlow;
      } else {
        const route = routeText(text);
        deps.logger.info({ route: route?.name ?? 'okänd' }, 'meddelande');
        flow = route?.flow ?? unknownTextFlow;
      }
      await this.send(context, await flow(this.whoFrom(context), { text, data: value ?? {} }, deps));
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.rememberConversation(context);
      await this.send(context, await welcomeFlow(this.whoFrom(context), { text: '', data: {} }, deps));
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      if (context.activity.membersAdded?.some((m) => m.id === botId)) {
        await this.rememberConversation(context);
        await this.send(context, await welcomeFlow(this.whoFrom(context), { text: '', data: {} }, deps));
      }
      await next();
    });
  }

  /** Universal Actions (Action.Execute): the answer is a card that replaces the one acted on, for everyone who sees it. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    await this.rememberConversation(context);
    const who = this.whoFrom(context);
    const verb = invokeValue.action?.verb ?? '';
    const action = cardActionFor(verb);
    this.deps.logger.info({ verb: String(verb).slice(0, 60), known: Boolean(action) }, 'kortåtgärd (Execute)');
    if (!action) return messageResponse(t(who.locale, 'unknown.empty'));
    const input: FlowInput = { text: '', data: (invokeValue.action.data ?? {}) as Record<string, unknown> };
    const replies = await action(who, input, this.deps);
    // The invoke's answer is the replacing card (or the text); anything more arrives as new messages.
    const answer = replies.find((r) => r.kind === 'replace') ?? replies.find((r) => r.kind === 'text') ?? replies[0];
    await this.send(context, replies.filter((r) => r !== answer));
    if (!answer) return messageResponse(t(who.locale, 'unknown.empty'));
    return answer.kind === 'text' ? messageResponse(answer.text) : { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: answer.card };
  }

  /**
   * "Rapportera till Infosäk" on a message (composeExtension/fetchTask): the report dialog with the
   * message filled in. The conversation is not remembered: the bot is seldom a member of the chat
   * the message is in, and writes nothing there.
   */
  protected override async handleTeamsMessagingExtensionFetchTask(context: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    const who = this.whoFrom(context);
    this.deps.logger.info({ command: String(action.commandId).slice(0, 40), context: action.commandContext }, 'meddelandeåtgärd');
    if (action.commandId !== REPORT_MESSAGE_COMMAND) return dialogResponse({ kind: 'message', text: t(who.locale, 'unknown.empty') });
    return dialogResponse(await openReportDialog(who, messageFromPayload(action.messagePayload, context.activity.conversation), this.deps));
  }

  /** "Skicka rapporten" in that dialog (composeExtension/submitAction). */
  protected override async handleTeamsMessagingExtensionSubmitAction(context: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    const who = this.whoFrom(context);
    if (action.commandId !== REPORT_MESSAGE_COMMAND) return dialogResponse({ kind: 'message', text: t(who.locale, 'unknown.empty') });
    const data = (action.data ?? {}) as Record<string, unknown>;
    // Teams asked to install the bot in the chat first (it never is asked to: see openReportDialog); the form, as before.
    if ((data.msteams as { justInTimeInstall?: unknown } | undefined)?.justInTimeInstall === true) {
      return dialogResponse(await openReportDialog(who, messageFromPayload(action.messagePayload, context.activity.conversation), this.deps));
    }
    return dialogResponse(await submitReportDialog(who, data, this.deps));
  }

  private whoFrom(context: TurnContext): Who {
    const activity = context.activity;
    return {
      personId: activity.from?.aadObjectId,
      locale: this.deps.followTeamsLocale ? localeFrom(activity.locale, this.deps.defaultLocale) : this.deps.defaultLocale,
      conversationId: activity.conversation.id,
    };
  }

  private async send(context: TurnContext, replies: Reply[]): Promise<void> {
    for (const reply of replies) await context.sendActivity(activityOf(reply));
  }

  /**
   * Keeps the conversation reference (tenant, serviceUrl, person) for proactive messages; in a
   * personal chat, then sends again what could not reach the person before they had one.
   */
  private async rememberConversation(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const tenantId = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? activity.conversation.tenantId;
    if (!tenantId || !activity.serviceUrl) return;
    const type = conversationTypeOf(context);
    const reference = TurnContext.getConversationReference(activity) as Record<string, unknown>;
    const personId = type === 'personal' ? activity.from?.aadObjectId : undefined;
    await this.deps.ops.conversations.remember({
      conversationId: activity.conversation.id,
      ...(personId ? { personId } : {}),
      tenantId,
      serviceUrl: activity.serviceUrl,
      conversationType: type,
      reference,
      updatedAt: this.deps.clock.now().toISOString(),
    });
    if (!personId) return;
    // After the save, so the delivery finds the chat; a failure here must not cost the person the answer to what they did.
    await this.deps.resendUnreached(personId).catch((err: unknown) => this.deps.logger.warn({ err: (err as Error).message }, 'olevererade meddelanden kunde inte köas igen'));
  }
}
