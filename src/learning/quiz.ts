import type { LearningModule } from './learning-module';

export interface QuizResult {
  right: number;
  total: number;
  /** Share right, 0–1. */
  score: number;
  passed: boolean;
}

/** The share a module asks for, or the configured default. */
export function passScoreOf(module: LearningModule, defaultPassScore: number): number {
  return module.passScore ?? defaultPassScore;
}

export function isCorrect(module: LearningModule, question: number, choice: number): boolean {
  return module.quiz[question]?.choices[choice]?.correct === true;
}

/** Scores the answers given (one choice index per question, in order). Unanswered questions count as wrong. */
export function scoreQuiz(module: LearningModule, answers: number[], defaultPassScore: number): QuizResult {
  const total = module.quiz.length;
  const right = module.quiz.filter((_, i) => answers[i] !== undefined && isCorrect(module, i, answers[i]!)).length;
  const score = total === 0 ? 0 : right / total;
  // A small tolerance so that 2 of 3 passes a threshold written as 0.66 or 2/3.
  return { right, total, score, passed: score + 1e-9 >= passScoreOf(module, defaultPassScore) };
}
