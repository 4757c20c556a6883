import { passedUpTo, ratesFromTallies, type PassedMonthTally, type TrainingTallies } from '../learning/training-tally';
import type { Campaign } from '../learning/campaign';
import type { TrainingTrend } from './status-view-types';

/** The audit's finding (seed 001): about half of staff, 48 %, finished the security training sent by e-mail. */
export const AUDIT_BASELINE = 0.48;

/** The months of a year shown on the chart: all twelve of a past year, up to the current one of this year, none of a later one. */
export function trendMonths(year: number, currentMonth: string): string[] {
  const all = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  return all.filter((m) => m <= currentMonth);
}

/**
 * The year's training figures as they stood at the end of each month: the same rates as the
 * overview's (the year's campaigns asking the current learners), with the passes first made by then.
 * A pass from before months were kept ("") counts from the start.
 */
export function trainingTrend(input: {
  learners: TrainingTallies['learners'];
  passedByMonth: PassedMonthTally[];
  campaigns: Campaign[];
  committees: { code: string; name: string }[];
  target: number;
  months: string[];
}): TrainingTrend {
  const codes = input.committees.map((c) => c.code);
  const byMonth = input.months.map((month) =>
    ratesFromTallies({ tallies: { learners: input.learners, passed: passedUpTo(input.passedByMonth, month) }, campaigns: input.campaigns, committees: codes, target: input.target }),
  );
  return {
    months: input.months,
    baseline: AUDIT_BASELINE,
    overall: byMonth.map((r) => r.overall.rate ?? null),
    committees: input.committees.map((c) => ({ code: c.code, name: c.name, rates: byMonth.map((r) => r.byCommittee[c.code]?.rate ?? null) })),
  };
}
