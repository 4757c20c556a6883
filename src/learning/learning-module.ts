/**
 * A nano-learning module: a few short steps and a small quiz, written as one YAML file in
 * content/learning/modules and reviewed like code. The version is raised whenever the content
 * changes in a way that matters, so a completion says which text the person actually read.
 */
export interface ModuleStep {
  title: string;
  text: string;
  /** Optional picture: an https address (Teams fetches it) and a text for screen readers. */
  image?: { url: string; alt: string };
}

export interface QuizChoice {
  text: string;
  correct: boolean;
  /** Shown at once when this choice is picked: why it is right or wrong. */
  feedback: string;
}

export interface QuizQuestion {
  question: string;
  choices: QuizChoice[];
}

export interface LearningModule {
  id: string;
  version: number;
  title: string;
  /** Estimated minutes, at most five. */
  minutes: number;
  /** One or two sentences: what the person will know afterwards. */
  summary: string;
  /** Where the module comes in lists: lower first. */
  order: number;
  steps: ModuleStep[];
  quiz: QuizQuestion[];
  /** Share of the quiz that must be right to pass (0–1); the configured default when absent. */
  passScore?: number;
}
