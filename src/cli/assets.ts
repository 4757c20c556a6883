import { assetsToCsv, MAX_ASSET_FILE_BYTES, readAssetFile } from '../assets/asset-import';
import { allAssets, describeAssetImport, importAssets } from '../assets/asset-store';
import { systemClock } from '../clock/clock';
import { loadConfig, loadDotEnv } from '../config/config';
import { seedDemoDataIfEmpty } from '../demo/seed-demo-data';
import { openStore } from '../store/open-store';
import { describeFileProblems } from '../text/import-file';
import { option, readFileWithin, runCli, writeOutput } from './run-cli';

/**
 * `npm run assets -- import <file> [--dry-run]` and `npm run assets -- export [--out file]`: the
 * register of information assets and their KLASSA classification in and out of the store, as CSV
 * (semicolons, UTF-8, as Swedish spreadsheets save it).
 */
const USAGE = `Användning:
  npm run assets -- import <fil> [--dry-run]
  npm run assets -- export [--out fil]`;

async function main(args: string[]): Promise<number> {
  const [command, target] = args;
  if (!command || !['import', 'export'].includes(command) || (command === 'import' && !target)) {
    console.error(USAGE);
    return 2;
  }
  loadDotEnv();
  const config = loadConfig();
  const store = await openStore(config, systemClock);
  try {
    if (config.seedDemoData) await seedDemoDataIfEmpty(store);
    const committees = (await store.committees.query()).map((c) => c.value.code);
    if (command === 'import') {
      const read = readAssetFile(readFileWithin(target!, MAX_ASSET_FILE_BYTES), { committees });
      if ('problems' in read) {
        console.error(`${target}: ${describeFileProblems(read.problems)}`);
        return 1;
      }
      const dryRun = args.includes('--dry-run');
      const summary = await importAssets(store, read.assets, { committees, actorId: 'import', at: new Date().toISOString(), dryRun });
      console.log(describeAssetImport(summary, dryRun));
      return 0;
    }
    const text = assetsToCsv((await allAssets(store, committees)).map((i) => i.value).sort((a, b) => a.committeeCode.localeCompare(b.committeeCode) || a.assetId.localeCompare(b.assetId)));
    writeOutput(text, option(args, '--out'));
    return 0;
  } finally {
    await store.close();
  }
}

if (require.main === module) runCli(() => main(process.argv.slice(2)));
