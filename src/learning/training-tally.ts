import { stockholmDate } from '../clock/stockholm-time';
import type { StatusTallies } from '../ops/operational-store';
import type { Person } from '../organisation/organisation';
import { isInAudience, learnerOfPerson, type Campaign, type Learner } from './campaign';
import type { Completion } from './completion';
import { RateGroups, type CompletionRates } from './completion-rates';
import { NO_COMMITTEE } from './record-completion';

/**
 * The training figures without reading every role and completion: what `completionRates` computes
 * from all records, computed from two small tallies kept in the operational store.
 * - learners: how many staff and elected officials each committee has;
 * - passed: how many of them have passed each module (in any version), by committee.
 * A campaign asks its audience for one module, and the audience is a matter of committee and of
 * being an elected official, so both figures follow from the tallies and the year's campaigns.
 * They are a few rows per committee and module, whatever the number of staff.
 */
export interface LearnerTally {
  committeeCode: string;
  electedOfficial: boolean;
  learners: number;
}

export interface PassedTally {
  committeeCode: string;
  electedOfficial: boolean;
  moduleId: string;
  passed: number;
}

export interface TrainingTallies {
  learners: LearnerTally[];
  passed: PassedTally[];
  /** The same for those of the learners the bot can write to (a personal chat): the figures' "of those reached". */
  reachable?: { learners: LearnerTally[]; passed: PassedTally[] };
}

/** A learner's group: their home committee, and whether they are an elected official. `personId` in lower case. */
export interface PersonGroup {
  personId: string;
  committeeCode: string;
  electedOfficial: boolean;
}

/** A person's first pass of a module, with the group it counts in (the person's, as the roles give it). */
export interface PassedPair extends PersonGroup {
  moduleId: string;
  /** The month of the first pass, "2026-03" in Stockholm: what the figures over the year count by. */
  month: string;
  /** When the latest pass was made (ISO 8601): a campaign may leave out those who passed recently (a retake moves it). */
  lastAt: string;
}

/** Passes counted by the month they were first made in, per group and module. */
export interface PassedMonthTally extends PassedTally {
  /** "2026-03"; "" for a pass counted before months were kept (until the next recount): before any month. */
  month: string;
}

/**
 * The month a completion was made in, in Stockholm. Kept per UTC hour (Stockholm's offset changes
 * on the hour), since the recount asks it of every completion: a few thousand distinct hours a
 * year, where 250,000 calls to the time-zone formatter would cost seconds.
 */
const monthsByHour = new Map<string, string>();
function monthOf(completedAt: string): string {
  const hour = completedAt.slice(0, 13);
  let month = monthsByHour.get(hour);
  if (month === undefined) monthsByHour.set(hour, (month = stockholmDate(new Date(completedAt)).slice(0, 7)));
  return month;
}

/**
 * The tallies key people by their id in lower case: Entra object ids are GUIDs, and the roles list
 * (SharePoint, or SQLite's NOCASE index) finds a person whatever the case the id is written in.
 */
const personKey = (personId: string) => personId.toLowerCase();

/** For each person, whether the tallies hold a pass of the module (in any version), or with `since`, one made at or after it. */
export function passedAmong(tallies: StatusTallies, moduleId: string, personIds: readonly string[], since?: string): Promise<boolean[]> {
  return tallies.passedAmong(moduleId, personIds.map(personKey), since);
}

/** The group a completion counts in: the person as a learner, or nobody's (not staff) — such a pass is kept but counts nowhere. */
export function groupOf(learner: Pick<Learner, 'committeeCode' | 'electedOfficial'> | undefined): Pick<PassedPair, 'committeeCode' | 'electedOfficial'> {
  return learner ? { committeeCode: learner.committeeCode, electedOfficial: learner.electedOfficial } : { committeeCode: NO_COMMITTEE, electedOfficial: false };
}

/**
 * Counts a stored completion in the tallies: once per person and module (a retake or another
 * version does not count again), in the group the person's roles give now. A person the roles
 * list does not know is kept but counts nowhere, as in `completionRates`.
 */
