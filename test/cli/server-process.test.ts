import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { projectRoot } from '../../src/config/config';
import { freePort } from '../support/free-port';

const main = path.join(projectRoot(), 'dist', 'src', 'server', 'main.js');

/** Starts the compiled server as `npm start` does and collects what it prints. */
function startServer(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', main], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`väntade på ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the server process', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'infosak-process-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses to start in production without bot authentication, naming everything that is missing', async () => {
    const server = startServer({ NODE_ENV: 'production', DATA_DIR: dataDir, PORT: String(await freePort()), MicrosoftAppId: '', AAD_APP_CLIENT_ID: '' });
    expect(await server.exited).not.toBe(0);
    const out = server.output();
    expect(out).toContain('Produktionsläge (NODE_ENV=production) kräver:');
    for (const name of ['MicrosoftAppId', 'MicrosoftAppType', 'AAD_APP_CLIENT_ID', 'PUBLIC_URL med https://']) expect(out).toContain(name);
  });

  it('starts the bot and the Playground, prints both addresses, and stops both cleanly on SIGTERM', async () => {
    const [port, playgroundPort] = [await freePort(), await freePort()];
    const server = startServer({ PORT: String(port), PLAYGROUND_PORT: String(playgroundPort), PERSONA: 'chef', DATA_DIR: dataDir });
    try {
      await waitFor(() => server.output().includes('Chatt:'), 40_000, 'att servern skriver ut adresserna');
      expect(server.output()).toContain(`http://localhost:${port}/api/messages`);
      expect(server.output()).toContain(`http://localhost:${port}/tab/`);
      expect(server.output()).toContain(`http://localhost:${playgroundPort}`);
      expect(server.output()).toContain('Lokalt läge');
      expect((await fetch(`http://localhost:${port}/api/health`)).status).toBe(200);
      expect((await fetch(`http://localhost:${playgroundPort}`)).status).toBe(200);

      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      await expect(fetch(`http://localhost:${playgroundPort}`)).rejects.toThrow();
      // A cleanly closed SQLite database has folded its write-ahead log back in.
      expect(existsSync(path.join(dataDir, 'infosak.db-wal'))).toBe(false);
      const db = new Database(path.join(dataDir, 'infosak.db'), { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect((db.prepare('SELECT count(*) AS n FROM committees').get() as { n: number }).n).toBe(5);
      db.close();
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 60_000);

  it('refuses to start on a configuration it cannot use, saying why', async () => {
    const server = startServer({ PORT: 'inte-en-port', DATA_DIR: dataDir, PLAYGROUND: '0' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('Ogiltig konfiguration: PORT');
  });
});
