import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { copyOperationalState, CopyStopped, type CopiedCounts, type CopyOptions } from './copy-operational-state';
import type { OperationalStore } from './operational-store';
import { SqliteOperationalStore } from './sqlite-operational-store';

/** The file name a copy under way gives ops.db, so that only one copy takes it. */
const TAKEN = 'ops.db.flyttas';

/**
 * The move from one instance to several, done by the app itself: when the operational store is in
 * Azure and DATA_DIR still holds the single instance's ops.db (App Service's /home, which every
 * instance sees), the leader copies it over before it sends anything or runs a job, then keeps the
 * file as `ops.db.flyttad-<time>` so it is done once.
 *
 * The file is first renamed to ops.db.flyttas, atomically, so a second copy (`npm run ops`, or a
 * former leader) does not take it too; a copy cut short leaves it so named, and the next leader
 * copies it again (every write is idempotent). Returns undefined when there was nothing to copy.
 */
export async function carryOverSqliteState(dataDir: string, target: OperationalStore, now: Date, options: CopyOptions): Promise<CopiedCounts | undefined> {
  const [file, taken] = [path.join(dataDir, 'ops.db'), path.join(dataDir, TAKEN)];
  if (existsSync(file)) {
    // Both there: a SQLite instance made a new ops.db after a copy began. Neither is overwritten.
    if (existsSync(taken)) throw new Error(`både ${file} och ${taken} finns: flytta den ena undan för hand (se README, "From one instance to several")`);
    // The write-ahead log first: a stop between the renames leaves it beside the file it belongs to.
    for (const suffix of ['-wal', '-shm', '']) if (existsSync(file + suffix)) renameSync(file + suffix, taken + suffix);
  }
  if (!existsSync(taken)) return undefined;
  const source = SqliteOperationalStore.openFile(taken);
  let copied: CopiedCounts;
  try {
    copied = await copyOperationalState({ ops: source, exported: source.exported() }, target, options);
  } finally {
    // Closing checkpoints the write-ahead log into the file, so the file alone is the whole copy.
    await source.close();
  }
  const kept = path.join(dataDir, `ops.db.flyttad-${now.toISOString().replace(/[:.]/g, '-')}`);
  for (const suffix of ['-wal', '-shm']) if (existsSync(taken + suffix)) renameSync(taken + suffix, kept + suffix);
  renameSync(taken, kept);
  return copied;
}

/**
 * Runs the carry-over until it is done, trying again every minute after a failure, for as long as
 * `leading()` holds. True when the leader may go on to send; false when it lost the lead meanwhile.
 */
export async function carryOverWhileLeading(
  dataDir: string,
  target: OperationalStore,
  deps: { now: () => Date; leading: () => boolean; sendAgain: CopyOptions['sendAgain']; log: { done(copied: CopiedCounts): void; failed(message: string): void }; retryMs?: number },
): Promise<boolean> {
  for (;;) {
    if (!deps.leading()) return false;
    try {
      const copied = await carryOverSqliteState(dataDir, target, deps.now(), { sendAgain: deps.sendAgain, goOn: deps.leading });
      if (copied) deps.log.done(copied);
      return deps.leading();
    } catch (err) {
      // The lead went elsewhere mid-copy: the next leader takes the file up.
      if (err instanceof CopyStopped) return false;
      deps.log.failed((err as Error).message);
      // Waited for in short steps, so a stop (no longer leading) does not wait the whole minute.
      for (let waited = 0; waited < (deps.retryMs ?? 60_000) && deps.leading(); waited += 1000) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
