import { t, type Locale } from '../../src/i18n/texts';

/** Data builders for the templates: texts come from the locale files, never from the templates. */
export function cardActionTexts(locale: Locale) {
  return {
    report: t(locale, 'action.report'),
    learning: t(locale, 'action.learning'),
    activities: t(locale, 'action.activities'),
    status: t(locale, 'action.status'),
  };
}

export function welcomeCardData(locale: Locale, statusUrl: string) {
  return {
    title: t(locale, 'welcome.title'),
    body: t(locale, 'welcome.body'),
    hint: t(locale, 'welcome.hint'),
    actions: cardActionTexts(locale),
    statusUrl,
  };
}

export function helpCardData(locale: Locale, whoAmI: string, statusUrl: string) {
  const commands = (['report', 'incidents', 'learning', 'activities', 'status', 'help'] as const).map((c) => ({
    command: t(locale, `help.cmd.${c}`),
    description: t(locale, `help.cmd.${c}.desc`),
  }));
  return {
    title: t(locale, 'help.title'),
    whoAmI,
    commandsHeading: t(locale, 'help.commands'),
    commands,
    actions: cardActionTexts(locale),
    statusUrl,
  };
}
