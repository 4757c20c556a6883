// Shows that the tab is served by the same server as the bot and which store it runs on.
(async () => {
  const out = document.getElementById('health');
  try {
    const res = await fetch('../api/health');
    const health = await res.json();
    out.textContent = `Tjänsten svarar (version ${health.version}, lagring: ${health.store}).`;
  } catch {
    out.textContent = 'Tjänsten svarar inte just nu.';
  }
})();
