import { MAX_PLAN_FILE_BYTES, readPlanFile, toCsv, toPlanJson } from '../actionplan/plan-import';
import { describeImport, exportPlan, importPlan } from '../actionplan/plan-store';
import { systemClock } from '../clock/clock';
import { loadConfig, loadDotEnv } from '../config/config';
import { knownAreas } from '../actionplan/plan-areas';
import { seedDemoDataIfEmpty } from '../demo/seed-demo-data';
import { describeFileProblems } from '../text/import-file';
import { option, readFileWithin, runCli, writeOutput } from './run-cli';
import { openStore } from '../store/open-store';
import type { Store } from '../store/store';

/**
 * `npm run plan -- import <file> [--dry-run]` and `npm run plan -- export <year> [--format csv|json]
 * [--committee CODE] [--out file]`: the action plan in and out of the store, as CSV (semicolons,
 * UTF-8, as Swedish spreadsheets save it) or JSON.
 */
const USAGE = `Användning:
  npm run plan -- import <fil> [--dry-run]
  npm run plan -- export <år> [--format csv|json] [--committee KOD] [--out fil]`;

async function committeeCodes(store: Store): Promise<string[]> {
  return (await store.committees.query()).map((c) => c.value.code);
}

async function main(args: string[]): Promise<number> {
  const [command, target] = args;
  if (!command || !target || !['import', 'export'].includes(command)) {
    console.error(USAGE);
    return 2;
  }
  loadDotEnv();
  const config = loadConfig();
  const store = await openStore(config, systemClock);
  try {
    if (config.seedDemoData) await seedDemoDataIfEmpty(store);
    const committees = await committeeCodes(store);
    if (command === 'import') {
      const read = readPlanFile(readFileWithin(target, MAX_PLAN_FILE_BYTES), { areas: knownAreas(), committees });
      if ('problems' in read) {
        console.error(`${target}: ${describeFileProblems(read.problems)}`);
        return 1;
      }
      const dryRun = args.includes('--dry-run');
      const s = await importPlan(store, read.rows, { committees, setBy: 'import', at: new Date().toISOString(), dryRun });
      console.log(describeImport(read.rows[0]!.year, s, dryRun));
      return 0;
    }
    const year = Number(target);
    if (!Number.isInteger(year)) {
      console.error(`"${target}" är inget år.\n${USAGE}`);
      return 2;
    }
    const committee = option(args, '--committee');
    const rows = await exportPlan(store, year, committees, committee);
    const text = option(args, '--format') === 'json' ? toPlanJson(rows) : toCsv(rows);
    writeOutput(text, option(args, '--out'));
    return 0;
  } finally {
    await store.close();
  }
}

if (require.main === module) runCli(() => main(process.argv.slice(2)));
