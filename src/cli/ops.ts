import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, loadDotEnv } from '../config/config';
import { sendAgainIfInDoubt } from '../delivery/in-doubt';
import { carryOverSqliteState } from '../ops/carry-over-sqlite-state';
import type { CopiedCounts } from '../ops/copy-operational-state';
import { openOperationalStore } from '../ops/open-operational-store';
import { option, runCli } from './run-cli';

/**
 * `npm run ops -- copy-to-azure [--from <katalog>]`: moves a single instance's operational state
 * (ops.db in DATA_DIR, or the folder given) into Azure Table Storage (the OPS_* settings), for the
 * move to several instances, as the app does by itself when it first leads there; the file is then
 * kept as ops.db.flyttad-<time>. The app on SQLite must be stopped while it runs; running it again
 * adds nothing twice. README, "From one instance to several".
 */
const USAGE = `Användning:
  npm run ops -- copy-to-azure [--from <katalog med ops.db>]`;

const PARTS: Record<keyof CopiedCounts, string> = {
  counters: 'räknare',
  conversations: 'konversationer',
  ledgerEntries: 'påminnelser i liggaren',
  outboxMessages: 'utskick',
  tasks: 'uppgifter',
  jobRuns: 'jobbkörningar',
  installations: 'installationer',
  learningAnswers: 'quizsvar',
  staff: 'personer från Entra ID',
};

async function main(args: string[]): Promise<number> {
  if (args[0] !== 'copy-to-azure') {
    console.error(`${args[0] ? `Okänt kommando "${args[0]}".` : 'Ange ett kommando.'}\n${USAGE}`);
    return 2;
  }
  if (args.includes('--from') && !option(args, '--from')) {
    console.error(`--from saknar katalogen.\n${USAGE}`);
    return 2;
  }
  loadDotEnv();
  const config = loadConfig();
  if (config.ops.kind !== 'azure') {
    console.error('OPS_STORE är inte azure: sätt OPS_STORE=azure och OPS_TABLE_ENDPOINT med OPS_BLOB_ENDPOINT (eller OPS_STORAGE_CONNECTION_STRING) till målet först.');
    return 1;
  }
  const from = path.resolve(option(args, '--from') ?? config.dataDir);
  // A copy cut short leaves the file as ops.db.flyttas; it is taken up again.
  if (!existsSync(path.join(from, 'ops.db')) && !existsSync(path.join(from, 'ops.db.flyttas'))) {
    console.error(`Ingen ops.db i ${from}: ange katalogen som DATA_DIR pekade på (--from).`);
    return 1;
  }
  const target = await openOperationalStore(config);
  try {
    console.log(`Kopierar driftdata från ${from} till Azure Table Storage (tabeller "${config.ops.tablePrefix}…") …`);
    let last = 0;
    const progress = (part: keyof CopiedCounts, n: number) => {
      if (Date.now() - last > 5000) {
        last = Date.now();
        console.log(`  … ${n} ${PARTS[part]}`);
      }
    };
    const copied = await carryOverSqliteState(from, target, new Date(), { sendAgain: sendAgainIfInDoubt, progress });
    for (const [part, n] of Object.entries(copied ?? {}) as [keyof CopiedCounts, number][]) console.log(`  ${PARTS[part]}: ${n}`);
    console.log('Klart. Filen finns kvar som ops.db.flyttad-<tid>. Det som redan fanns i målet lämnades orört; kommandot kan köras igen utan att något kommer dit två gånger.');
    return 0;
  } finally {
    await target.close();
  }
}

if (require.main === module) runCli(() => main(process.argv.slice(2)));
