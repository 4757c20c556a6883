import { findPerson } from '../../src/organisation/people';
import { cardAbilitiesOf, welcomeCardData } from '../cards/card-data';
import { renderCard } from '../cards/card-templates';
import { cardReply, type Flow } from './flow';

/**
 * The welcome card, once per conversation. Teams may announce an installation both as
 * installationUpdate and as conversationUpdate; the mark in the operational store makes it one card.
 * Its buttons are the ones the person's roles can use.
 */
export const welcomeFlow: Flow = async (who, _input, deps) => {
  const first = await deps.ops.conversations.markWelcomed(who.conversationId, deps.clock.now().toISOString());
  if (!first) return [];
  // The welcome must not be lost to a roles list that cannot be read now: it then offers what anyone can use.
  const person = await findPerson(deps.store, who.personId).catch(() => undefined);
  return [cardReply(renderCard('welcome', welcomeCardData(who.locale, deps.statusUrl(), cardAbilitiesOf(person))))];
};
