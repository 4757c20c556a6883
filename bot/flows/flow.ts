import type { Locale } from '../../src/i18n/texts';
import type { BotDeps } from './bot-deps';
import type { AdaptiveCard } from '../cards/card-templates';

/** Who is asking: the sender's Entra object id as Teams gives it, the language to answer in, and the conversation. */
export interface Who {
  personId: string | undefined;
  locale: Locale;
  conversationId: string;
}

/** What was said (the message without the bot's @mention) or pressed (the card action's data). */
export interface FlowInput {
  text: string;
  data: Record<string, unknown>;
}

/**
 * What a flow answers. A `replace` card takes the place of the card acted on (Universal Actions);
 * where nothing was acted on (a typed command, an Action.Submit), it is sent as a new message.
 */
export type Reply = { kind: 'text'; text: string } | { kind: 'card'; card: AdaptiveCard } | { kind: 'replace'; card: AdaptiveCard };

/** Every flow has this one shape; only the activity handler turns replies into Teams activities. */
export type Flow = (who: Who, input: FlowInput, deps: BotDeps) => Promise<Reply[]>;

export const textReply = (text: string): Reply => ({ kind: 'text', text });
export const cardReply = (card: AdaptiveCard): Reply => ({ kind: 'card', card });
export const replaceCard = (card: AdaptiveCard): Reply => ({ kind: 'replace', card });
