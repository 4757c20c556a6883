import { t, type Locale } from '../../src/i18n/texts';
import { hasRole, type Person } from '../../src/organisation/organisation';
import { mayOpenStatus } from '../../src/status/status-access';

/** What a person's roles let them use from the welcome and help cards. */
export interface CardAbilities {
  /** `mina aktiviteter`: only a coordinator has a quarter's activities to report on. */
  activities: boolean;
  /** The status tab: refused to staff without a role that follows a committee. */
  status: boolean;
}

/** Decided from the roles list, so a card never offers a button that leads to a refusal. */
export function cardAbilitiesOf(person: Person | undefined): CardAbilities {
  return { activities: Boolean(person && hasRole(person, 'samordnare')), status: mayOpenStatus(person) };
}

/** Data builders for the templates: texts come from the locale files, never from the templates. */
export function cardActionTexts(locale: Locale, may: CardAbilities) {
  return {
    report: t(locale, 'action.report'),
    learning: t(locale, 'action.learning'),
    activities: t(locale, 'action.activities'),
    status: t(locale, 'action.status'),
    showActivities: may.activities,
    showStatus: may.status,
  };
}

export function welcomeCardData(locale: Locale, statusUrl: string, may: CardAbilities) {
  return {
    title: t(locale, 'welcome.title'),
    body: t(locale, may.activities ? 'welcome.body' : 'welcome.bodyStaff'),
    hint: t(locale, 'welcome.hint'),
    actions: cardActionTexts(locale, may),
    statusUrl,
  };
}

export function helpCardData(locale: Locale, whoAmI: string, statusUrl: string, may: CardAbilities) {
  const commands = (['report', 'incidents', 'learning', ...(may.activities ? ['activities' as const] : []), ...(may.status ? ['status' as const] : []), 'help'] as const).map((c) => ({
    command: t(locale, `help.cmd.${c}`),
    description: t(locale, `help.cmd.${c}.desc`),
  }));
  return {
    title: t(locale, 'help.title'),
    whoAmI,
    commandsHeading: t(locale, 'help.commands'),
    commands,
    actions: cardActionTexts(locale, may),
    statusUrl,
  };
}
