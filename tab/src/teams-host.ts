import { app, authentication } from '@microsoft/teams-js';

export type ThemeName = 'default' | 'dark' | 'contrast';

/** What the page knows of its host: Teams (with SSO and theme events) or a plain browser. */
export interface Host {
  inTeams: boolean;
  theme: ThemeName;
  lang: 'sv' | 'en';
  /** The committee a channel tab was configured for, if any. */
  committee?: string;
  getToken?: () => Promise<string>;
  onThemeChange(handler: (theme: ThemeName) => void): void;
  /** Opens a Teams deep link (the chat with the bot): through Teams inside it, in a new window outside. */
  openLink(url: string): void;
}

const asTheme = (value: string | undefined): ThemeName => (value === 'dark' || value === 'contrast' ? value : 'default');

/** The app's language rule (DEFAULT_LOCALE, FOLLOW_TEAMS_LOCALE), the same for the tab as for the bot; Swedish if it cannot be read. */
async function languageRule(): Promise<{ locale: 'sv' | 'en'; followTeamsLocale: boolean }> {
  try {
    const res = await fetch('/api/tab/settings');
    const body = (await res.json()) as { locale?: string; followTeamsLocale?: boolean };
    if (res.ok) return { locale: body.locale === 'en' ? 'en' : 'sv', followTeamsLocale: body.followTeamsLocale === true };
  } catch {
    // Offline or refused: Swedish, the municipality's language.
  }
  return { locale: 'sv', followTeamsLocale: false };
}

/**
 * Connects to Teams when the page is hosted there. Outside Teams (a browser, local mode) it gives
 * up quickly and the page follows `?theme=` or the system's colour scheme instead.
 */
export async function connectHost(): Promise<Host> {
  const params = new URLSearchParams(window.location.search);
  const committee = params.get('committee') ?? undefined;
  const framed = window.parent !== window || 'nativeInterface' in window;
  const rule = await languageRule();
  if (framed) {
    try {
      await Promise.race([app.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000))]);
      const context = await app.getContext();
      void app.notifySuccess();
      return {
        inTeams: true,
        theme: asTheme(context.app.theme),
        lang: rule.followTeamsLocale ? (context.app.locale?.toLowerCase().startsWith('en') ? 'en' : 'sv') : rule.locale,
        ...(committee ? { committee } : {}),
        getToken: () => authentication.getAuthToken(),
        onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(asTheme(theme))),
        openLink: (url) => void app.openLink(url).catch(() => window.open(url, '_blank', 'noopener')),
      };
    } catch {
      // Not Teams after all: fall through to the browser.
    }
  }
  const dark = window.matchMedia?.('(prefers-color-scheme: dark)');
  const fromParam = params.get('theme');
  return {
    inTeams: false,
    theme: fromParam ? asTheme(fromParam) : dark?.matches ? 'dark' : 'default',
    lang: params.get('lang') === 'en' || params.get('lang') === 'sv' ? (params.get('lang') as 'sv' | 'en') : rule.locale,
    ...(committee ? { committee } : {}),
    onThemeChange: (handler) => {
      if (!fromParam) dark?.addEventListener('change', (e) => handler(e.matches ? 'dark' : 'default'));
    },
    openLink: (url) => void window.open(url, '_blank', 'noopener'),
  };
}
