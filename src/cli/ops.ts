import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, loadDotEnv } from '../config/config';
import { copyOperationalState, type CopiedCounts } from '../ops/copy-operational-state';
import { openOperationalStore } from '../ops/open-operational-store';
import { SqliteOperationalStore } from '../ops/sqlite-operational-store';
import { option, runCli } from './run-cli';

/**
 * `npm run ops -- copy-to-azure [--from <katalog>]`: moves a single instance's operational state
 * (ops.db in DATA_DIR, or the folder given) into Azure Table Storage (the OPS_* settings), for the
 * move to several instances. The app must be stopped while it runs; running it again adds nothing
 * twice. README, "From one instance to several".
 */
const USAGE = `Användning:
  npm run ops -- copy-to-azure [--from <katalog med ops.db>]`;

const PARTS: Record<keyof CopiedCounts, string> = {
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
  const file = path.join(from, 'ops.db');
  // Opening a file that is not there would make an empty one and copy nothing.
  if (!existsSync(file)) {
    console.error(`Ingen ops.db i ${from}: ange katalogen som DATA_DIR pekade på (--from).`);
    return 1;
  }
  const source = SqliteOperationalStore.open(from);
  const target = await openOperationalStore(config);
  try {
    console.log(`Kopierar driftdata från ${file} till Azure Table Storage (tabeller "${config.ops.tablePrefix}…") …`);
    let last = 0;
    const copied = await copyOperationalState({ ops: source, exported: source.exported() }, target, (part, n) => {
      if (Date.now() - last > 5000) {
        last = Date.now();
        console.log(`  … ${n} ${PARTS[part]}`);
      }
    });
    for (const [part, n] of Object.entries(copied) as [keyof CopiedCounts, number][]) console.log(`  ${PARTS[part]}: ${n}`);
    console.log('Klart. Det som redan fanns i målet lämnades orört; kommandot kan köras igen utan att något kommer dit två gånger.');
    return 0;
  } finally {
    await target.close();
    await source.close();
  }
}

if (require.main === module) runCli(() => main(process.argv.slice(2)));
