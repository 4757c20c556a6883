import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { DatabaseOpenError } from '../../src/store/sqlite/private-database';

const modeOf = (file: string) => statSync(file).mode & 0o777;

/** Records and delivery state are personal data: only the app's own user may read the files. */
describe('the SQLite database files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'infosak-files-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are created readable and writable by the owner only, the write-ahead log too', async () => {
    const previous = process.umask(0o022);
    try {
      const store = SqliteStore.open(path.join(dir, 'data'));
      const ops = SqliteOperationalStore.open(path.join(dir, 'data'));
      // The schema migrations have written to both, so the write-ahead logs and their index exist.
      const files = readdirSync(path.join(dir, 'data')).sort();
      expect(files).toEqual(expect.arrayContaining(['infosak.db', 'infosak.db-wal', 'ops.db', 'ops.db-wal']));
      for (const name of files) expect([name, modeOf(path.join(dir, 'data', name))]).toEqual([name, 0o600]);
      expect(modeOf(path.join(dir, 'data'))).toBe(0o700);
      await store.close();
      await ops.close();
    } finally {
      process.umask(previous);
    }
  });

  it('are made owner-only when an earlier version left them readable by others', async () => {
    const store = SqliteStore.open(dir);
    await store.close();
    const file = path.join(dir, 'infosak.db');
    chmodSync(file, 0o644);
    const reopened = SqliteStore.open(dir);
    expect(modeOf(file)).toBe(0o600);
    await reopened.close();
  });

  it('say in Swedish which file is damaged, instead of a stack trace', () => {
    writeFileSync(path.join(dir, 'infosak.db'), 'det här är ingen databas '.repeat(100));
    let error: unknown;
    try {
      SqliteStore.open(dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as Error).message).toContain(path.join(dir, 'infosak.db'));
    expect((error as Error).message).toMatch(/skadad/);
    expect((error as Error).message).not.toContain('\n');
  });
});
