import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type AppConfig } from '../../src/config/config';
import { startApp, type AppOverrides, type RunningApp } from '../../src/server/app';

/** Starts the whole app on a free port with a fresh data folder; `stop` removes it again. */
export async function startTestApp(
  env: Record<string, string> = {},
  overrides: AppOverrides = {},
): Promise<RunningApp & { config: AppConfig; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'infosak-test-'));
  // Scheduled jobs stay off unless a test asks for them: their timing is not the test's.
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', PLAYGROUND: '0', SCHEDULER: '0', ...env });
  const app = await startApp(config, overrides);
  return {
    ...app,
    config,
    async stop() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function postActivity(appUrl: string, activity: object, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${appUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
}
