import type { LearningModule } from './learning-module';
import { newAttemptId, questionAt, type ModuleCardState } from './module-card-state';

export type ModuleMove = { kind: 'next' } | { kind: 'back' } | { kind: 'answer'; choice: number };

/** A fresh attempt at the first step, or straight at the quiz for someone retaking it. */
export function startState(module: LearningModule, at: 'start' | 'quiz' = 'start'): ModuleCardState {
  return { m: module.id, v: module.version, p: at === 'quiz' ? module.steps.length : 0, a: [], n: newAttemptId() };
}

export function isQuizDone(module: LearningModule, state: ModuleCardState): boolean {
  return state.a.length === module.quiz.length;
}

/**
 * The one place that says which move is allowed where. A move that does not fit the position
 * (an answer on a text step, "next" past an unanswered question, an answer changed after its
 * feedback was shown) is refused: a card clicked twice or an old copy cannot skip ahead.
 */
export function applyMove(module: LearningModule, state: ModuleCardState, move: ModuleMove): ModuleCardState | undefined {
  const q = questionAt(module, state.p);
  const answered = q !== undefined && state.a.length === q + 1;
  switch (move.kind) {
    case 'next': {
      if (q === undefined) return { ...state, p: state.p + 1 };
      if (answered && q + 1 < module.quiz.length) return { ...state, p: state.p + 1 };
      return undefined;
    }
    case 'back': {
      if (state.p === 0) return undefined;
      if (q === undefined || (q === 0 && !answered)) return { ...state, p: state.p - 1 };
      return undefined;
    }
    case 'answer': {
      if (q === undefined || answered) return undefined;
      const choices = module.quiz[q]!.choices.length;
      if (!Number.isInteger(move.choice) || move.choice < 0 || move.choice >= choices) return undefined;
      return { ...state, a: [...state.a, move.choice] };
    }
  }
}
