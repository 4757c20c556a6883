import { isInAudience, type Campaign, type Learner } from './campaign';
import type { Completion } from './completion';

/** Completed out of expected, for one group. `rate` is undefined when nothing was expected of the group. */
export interface Rate {
  completed: number;
  expected: number;
  rate: number | undefined;
  meetsTarget: boolean;
}

export interface CompletionRates {
  target: number;
  overall: Rate;
  byCommittee: Record<string, Rate>;
  byModule: Record<string, Rate>;
  electedOfficials: Rate;
}

export function rateOf(completed: number, expected: number, target: number): Rate {
  const rate = expected === 0 ? undefined : completed / expected;
  return { completed, expected, rate, meetsTarget: rate !== undefined && rate + 1e-9 >= target };
}

/**
 * What is expected is what the campaigns asked for: one (person, module) pair for each person in
 * a campaign's audience. A pair counts as completed when the person has passed that module, in
 * any version. A person in two campaigns for the same module is expected once. This is the
 * figure to put beside the audit's 48 %: the share of assigned training actually finished.
 */
export function completionRates(input: { learners: Learner[]; campaigns: Campaign[]; completions: Completion[]; committees: string[]; target: number }): CompletionRates {
  const passed = new Set(input.completions.map((c) => `${c.personId.toLowerCase()}\u0000${c.moduleId}`));
  const expected = new Map<string, { learner: Learner; moduleId: string }>();
  for (const campaign of input.campaigns) {
    for (const learner of input.learners) {
      if (isInAudience(campaign, learner)) expected.set(`${learner.personId.toLowerCase()}\u0000${campaign.moduleId}`, { learner, moduleId: campaign.moduleId });
    }
  }
  // One pass over the expected pairs, counting into every group the pair belongs to.
  const counts = new Map<string, { expected: number; completed: number }>();
  const count = (group: string, done: boolean) => {
    const c = counts.get(group) ?? { expected: 0, completed: 0 };
    c.expected++;
    if (done) c.completed++;
    counts.set(group, c);
  };
  for (const [key, { learner, moduleId }] of expected) {
    const done = passed.has(key);
    count('all', done);
    count(`committee:${learner.committeeCode}`, done);
    count(`module:${moduleId}`, done);
    if (learner.electedOfficial) count('elected', done);
  }
  const rate = (group: string) => rateOf(counts.get(group)?.completed ?? 0, counts.get(group)?.expected ?? 0, input.target);
  const modules = [...new Set(input.campaigns.map((c) => c.moduleId))];
  return {
    target: input.target,
    overall: rate('all'),
    byCommittee: Object.fromEntries(input.committees.map((code) => [code, rate(`committee:${code}`)])),
    byModule: Object.fromEntries(modules.map((id) => [id, rate(`module:${id}`)])),
    electedOfficials: rate('elected'),
  };
}
