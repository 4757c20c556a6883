import type { TurnContext } from 'botbuilder';
import { localeFrom, type Locale } from '../../src/i18n/texts';
import type { BotDeps } from '../bot-deps';

/** The parts of an incoming activity every flow needs. */
export interface Turn {
  context: TurnContext;
  deps: BotDeps;
  locale: Locale;
  /** aadObjectId of the sender. */
  personId: string | undefined;
  /** The message text without the bot's @mention, trimmed. */
  text: string;
}

export function turnFrom(context: TurnContext, deps: BotDeps): Turn {
  const activity = context.activity;
  return {
    context,
    deps,
    locale: deps.followTeamsLocale ? localeFrom(activity.locale, deps.defaultLocale) : deps.defaultLocale,
    personId: activity.from?.aadObjectId,
    text: stripMentions(activity.text ?? '', activity.recipient?.name),
  };
}

function stripMentions(text: string, botName: string | undefined): string {
  let result = text.replace(/<at>[^<]*<\/at>/g, ' ');
  if (botName) result = result.split(`@${botName}`).join(' ');
  return result.replace(/\s+/g, ' ').trim();
}
