import { welcomeCardData } from '../cards/card-data';
import { renderCard } from '../cards/card-templates';
import { cardReply, type Flow } from './flow';

/**
 * The welcome card, once per conversation. Teams may announce an installation both as
 * installationUpdate and as conversationUpdate; the mark in the operational store makes it one card.
 */
export const welcomeFlow: Flow = async (who, _input, deps) => {
  const first = await deps.ops.conversations.markWelcomed(who.conversationId, deps.clock.now().toISOString());
  if (!first) return [];
  return [cardReply(renderCard('welcome', welcomeCardData(who.locale, deps.statusUrl())))];
};
