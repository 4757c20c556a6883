import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { systemClock } from '../clock/clock';
import { formatDay, stockholmQuarter } from '../clock/stockholm-time';
import { loadConfig, loadDotEnv, type AppConfig } from '../config/config';
import { seedDemoDataIfEmpty } from '../demo/seed-demo-data';
import { MAX_CAMPAIGN_FILE_BYTES, readCampaignFile, tooLargeCampaignFile } from '../learning/campaign-file';
import type { Rate } from '../learning/completion-rates';
import { loadCompletionRates } from '../learning/load-completion-rates';
import { loadModuleLibrary } from '../learning/module-library';
import { planCampaigns, type CampaignProblem } from '../learning/plan-campaigns';
import { option, runCli } from './run-cli';
import { openStore } from '../store/open-store';
import type { Store } from '../store/store';
import { openOperationalStore } from '../ops/open-operational-store';

/**
 * `npm run learning -- validate` checks every module file; `campaign add …` plans a campaign from
 * options or a file; `campaign list` shows them; `rates [year]` prints the completion rates.
 */
const USAGE = `Användning:
  npm run learning -- validate [--dir mapp]
  npm run learning -- campaign add --module ID --audience alla|namnder|fortroendevalda [--committees SN,KFN]
                                   --start ÅÅÅÅ-MM-DD --due ÅÅÅÅ-MM-DD [--every DAGAR] [--max ANTAL] [--id ID]
  npm run learning -- campaign add --file kampanjer.yaml
  npm run learning -- campaign list
  npm run learning -- rates [år]`;

function validate(dir: string): number {
  const library = loadModuleLibrary(dir);
  for (const p of library.problems) console.error(`${p.file}:${p.line}: ${p.message}`);
  const broken = new Set(library.problems.map((p) => p.file)).size;
  console.log(`${library.modules.length} av ${library.modules.length + broken} moduler är giltiga.`);
  return broken ? 1 : 0;
}

/** Campaigns from a file (YAML or JSON; one campaign or a list, read within limits) or from the options, as the schema's fields. */
function campaignInputs(args: string[]): { inputs: unknown[] } | { problems: CampaignProblem[] } {
  const file = option(args, '--file');
  if (file) {
    const size = statSync(file).size;
    return size > MAX_CAMPAIGN_FILE_BYTES ? { problems: [tooLargeCampaignFile(size)] } : readCampaignFile(readFileSync(file, 'utf8'));
  }
  const number = (name: string) => (option(args, name) === undefined ? undefined : Number(option(args, name)));
  const committees = option(args, '--committees');
  const input: Record<string, unknown> = {
    moduleId: option(args, '--module'),
    audience: option(args, '--audience'),
    startDate: option(args, '--start'),
    dueDate: option(args, '--due'),
    ...(committees ? { committeeCodes: committees.split(',').map((c) => c.trim().toUpperCase()) } : {}),
    ...(number('--every') !== undefined ? { reminderEveryDays: number('--every') } : {}),
    ...(number('--max') !== undefined ? { maxReminders: number('--max') } : {}),
    ...(option(args, '--id') ? { campaignId: option(args, '--id') } : {}),
  };
  return { inputs: [input] };
}

const percent = (r: Rate) => (r.rate === undefined ? '–' : `${Math.round(r.rate * 100)} % (${r.completed} av ${r.expected})${r.meetsTarget ? ' ✓' : ''}`);

async function withStore(config: AppConfig, work: (store: Store) => Promise<number>): Promise<number> {
  const store = await openStore(config, systemClock);
  try {
    if (config.seedDemoData) await seedDemoDataIfEmpty(store);
    return await work(store);
  } finally {
    await store.close();
  }
}

async function main(args: string[]): Promise<number> {
  const [command, sub] = args;
  loadDotEnv();
  const config = loadConfig();
  if (command === 'validate') return validate(option(args, '--dir') ? path.resolve(option(args, '--dir')!) : config.learning.dir);
  if (command === 'campaign' && sub === 'add') {
    const read = campaignInputs(args);
    if ('problems' in read) {
      console.error(`${read.problems.length} fel, ingen kampanj sparades:`);
      for (const p of read.problems) console.error(`  ${p.where}: ${p.message}`);
      return 1;
    }
    const library = loadModuleLibrary(config.learning.dir);
    return withStore(config, async (store) => {
      const outcome = await planCampaigns(store, library, read.inputs, { createdBy: process.env.USER ?? 'kommandorad', at: new Date() });
      if ('problems' in outcome) {
        console.error(`${outcome.problems.length} fel, ingen kampanj sparades:`);
        for (const p of outcome.problems) console.error(`  ${p.where}: ${p.message}`);
        return 1;
      }
      for (const c of outcome.created) console.log(`Sparad: ${c.campaignId} (${c.moduleId}, ${c.audience}${c.committeeCodes.length ? ` ${c.committeeCodes.join(', ')}` : ''}, ${c.startDate} – ${c.dueDate})`);
      for (const c of outcome.existing) console.log(`Fanns redan: ${c.campaignId}`);
      return 0;
    });
  }
  if (command === 'campaign' && sub === 'list') {
    return withStore(config, async (store) => {
      const campaigns = (await store.campaigns.query()).map((c) => c.value).sort((a, b) => a.startDate.localeCompare(b.startDate));
      if (campaigns.length === 0) console.log('Inga kampanjer.');
      for (const c of campaigns) {
        console.log(`${c.campaignId}: ${c.moduleId} till ${c.audience}${c.committeeCodes.length ? ` (${c.committeeCodes.join(', ')})` : ''}, ${formatDay(c.startDate)} – ${formatDay(c.dueDate)}, påminnelse var ${c.reminderEveryDays}:e dag, högst ${c.maxReminders}`);
      }
      return 0;
    });
  }
  if (command === 'rates') {
    const year = sub ? Number(sub) : stockholmQuarter(new Date()).year;
    if (!Number.isInteger(year)) {
      console.error(`"${sub}" är inget år.\n${USAGE}`);
      return 2;
    }
    return withStore(config, async (store) => {
      // The people sync's register lives in the operational store: read there once the sync has run.
      const ops = await openOperationalStore(config);
      const rates = await loadCompletionRates(store, ops.staff, year, config.learning.target).finally(() => ops.close());
      const names = new Map((await store.committees.query()).map((c) => [c.value.code, c.value.name]));
      console.log(`Genomförd utbildning ${year}, mål ${Math.round(rates.target * 100)} %: ${percent(rates.overall)}`);
      for (const [code, r] of Object.entries(rates.byCommittee)) console.log(`  ${names.get(code) ?? code}: ${percent(r)}`);
      console.log(`  Förtroendevalda: ${percent(rates.electedOfficials)}`);
      for (const [id, r] of Object.entries(rates.byModule)) console.log(`  Modul ${id}: ${percent(r)}`);
      return 0;
    });
  }
  console.error(USAGE);
  return 2;
}

if (require.main === module) runCli(() => main(process.argv.slice(2)));
