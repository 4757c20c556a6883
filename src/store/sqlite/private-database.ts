import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';

/** A database file that could not be opened at start, said so an operator can act on it (one line, Swedish). */
export class DatabaseOpenError extends Error {
  constructor(
    readonly file: string,
    readonly code: string,
    detail: string,
  ) {
    super(DatabaseOpenError.describe(file, code, detail));
    this.name = 'DatabaseOpenError';
  }

  private static describe(file: string, code: string, detail: string): string {
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      return `Databasen ${file} är låst av en annan process (${code}): stoppa den andra Infosäk-processen som använder samma DATA_DIR och starta igen.`;
    }
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      return `Databasen ${file} är skadad eller ingen SQLite-databas (${code}): återställ den från säkerhetskopian; Infosäk startar inte på en skadad databas.`;
    }
    return `Databasen ${file} kunde inte öppnas (${code}: ${detail.replace(/\s+/g, ' ')}): kontrollera att DATA_DIR finns, går att skriva i och inte är full.`;
  }
}

/**
 * Opens (or creates, unless `mustExist`) a SQLite file that only the app's own user may read — records and delivery
 * state hold personal data — and runs `use` on it (pragmas, migrations). SQLite gives the
 * write-ahead log and its index the database file's permissions. SQLite's errors while opening
 * become a DatabaseOpenError naming the file.
 */
export function openPrivateDatabase<T>(file: string, use: (db: Database.Database) => T, options: { mustExist?: boolean } = {}): T {
  const dir = path.dirname(file);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!options.mustExist) closeSync(openSync(file, 'a', 0o600));
  // Files left readable by others by an earlier version are tightened; one we do not own stays as it is.
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if (existsSync(f)) chmodSync(f, 0o600);
    } catch {
      // Not ours to change: SQLite will say so if it cannot use it.
    }
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: Boolean(options.mustExist) });
    return use(db);
  } catch (err) {
    if (db?.open) db.close();
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) throw new DatabaseOpenError(file, code, (err as Error).message);
    throw err;
  }
}
