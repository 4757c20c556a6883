import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { operationalStoreContract } from './ops-store-contract';

operationalStoreContract('SQLite in memory', async () => {
  const ops = SqliteOperationalStore.inMemory();
  return { ops, close: () => ops.close() };
});

operationalStoreContract('SQLite file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infosak-ops-contract-'));
  const ops = SqliteOperationalStore.open(dir);
  return {
    ops,
    close: async () => {
      await ops.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});
