import type { z } from 'zod';
import type { Store } from '../store/store';
import { campaignIdFor, CampaignInputSchema, type Campaign, type CampaignOrigin } from './campaign';
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

type Sending = Pick<Campaign, 'moduleId' | 'audience' | 'committeeCodes' | 'startDate'>;
/** What a campaign sends to whom from which day: two campaigns alike in this would give everyone two cards. */
const sendingOf = (c: Sending) => [c.moduleId, c.audience, [...new Set(c.committeeCodes)].sort().join(','), c.startDate].join('|');

/** A stored campaign that sends the same module to the same people from the same day (each campaign keeps its own ledger). */
export async function twinOf(store: Store, c: Sending, exceptId?: string): Promise<Campaign | undefined> {
  const sameDay = await store.campaigns.query({ field: 'startDate', op: 'eq', value: c.startDate });
  return sameDay.map((i) => i.value).find((o) => o.campaignId !== exceptId && sendingOf(o) === sendingOf(c));
}

/**
 * The id a new campaign gets: the one its values give, unless a campaign changed in the tab still
 * carries that id with other values — then the first free one after it, so a changed campaign
 * never blocks a new one.
 */
async function freeIdFor(store: Store, c: Sending, taken: ReadonlySet<string>): Promise<string> {
  const base = campaignIdFor(c);
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(id) && !(await store.campaigns.getByKey(id))) return id;
  }
}

/** What a checked campaign input sets: the fields a new campaign is made of, and a planned one is changed in. */
export function plannedFields(c: z.output<typeof CampaignInputSchema>) {
  return {
    moduleId: c.moduleId,
    audience: c.audience,
    committeeCodes: c.committeeCodes,
    startDate: c.startDate,
    dueDate: c.dueDate,
    reminderEveryDays: c.reminderEveryDays,
    maxReminders: c.maxReminders,
    ...(c.skipPassedWithinDays !== undefined ? { skipPassedWithinDays: c.skipPassedWithinDays } : {}),
  };
}

/**
 * Checks every campaign first and stores them only if all are right, so a file with one mistake
 * stores nothing. A campaign already stored — the same id, or the same module, audience and start
 * under another id (one changed in the tab) — is left as it is: planning the same file twice adds nothing.
 */
export async function planCampaigns(
  store: Store,
  library: ModuleLibrary,
  inputs: unknown[],
  by: { createdBy: string; at: Date; origin?: CampaignOrigin },
): Promise<{ problems: CampaignProblem[] } | { created: Campaign[]; existing: Campaign[] }> {
  const committees = new Set((await store.committees.query()).map((c) => c.value.code));
  const problems: CampaignProblem[] = [];
  const checked: { where: string; c: z.output<typeof CampaignInputSchema> }[] = [];
  inputs.forEach((input, i) => {
    const one = checkCampaignInput(input, `kampanj ${i + 1}`, library, committees);
    problems.push(...one.problems);
    if (one.campaign) checked.push({ where: `kampanj ${i + 1}`, c: one.campaign });
  });
  // Twins within the file: the same sending twice, or the same id given twice.
  const ids = new Set<string>();
  const sendings = new Set<string>();
  for (const { where, c } of checked) {
    const id = c.campaignId ?? campaignIdFor(c);
    if (ids.has(id)) problems.push({ where, message: `samma id som en tidigare kampanj i filen (${id})` });
    else if (sendings.has(sendingOf(c))) problems.push({ where, message: 'samma modul, målgrupp och startdatum som en tidigare kampanj i filen' });
    ids.add(id);
    sendings.add(sendingOf(c));
  }
  if (problems.length) return { problems };
  const existing: Campaign[] = [];
  const campaigns: Campaign[] = [];
  const taken = new Set<string>();
  for (const { c } of checked) {
    const twin = await twinOf(store, c);
    if (twin) {
      existing.push(twin);
      continue;
    }
    const campaignId = c.campaignId ?? (await freeIdFor(store, c, taken));
    taken.add(campaignId);
    campaigns.push({
      campaignId,
      ...plannedFields(c),
      ...(by.origin ? { origin: by.origin } : {}),
      createdBy: by.createdBy,
      createdAt: by.at.toISOString(),
    });
  }
  const results = campaigns.length ? await store.campaigns.createMany(campaigns.map((c) => ({ key: c.campaignId, value: c }))) : [];
  return { created: results.filter((r) => r.created).map((r) => r.item.value), existing: [...existing, ...results.filter((r) => !r.created).map((r) => r.item.value)] };
}
