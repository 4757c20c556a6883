import { CardFactory } from 'botbuilder';
import { renderCard } from '../cards/card-templates';
import { welcomeCardData } from '../cards/card-data';
import type { Turn } from './turn';

/**
 * Sends the welcome card once per conversation. Teams may announce an installation both as
 * installationUpdate and as conversationUpdate; the mark in the operational store makes it one card.
 */
export async function welcomeFlow(turn: Turn): Promise<void> {
  const { context, deps, locale } = turn;
  const first = await deps.ops.conversations.markWelcomed(context.activity.conversation.id, deps.clock.now().toISOString());
  if (!first) return;
  const card = renderCard('welcome', welcomeCardData(locale, deps.statusUrl()));
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}
