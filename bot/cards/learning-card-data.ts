import { formatDay } from '../../src/clock/stockholm-time';
import { t, type Locale } from '../../src/i18n/texts';
import type { ModuleProgress } from '../../src/learning/learning-progress';
import type { LearningModule } from '../../src/learning/learning-module';
import { questionAt, type ModuleCardState } from '../../src/learning/module-card-state';
import { isCorrect, type QuizResult } from '../../src/learning/quiz';
import type { Verb } from './verbs';

/** One button on the module card: Action.Execute, with the same data for the Action.Submit fallback. */
export interface ModuleCardAction {
  title: string;
  verb: Verb;
  data: Record<string, unknown>;
}

export interface ModuleCardInput {
  module: LearningModule;
  /** Absent: the introduction (an invitation, a reminder, or a stale card's restart). */
  state?: ModuleCardState;
  intro?: { lead: string; dueDate?: string };
  result?: { quiz: QuizResult; needed: number; completedAt?: string };
  notice?: string;
  actions: ModuleCardAction[];
}

/** Data for learning-module-card.json: what the person sees at one position of a module. */
export function moduleCardData(locale: Locale, input: ModuleCardInput) {
  const { module, state } = input;
  const steps = module.steps.length;
  const questions = module.quiz.length;
  const q = state ? questionAt(module, state.p) : undefined;
  const view = !state ? 'intro' : q === undefined ? 'step' : state.a.length > q ? 'feedback' : 'question';
  const step = state && q === undefined ? module.steps[state.p]! : undefined;
  const question = q !== undefined ? module.quiz[q]! : undefined;
  const picked = q !== undefined && state ? state.a[q] : undefined;
  const right = q !== undefined && picked !== undefined && isCorrect(module, q, picked);
  const result = input.result;
  return {
    title: module.title,
    view,
    progress:
      view === 'intro'
        ? t(locale, 'learning.card.progress.intro', { minutes: module.minutes })
        : q === undefined
          ? t(locale, 'learning.card.progress.step', { n: state!.p + 1, total: steps })
          : t(locale, 'learning.card.progress.question', { n: q + 1, total: questions }),
    notice: input.notice ?? '',
    intro: {
      lead: input.intro?.lead ?? '',
      summary: module.summary,
      meta:
        t(locale, 'learning.card.intro.meta', { minutes: module.minutes, steps, questions }) +
        (input.intro?.dueDate ? t(locale, 'learning.card.intro.due', { date: formatDay(input.intro.dueDate, locale) }) : ''),
    },
    step: { heading: step?.title ?? '', text: step?.text ?? '', imageUrl: step?.image?.url ?? '', imageAlt: step?.image?.alt ?? '' },
    question: {
      text: question?.question ?? '',
      label: t(locale, 'learning.card.answerLabel'),
      required: t(locale, 'learning.card.answerRequired'),
      choices: (question?.choices ?? []).map((c, i) => ({ title: c.text, value: String(i) })),
    },
    feedback: {
      question: question?.question ?? '',
      answer: picked !== undefined ? t(locale, 'learning.card.yourAnswer', { answer: question?.choices[picked]?.text ?? '' }) : '',
      verdict: t(locale, right ? 'learning.card.right' : 'learning.card.wrong'),
      right,
      text: picked !== undefined ? (question?.choices[picked]?.feedback ?? '') : '',
    },
    result: result
      ? {
          show: true,
          passed: result.quiz.passed,
          heading: t(locale, result.quiz.passed ? 'learning.card.passed.heading' : 'learning.card.failed.heading', { right: result.quiz.right, total: result.quiz.total }),
          text: result.quiz.passed
            ? t(locale, 'learning.card.passed.text', { title: module.title, date: formatDay(result.completedAt ?? new Date().toISOString(), locale) })
            : t(locale, 'learning.card.failed.text', { needed: result.needed, total: result.quiz.total }),
        }
      : { show: false, passed: false, heading: '', text: '' },
    actions: input.actions.map((a) => ({
      title: a.title,
      verb: a.verb,
      data: a.data,
      submitData: { verb: a.verb, ...a.data },
    })),
  };
}

/** Data for learning-list-card.json: what is left (most urgent first) and what is done. */
export function learningListData(locale: Locale, progress: { left: ModuleProgress[]; done: ModuleProgress[] }) {
  const total = progress.left.length + progress.done.length;
  return {
    title: t(locale, 'learning.list.title'),
    intro: progress.left.length
      ? t(locale, 'learning.list.intro.left', { count: progress.left.length, total })
      : t(locale, total ? 'learning.list.intro.none' : 'learning.none', { total }),
    left: progress.left.map((p, i) => ({
      moduleId: p.module.id,
      title: p.module.title,
      meta: p.dueDate
        ? t(locale, 'learning.list.metaDue', { minutes: p.module.minutes, date: formatDay(p.dueDate, locale) })
        : t(locale, 'learning.list.meta', { minutes: p.module.minutes }),
      action: t(locale, i === 0 ? 'learning.list.startNext' : 'learning.list.start'),
    })),
    doneTitle: t(locale, 'learning.list.done'),
    done: progress.done.map((p) => ({
      moduleId: p.module.id,
      title: p.module.title,
      meta: t(locale, 'learning.list.doneMeta', { date: formatDay(p.completedAt!, locale) }),
      action: t(locale, 'learning.list.retake'),
    })),
  };
}
