import { stockholmDate } from '../clock/stockholm-time';
import type { Store } from '../store/store';
import { findPerson } from '../organisation/people';
import { isInAudience, learnerOfPerson } from './campaign';
import { activeCampaigns } from './campaign-messages';
import type { LearningModule } from './learning-module';
import type { ModuleLibrary } from './module-library';

export interface ModuleProgress {
  module: LearningModule;
  /** The latest pass, any version. */
  completedAt?: string;
  /** The earliest due date of a running campaign that asks this person for the module. */
  dueDate?: string;
}

/**
 * What a person has left and what they have done. Left: modules a running campaign asks of them
 * first, soonest due date first, then the rest in list order; a pass of any version counts.
 */
export async function progressOf(store: Store, library: ModuleLibrary, personId: string, now: Date): Promise<{ left: ModuleProgress[]; done: ModuleProgress[] }> {
  const [completions, person, campaigns] = await Promise.all([
    store.completions.query({ field: 'personId', op: 'eq', value: personId }),
    findPerson(store, personId),
    activeCampaigns(store, stockholmDate(now)),
  ]);
  const latest = new Map<string, string>();
  for (const { value } of completions) {
    if ((latest.get(value.moduleId) ?? '') < value.completedAt) latest.set(value.moduleId, value.completedAt);
  }
  const learner = learnerOfPerson(person);
  const due = new Map<string, string>();
  for (const c of campaigns) {
    if (!learner || !isInAudience(c, learner)) continue;
    if (!due.has(c.moduleId) || c.dueDate < due.get(c.moduleId)!) due.set(c.moduleId, c.dueDate);
  }
  const all = library.modules.map((module) => {
    const completedAt = latest.get(module.id);
    const dueDate = due.get(module.id);
    return { module, ...(completedAt ? { completedAt } : {}), ...(dueDate ? { dueDate } : {}) };
  });
  const left = all
    .filter((p) => !p.completedAt)
    .sort((a, b) => (a.dueDate ?? '9999') .localeCompare(b.dueDate ?? '9999') || a.module.order - b.module.order);
  const done = all.filter((p) => p.completedAt).sort((a, b) => b.completedAt!.localeCompare(a.completedAt!));
  return { left, done };
}
