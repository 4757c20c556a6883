import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { copyOperationalState, type CopiedCounts } from './copy-operational-state';
import type { OperationalStore } from './operational-store';
import { SqliteOperationalStore } from './sqlite-operational-store';

/**
 * The move from one instance to several, done by the app itself: when the operational store is in
 * Azure and DATA_DIR still holds the single instance's ops.db (App Service's /home, which every
 * instance sees), the leader copies it over before it sends anything or runs a job, then renames
 * the file (`ops.db.flyttad-<date>`, kept as a copy) so it is done once. A copy cut short leaves
 * the file where it was, and the next leader copies again: every write is idempotent.
 */
export async function carryOverSqliteState(dataDir: string, target: OperationalStore, now: Date): Promise<CopiedCounts | undefined> {
  const file = path.join(dataDir, 'ops.db');
  if (!existsSync(file)) return undefined;
  const source = SqliteOperationalStore.open(dataDir);
  let copied: CopiedCounts;
  try {
    copied = await copyOperationalState({ ops: source, exported: source.exported() }, target);
  } finally {
    // Closing checkpoints the write-ahead log into the file, so the file alone is the whole copy.
    await source.close();
  }
  const moved = `${file}.flyttad-${now.toISOString().slice(0, 10)}`;
  for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, moved + suffix);
  renameSync(file, moved);
  return copied;
}
