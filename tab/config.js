// Configuration page of the channel tab: tells Teams which page the tab shows.
(async () => {
  const teams = window.microsoftTeams;
  try {
    await teams.app.initialize();
  } catch {
    return; // opened outside Teams: nothing to configure
  }
  const select = document.getElementById('view');
  teams.pages.config.registerOnSaveHandler((saveEvent) => {
    const view = select.value;
    const base = `${window.location.origin}/tab/`;
    teams.pages.config
      .setConfig({
        entityId: `infosak-${view}`,
        contentUrl: `${base}?context=channel&view=${encodeURIComponent(view)}`,
        websiteUrl: base,
        suggestedDisplayName: 'Infosäk status',
      })
      .then(() => saveEvent.notifySuccess())
      .catch((err) => saveEvent.notifyFailure(String(err)));
  });
  teams.pages.config.setValidityState(true);
})();
