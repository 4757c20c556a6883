import type { Store } from '../store/store';
import type { Completion } from './completion';
import type { LearningModule } from './learning-module';
import type { ModuleCardState } from './module-card-state';
import type { QuizResult } from './quiz';

/** The committee a completion counts for when the person is not in the roles list. */
export const NO_COMMITTEE = '-';

/**
 * Stores a passed quiz once per attempt: the key holds the attempt id from the card, so a double
 * click, a resent invoke or two instances answering the same click store one record, while a
 * later retake (a new attempt) is recorded too.
 */
export async function recordCompletion(
  store: Store,
  input: { personId: string; committeeCode: string | undefined; module: LearningModule; state: ModuleCardState; result: QuizResult; at: Date },
): Promise<{ completion: Completion; created: boolean }> {
  const completion: Completion = {
    personId: input.personId,
    moduleId: input.module.id,
    moduleVersion: input.module.version,
    committeeCode: input.committeeCode ?? NO_COMMITTEE,
    completedAt: input.at.toISOString(),
    score: Math.round(input.result.score * 1000) / 1000,
  };
  const key = `completion:${input.personId}:${input.module.id}:v${input.module.version}:${input.state.n}`;
  const { item, created } = await store.completions.create(key, completion);
  return { completion: item.value, created };
}
