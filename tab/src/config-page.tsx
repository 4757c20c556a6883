import { Field, FluentProvider, Select, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, Title3 } from '@fluentui/react-components';
import { app, pages } from '@microsoft/teams-js';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { textsFor } from './texts';

/**
 * The channel tab's configuration page: which committee the tab shows, or the overview. It offers
 * every committee (their names are public); what a viewer may see is still decided by the API
 * each time the tab loads.
 */
function ConfigPage({ theme, committees }: { theme: string; committees: { code: string; name: string }[] }) {
  const t = textsFor('sv');
  const [choice, setChoice] = useState('');
  useEffect(() => {
    pages.config.registerOnSaveHandler((save) => {
      const base = `${window.location.origin}/tab/`;
      const query = choice ? `?context=channel&committee=${encodeURIComponent(choice)}` : '?context=channel';
      pages.config
        .setConfig({ entityId: `infosak-${choice || 'oversikt'}`, contentUrl: `${base}${query}`, websiteUrl: `${base}${query}`, suggestedDisplayName: 'Infosäk status' })
        .then(() => save.notifySuccess())
        .catch((err: unknown) => save.notifyFailure(String(err)));
    });
    pages.config.setValidityState(true);
  }, [choice]);
  const themes = { dark: teamsDarkTheme, contrast: teamsHighContrastTheme } as Record<string, typeof teamsLightTheme>;
  return (
    <FluentProvider theme={themes[theme] ?? teamsLightTheme} style={{ padding: 24, minHeight: '100vh' }}>
      <Title3 as="h1">{t('configTitle')}</Title3>
      <Field label={t('committee')}>
        <Select value={choice} onChange={(_, d) => setChoice(d.value)}>
          <option value="">{t('configAll')}</option>
          {committees.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
    </FluentProvider>
  );
}

void (async () => {
  const root = createRoot(document.getElementById('root')!);
  try {
    await app.initialize();
  } catch {
    root.render(<p>Den här sidan används när fliken läggs till i en kanal i Teams.</p>);
    return;
  }
  const context = await app.getContext();
  const res = await fetch('../api/tab/committees');
  const committees = res.ok ? ((await res.json()) as { code: string; name: string }[]) : [];
  root.render(<ConfigPage theme={context.app.theme} committees={committees} />);
})();
