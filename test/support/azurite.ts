import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config/config';
import { AzureTables } from '../../src/ops/azure/azure-tables';

/**
 * Azurite, the official Azure Storage emulator (an npm package of the project), started by a test
 * on free ports with nothing kept on disk, and stopped after it: Table Storage for the
 * operational store, Blob Storage for the leader's lease. Its well-known development account.
 */
export interface Azurite {
  connectionString: string;
  tableUrl: string;
  blobUrl: string;
  stop(): Promise<void>;
}

const ACCOUNT = 'devstoreaccount1';
// Azurite's published development key: not a secret, the same in every installation.
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function listening(port: number, until: number): Promise<void> {
  while (Date.now() < until) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => socket.end(() => resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Azurite did not listen on ${port} in time`);
}

export async function startAzurite(): Promise<Azurite> {
  const [tablePort, blobPort] = [await freePort(), await freePort()];
  const location = mkdtempSync(path.join(os.tmpdir(), 'infosak-azurite-'));
  const bin = path.join(projectRoot(), 'node_modules', 'azurite', 'dist', 'src', 'azurite.js');
  const child: ChildProcess = spawn(
    process.execPath,
    [bin, '--silent', '--inMemoryPersistence', '--skipApiVersionCheck', '--blobHost', '127.0.0.1', '--blobPort', String(blobPort), '--tableHost', '127.0.0.1', '--tablePort', String(tablePort), '--queuePort', '0'],
    // In a directory of its own, which it may write to (in memory it keeps no data, but may leave a file behind).
    { cwd: location, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await Promise.race([Promise.all([listening(tablePort, Date.now() + 20_000), listening(blobPort, Date.now() + 20_000)]), exited.then(() => Promise.reject(new Error(`Azurite stopped at start: ${stderr}`)))]);
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(location, { recursive: true, force: true });
    throw err;
  }
  const tableUrl = `http://127.0.0.1:${tablePort}/${ACCOUNT}`;
  const blobUrl = `http://127.0.0.1:${blobPort}/${ACCOUNT}`;
  return {
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};BlobEndpoint=${blobUrl};TableEndpoint=${tableUrl};`,
    tableUrl,
    blobUrl,
    async stop() {
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 3000)))]);
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(location, { recursive: true, force: true });
    },
  };
}

/**
 * Azurite for one test file's Azure operational stores: started before its tests and stopped after
 * them; each fresh prefix names tables of their own in the one account, and `tablesAt` gives the
 * tables under a prefix with clients of their own (as another instance of the app has).
 */
export function azuriteTablesForSuite(): { freshPrefix: () => string; tablesAt: (prefix: string) => AzureTables; connectionString: () => string } {
  let azurite: Azurite | undefined;
  let run = 0;
  beforeAll(async () => {
    azurite = await startAzurite();
  }, 30_000);
  afterAll(() => azurite?.stop());
  return {
    freshPrefix: () => `t${Date.now().toString(36)}${(run++).toString(36)}`,
    tablesAt: (prefix) => new AzureTables({ connectionString: azurite!.connectionString }, prefix),
    connectionString: () => azurite!.connectionString,
  };
}
