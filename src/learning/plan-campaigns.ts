import type { z } from 'zod';
import type { Store } from '../store/store';
import { campaignIdFor, CampaignInputSchema, type Campaign } from './campaign';
import type { ModuleLibrary } from './module-library';

/** One problem with one campaign in a file or on the command line, in Swedish. */
export interface CampaignProblem {
  /** "kampanj 2", or the campaign id when it has one. */
  where: string;
  message: string;
}

/**
 * One campaign as written (a file, the command line, the tab's form): the schema's checks, then
 * whether its module and committees exist. `campaign` is the parsed input when the schema passed
 * (even if the module or a committee does not exist: the problems say so).
 */
export function checkCampaignInput(input: unknown, where: string, library: ModuleLibrary, committees: ReadonlySet<string>): { problems: CampaignProblem[]; campaign?: z.output<typeof CampaignInputSchema> } {
  const parsed = CampaignInputSchema.safeParse(input);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((issue) => ({ where, message: issue.code === 'unrecognized_keys' ? `okänt fält: ${issue.keys.join(', ')}` : issue.message })) };
  }
  const c = parsed.data;
  const problems: CampaignProblem[] = [];
  if (!library.byId(c.moduleId)) problems.push({ where, message: `modulen "${c.moduleId}" finns inte (finns: ${library.modules.map((m) => m.id).join(', ')})` });
  for (const code of c.committeeCodes) if (!committees.has(code)) problems.push({ where, message: `nämnden "${code}" finns inte` });
  return { problems, campaign: c };
}

/**
 * Checks every campaign first and stores them only if all are right, so a file with one mistake
 * stores nothing. A campaign already stored (same id) is left as it is: planning the same file
 * twice adds nothing.
 */
export async function planCampaigns(
  store: Store,
  library: ModuleLibrary,
  inputs: unknown[],
  by: { createdBy: string; at: Date },
): Promise<{ problems: CampaignProblem[] } | { created: Campaign[]; existing: Campaign[] }> {
  const committees = new Set((await store.committees.query()).map((c) => c.value.code));
  const problems: CampaignProblem[] = [];
  const campaigns: Campaign[] = [];
  inputs.forEach((input, i) => {
    const checked = checkCampaignInput(input, `kampanj ${i + 1}`, library, committees);
    problems.push(...checked.problems);
    const c = checked.campaign;
    if (!c) return;
    campaigns.push({
      campaignId: c.campaignId ?? campaignIdFor(c),
      moduleId: c.moduleId,
      audience: c.audience,
      committeeCodes: c.committeeCodes,
      startDate: c.startDate,
      dueDate: c.dueDate,
      reminderEveryDays: c.reminderEveryDays,
      maxReminders: c.maxReminders,
      createdBy: by.createdBy,
      createdAt: by.at.toISOString(),
    });
  });
  const ids = campaigns.map((c) => c.campaignId);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) problems.push({ where: `kampanj ${i + 1}`, message: `samma id som en tidigare kampanj i filen (${id})` });
  });
  if (problems.length) return { problems };
  const results = await store.campaigns.createMany(campaigns.map((c) => ({ key: c.campaignId, value: c })));
  return { created: results.filter((r) => r.created).map((r) => r.item.value), existing: results.filter((r) => !r.created).map((r) => r.item.value) };
}
