import { odata, type TableClient } from '@azure/data-tables';
import type { LearnerTally, PassedTally, TrainingTallies } from '../../learning/training-tally';
import { scan } from './azure-status-tallies-rows';

/** The training partition of the tallies table (azure-status-tallies.ts). */
const TRAINING = 'training';

/**
 * "Of those reached": the people with a personal chat, read from the conversation references'
 * table (azure-conversations.ts: one row per conversation with `conversationType` and `personId`
 * in lower case), joined with every person's group and pass in the tallies. Table Storage cannot
 * join, so this reads them all; the caller keeps the result for a while.
 */
export async function countReached(table: TableClient, conversations: TableClient): Promise<NonNullable<TrainingTallies['reachable']>> {
  const reached = new Set<string>();
  const chats = conversations.listEntities<{ personId?: string }>({ queryOptions: { filter: odata`conversationType eq 'personal'`, select: ['personId'] } });
  const [people, passes] = await Promise.all([scan(table, TRAINING, 'p|', ['person', 'committee', 'elected', 'gone']), scan(table, TRAINING, 'x|', ['person', 'module', 'committee', 'elected', 'gone']), (async () => {
    for await (const c of chats) if (c.personId) reached.add(c.personId.toLowerCase());
  })()]);
  const learners = new Map<string, LearnerTally>();
  for (const p of people) {
    if (p.gone || p.committee === '-' || !reached.has(p.person as string)) continue;
    const key = JSON.stringify([p.committee, p.elected]);
    const tally = learners.get(key) ?? { committeeCode: p.committee as string, electedOfficial: p.elected as boolean, learners: 0 };
    tally.learners++;
    learners.set(key, tally);
  }
  const passed = new Map<string, PassedTally>();
  for (const p of passes) {
    if (p.gone || p.committee === '-' || !reached.has(p.person as string)) continue;
    const key = JSON.stringify([p.committee, p.elected, p.module]);
    const tally = passed.get(key) ?? { committeeCode: p.committee as string, electedOfficial: p.elected as boolean, moduleId: p.module as string, passed: 0 };
    tally.passed++;
    passed.set(key, tally);
  }
  return { learners: [...learners.values()], passed: [...passed.values()] };
}
