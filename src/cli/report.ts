import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { systemClock } from '../clock/clock';
import { stockholmQuarter } from '../clock/stockholm-time';
import { loadConfig, loadDotEnv } from '../config/config';
import { seedDemoDataIfEmpty } from '../demo/seed-demo-data';
import { loadIncidentRules } from '../incidents/incident-rules';
import { loadModuleLibrary } from '../learning/module-library';
import { openOperationalStore } from '../ops/open-operational-store';
import { annualReportDocx } from '../annual-report/annual-report-docx';
import { buildAnnualReport } from '../annual-report/build-annual-report';
import { FIRST_YEAR } from '../store/derived-columns';
import { recountTallies } from '../status/status-tallies';
import { openStore } from '../store/open-store';
import { option, runCli } from './run-cli';

/**
 * `npm run report -- <år> [--committee KOD] [--out fil.docx]`: Ledningens genomgång as a Word
 * document, for the whole municipality or one nämnd — the same document as the status tab's
 * "Ladda ner årsrapport", from a workstation with the store's settings.
 */
const USAGE = `Användning:
  npm run report -- <år> [--committee KOD] [--out fil.docx]`;

async function main(args: string[]): Promise<number> {
  const [first] = args;
  const current = stockholmQuarter(new Date()).year;
  const year = Number(first);
  if (!first || !/^\d{4}$/.test(first) || year < FIRST_YEAR || year > current) {
    console.error(`${first ? `"${first}" är inget år att rapportera: ange ett år från ${FIRST_YEAR} till ${current}.` : 'Ange året.'}\n${USAGE}`);
    return 2;
  }
  const asked = option(args, '--committee')?.toUpperCase();
  if (args.includes('--committee') && !asked) {
    console.error(`--committee saknar nämndens kod.\n${USAGE}`);
    return 2;
  }
  const out = path.resolve(option(args, '--out') ?? `ledningens-genomgang-${year}${asked ? `-${asked}` : ''}.docx`);
  loadDotEnv();
  const config = loadConfig();
  const store = await openStore(config, systemClock);
  const ops = await openOperationalStore(config);
  try {
    if (config.seedDemoData) await seedDemoDataIfEmpty(store);
    const all = (await store.committees.query()).map((c) => c.value);
    if (asked && !all.some((c) => c.code === asked)) {
      console.error(`Nämnden "${asked}" finns inte (finns: ${all.map((c) => c.code).join(', ')}).`);
      return 1;
    }
    // The counts behind the figures are kept current by the server; a workstation's copy may be old or empty, so they are counted anew from the records.
    await recountTallies(store, ops);
    const committees = asked ? [asked] : all.map((c) => c.code);
    const report = await buildAnnualReport(
      { store, ops, clock: systemClock, library: loadModuleLibrary(config.learning.dir), rules: loadIncidentRules(config.incidentRulesFile), municipality: config.municipalityName, trainingTarget: config.learning.target, assetReviewMonths: config.assetReviewMonths },
      { year, committees, whole: !asked, locale: config.defaultLocale },
    );
    writeFileSync(out, await annualReportDocx(report, { locale: config.defaultLocale }));
    console.log(`Årsrapporten för ${asked ? report.scope.committees[0]!.name : config.municipalityName} ${year} är sparad: ${out}`);
    return 0;
  } finally {
    await ops.close();
    await store.close();
  }
}

if (require.main === module) runCli(() => main(process.argv.slice(2)));
