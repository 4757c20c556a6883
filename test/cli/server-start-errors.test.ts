import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { projectRoot } from '../../src/config/config';
import { freePort } from '../support/free-port';

const main = path.join(projectRoot(), 'dist', 'src', 'server', 'main.js');

/** Runs the compiled server as `npm start` does until it exits; what it printed and its exit code. */
function runServer(env: Record<string, string>, timeoutMs = 30_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', main], { env: { ...process.env, LOG_LEVEL: 'warn', PLAYGROUND: '0', SCHEDULER: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** One line an operator can act on, not a stack trace. */
function expectOneLine(output: string): string {
  const lines = output.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(output).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

describe('the server process refuses to start, in one Swedish line', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'infosak-start-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('on a damaged database', async () => {
    writeFileSync(path.join(dataDir, 'infosak.db'), 'inte en databas '.repeat(200));
    const { code, output } = await runServer({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(code).not.toBe(0);
    expect(expectOneLine(output)).toMatch(new RegExp(`^Databasen ${path.join(dataDir, 'infosak.db').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} .*skadad`));
  });

  it('on a database another process holds locked', async () => {
    const locker = new Database(path.join(dataDir, 'ops.db'));
    locker.pragma('locking_mode = EXCLUSIVE');
    locker.exec('CREATE TABLE IF NOT EXISTS held (x); BEGIN EXCLUSIVE; INSERT INTO held VALUES (1);');
    try {
      const { code, output } = await runServer({ DATA_DIR: dataDir, PORT: String(await freePort()) });
      expect(code).not.toBe(0);
      expect(expectOneLine(output)).toMatch(/^Databasen .*ops\.db.* är låst av en annan process/);
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
    }
  }, 40_000);

  it('in local mode against a real tenant’s SharePoint, naming the setting that allows it', async () => {
    const { code, output } = await runServer({
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      STORE: 'sharepoint',
      SHAREPOINT_SITE: 'sjovik.sharepoint.com:/sites/infosak',
      GRAPH_TENANT_ID: '5e7c0f2a-9b1d-4c3e-8f6a-2d4b6c8e0a1f',
      GRAPH_CLIENT_ID: '0d5b3c2a-1e4f-4a6b-8c7d-9e0f1a2b3c4d',
      GRAPH_CLIENT_SECRET: 'hemlig',
      MicrosoftAppId: '',
    });
    expect(code).not.toBe(0);
    expect(expectOneLine(output)).toContain('ALLOW_LOCAL_MODE_WITH_SHAREPOINT=1');
  });
});