export async function countPass(tallies: StatusTallies, completion: Pick<Completion, 'personId' | 'moduleId' | 'completedAt'>, person: Person | undefined): Promise<boolean> {
  const learner = learnerOfPerson(person);
  return tallies.recordPass({ personId: personKey(completion.personId), moduleId: completion.moduleId, month: monthOf(completion.completedAt), lastAt: completion.completedAt, ...groupOf(learner) });
}

/** Every learner in their group, and every (person, module) passed, each once, in the group the person is in now: a full recount. */
export function passedPairsFrom(learners: Learner[], completions: Completion[]): { people: PersonGroup[]; pairs: PassedPair[] } {
  const people = new Map<string, PersonGroup>();
  for (const l of learners) {
    const key = personKey(l.personId);
    if (!people.has(key)) people.set(key, { personId: key, committeeCode: l.committeeCode, electedOfficial: l.electedOfficial });
  }
  const pairs = new Map<string, PassedPair & { first: string }>();
  for (const c of completions) {
    const person = personKey(c.personId);
    const key = `${person}\u0000${c.moduleId}`;
    const known = pairs.get(key);
    // The first pass decides the month: a retake does not move it; the latest is kept beside it.
    if (!known) pairs.set(key, { personId: person, moduleId: c.moduleId, month: monthOf(c.completedAt), first: c.completedAt, lastAt: c.completedAt, ...groupOf(people.get(person)) });
    else {
      if (c.completedAt < known.first) Object.assign(known, { first: c.completedAt, month: monthOf(c.completedAt) });
      if (c.completedAt > known.lastAt) known.lastAt = c.completedAt;
    }
  }
  return { people: [...people.values()], pairs: [...pairs.values()].map(({ first: _first, ...pair }) => pair) };
}

/**
 * The same rates as `completionRates` over the learners of `committees`, from the tallies: a group
 * (committee, elected or not) is expected to take a module when one of the year's campaigns for
 * that module reaches it; a person reached by two campaigns for one module is expected once.
 */
export function ratesFromTallies(input: { tallies: TrainingTallies; campaigns: Campaign[]; committees: string[]; target: number }): CompletionRates {
  const visible = new Set(input.committees);
  const modules = [...new Set(input.campaigns.map((c) => c.moduleId))];
  const asks = (moduleId: string, committeeCode: string, electedOfficial: boolean) =>
    input.campaigns.some((c) => c.moduleId === moduleId && isInAudience(c, { personId: '', committeeCode, electedOfficial }));
  const groups = new RateGroups();
  for (const g of input.tallies.learners) {
    if (!visible.has(g.committeeCode)) continue;
    for (const moduleId of modules) if (asks(moduleId, g.committeeCode, g.electedOfficial)) groups.add({ ...g, moduleId }, g.learners, 0);
  }
  for (const p of input.tallies.passed) {
    if (visible.has(p.committeeCode) && asks(p.moduleId, p.committeeCode, p.electedOfficial)) groups.add(p, 0, p.passed);
  }
  return groups.rates(input.target, input.committees, modules);
}

/** The passes made up to the end of a month ("2026-12"), summed over the months: the tally as it stood then. */
export function passedUpTo(passedByMonth: readonly PassedMonthTally[], month: string): PassedTally[] {
  const passed = new Map<string, PassedTally>();
  for (const p of passedByMonth) {
    if (p.month > month) continue;
    const key = `${p.committeeCode}\u0000${p.electedOfficial}\u0000${p.moduleId}`;
    const sum = passed.get(key) ?? { committeeCode: p.committeeCode, electedOfficial: p.electedOfficial, moduleId: p.moduleId, passed: 0 };
    sum.passed += p.passed;
    passed.set(key, sum);
  }
  return [...passed.values()];
}

/**
 * A year's training figures as they stood at its end: passes made since (next January on) are not
 * that year's. For a year still running nothing has come after it, and the tallies are as kept.
 * "Of those reached" is today's reach, which says nothing of a past year, so it is left out there.
 */
export function trainingAtYearEnd(training: TrainingTallies, passedByMonth: readonly PassedMonthTally[], year: number): TrainingTallies {
  const end = `${year}-12`;
  if (!passedByMonth.some((p) => p.month > end)) return training;
  return { learners: training.learners, passed: passedUpTo(passedByMonth, end) };
}
