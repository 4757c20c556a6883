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
}

const asTheme = (value: string | undefined): ThemeName => (value === 'dark' || value === 'contrast' ? value : 'default');

/**
 * Connects to Teams when the page is hosted there. Outside Teams (a browser, local mode) it gives
 * up quickly and the page follows `?theme=` or the system's colour scheme instead.
 */
export async function connectHost(): Promise<Host> {
  const params = new URLSearchParams(window.location.search);
  const committee = params.get('committee') ?? undefined;
  const framed = window.parent !== window || 'nativeInterface' in window;
  if (framed) {
    try {
      await Promise.race([app.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000))]);
      const context = await app.getContext();
      void app.notifySuccess();
      return {
        inTeams: true,
        theme: asTheme(context.app.theme),
        lang: context.app.locale?.toLowerCase().startsWith('en') ? 'en' : 'sv',
        ...(committee ? { committee } : {}),
        getToken: () => authentication.getAuthToken(),
        onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(asTheme(theme))),
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
    lang: params.get('lang') === 'en' ? 'en' : 'sv',
    ...(committee ? { committee } : {}),
    onThemeChange: (handler) => {
      if (!fromParam) dark?.addEventListener('change', (e) => handler(e.matches ? 'dark' : 'default'));
    },
  };
}
