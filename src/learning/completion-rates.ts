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

function rateOf(completed: number, expected: number, target: number): Rate {
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
  const groups = new RateGroups();
  for (const [key, { learner, moduleId }] of expected) groups.add({ ...learner, moduleId }, 1, passed.has(key) ? 1 : 0);
  return groups.rates(input.target, input.committees, [...new Set(input.campaigns.map((c) => c.moduleId))]);
}

/**
 * Expected and completed (person, module) pairs, counted into every group a pair belongs to: all,
 * its committee, its module, and the elected officials. Both ways to the rates count through it:
 * from every record (completionRates) and from the tallies (training-tally.ts).
 */
export class RateGroups {
  private readonly counts = new Map<string, { expected: number; completed: number }>();

  add(pair: { committeeCode: string; electedOfficial: boolean; moduleId: string }, expected: number, completed: number): void {
    const groups = [`committee:${pair.committeeCode}`, `module:${pair.moduleId}`, 'all', ...(pair.electedOfficial ? ['elected'] : [])];
    for (const group of groups) {
      const c = this.counts.get(group) ?? { expected: 0, completed: 0 };
      c.expected += expected;
      c.completed += completed;
      this.counts.set(group, c);
    }
  }

  rates(target: number, committees: string[], modules: string[]): CompletionRates {
    const rate = (group: string) => rateOf(this.counts.get(group)?.completed ?? 0, this.counts.get(group)?.expected ?? 0, target);
    return {
      target,
      overall: rate('all'),
      byCommittee: Object.fromEntries(committees.map((code) => [code, rate(`committee:${code}`)])),
      byModule: Object.fromEntries(modules.map((id) => [id, rate(`module:${id}`)])),
      electedOfficials: rate('elected'),
    };
  }
}
