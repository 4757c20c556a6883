import type { LearningAnswers } from '../ops/operational-store';
import type { ModuleCardState } from './module-card-state';

/**
 * Each question is answered once per attempt. The card's signed state says where the person is,
 * but an older card (from before an answer) is signed too: replaying it must not change the answer.
 * The first answer is kept in the operational store; the same answer again (a double click) is fine.
 */
export async function answerOnce(answers: LearningAnswers, personId: string, state: ModuleCardState, question: number, choice: number, now: Date): Promise<'ok' | 'alreadyAnswered'> {
  const standing = await answers.answerOnce({ personId, attempt: state.n, question, choice }, now.toISOString());
  return standing === choice ? 'ok' : 'alreadyAnswered';
}
