/** A passed nano-learning quiz: the record that completion rates are computed from. */
export interface Completion {
  personId: string;
  moduleId: string;
  moduleVersion: number;
  committeeCode: string;
  completedAt: string;
  /** Share of quiz questions answered right, 0–1. */
  score: number;
}
