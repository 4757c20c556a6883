import { loadConfig, loadDotEnv } from '../config/config';
import { LIST_DEFINITIONS } from '../store/list-schema';
import { toStoreError } from '../store/sharepoint/graph-calls';
import { changedAnything, provisionLists, type ProvisionSummary } from '../store/sharepoint/provision-lists';
import { connectToSite } from '../store/sharepoint/sharepoint-store';
import { runCli } from './run-cli';

/**
 * `npm run provision`: creates the SharePoint lists, columns and indexes Infosäk needs on the site
 * in SHAREPOINT_SITE. Safe to run again: what is already right is left alone. Needs an identity that
 * may manage lists (Sites.Selected with a manage grant on the site, or an administrator's run).
 */
export function summaryLines(s: ProvisionSummary, lists: number): string[] {
  const lines: string[] = [];
  if (!changedAnything(s)) lines.push(`Inget att ändra: alla ${lists} listor finns med rätt kolumner och index.`);
  else {
    lines.push('Klart:');
    if (s.listsCreated.length) lines.push(`  skapade ${s.listsCreated.length} listor: ${s.listsCreated.join(', ')}`);
    if (s.columnsAdded.length) lines.push(`  lade till ${s.columnsAdded.length} kolumner: ${s.columnsAdded.join(', ')}`);
    if (s.columnsIndexed.length) lines.push(`  indexerade ${s.columnsIndexed.length} kolumner: ${s.columnsIndexed.join(', ')}`);
    if (s.columnsMadeUnique.length) lines.push(`  unika värden i ${s.columnsMadeUnique.length} kolumner: ${s.columnsMadeUnique.join(', ')}`);
    if (s.choicesAdded.length) lines.push(`  nya val i ${s.choicesAdded.length} kolumner: ${s.choicesAdded.join(', ')}`);
    if (s.keysWritten.length) lines.push(`  skrev år och nämnd som nyckel i poster sparade före nyckelkolumnen: ${s.keysWritten.join(', ')}`);
  }
  if (s.needsAttention.length) lines.push('Behöver åtgärdas för hand:', ...s.needsAttention.map((n) => `  - ${n}`));
  return lines;
}

async function main(): Promise<number> {
  loadDotEnv();
  const config = loadConfig({ ...process.env, STORE: 'sharepoint' });
  const settings = config.graph!;
  console.log(`Provisionerar ${LIST_DEFINITIONS.length} listor på ${settings.site} …`);
  const connection = await connectToSite(settings);
  const summary = await provisionLists(connection, LIST_DEFINITIONS, (line) => console.log(`  ${line}`));
  console.log(summaryLines(summary, LIST_DEFINITIONS.length).join('\n'));
  return summary.needsAttention.length > 0 ? 3 : 0;
}

if (require.main === module) runCli(main, (err) => toStoreError(err).message);
