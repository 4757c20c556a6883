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

/**
 * The card says ”Rätt!” or ”Inte rätt” above the feedback, so a feedback text that opens with the
 * same verdict ("Rätt. Rapportera …") would say it twice. Module files are written without it; this
 * keeps a new file that still does from showing the doubled word.
 */
const ECHOED_VERDICT = /^\s*(?:rätt|fel|inte rätt|correct|right|wrong|not quite)\s*[.!:,–-]\s*/iu;

export function feedbackWithoutVerdict(text: string): string {
  const rest = text.replace(ECHOED_VERDICT, '');
  return rest === text || rest === '' ? text : rest.charAt(0).toLocaleUpperCase('sv-SE') + rest.slice(1);
}

/** One answered question as the person sees it: the question, their answer, right or not, and why. */
function answeredQuestion(locale: Locale, module: LearningModule, q: number, picked: number) {
  const question = module.quiz[q]!;
  const right = isCorrect(module, q, picked);
  return {
    question: question.question,
    answer: t(locale, 'learning.card.yourAnswer', { answer: question.choices[picked]?.text ?? '' }),
    verdict: t(locale, right ? 'learning.card.right' : 'learning.card.wrong'),
    right,
    text: feedbackWithoutVerdict(question.choices[picked]?.feedback ?? ''),
  };
}

/** Data for learning-module-card.json: what the person sees at one position of a module. */
export function moduleCardData(locale: Locale, input: ModuleCardInput) {
  const { module, state } = input;
  const steps = module.steps.length;
  const questions = module.quiz.length;
  const q = state ? questionAt(module, state.p) : undefined;
  const result = input.result;
  // When the quiz is over and something was answered wrong, every question is summed up, not only the last.
  const summarise = !!state && !!result && result.quiz.right < result.quiz.total;
  const view = !state ? 'intro' : q === undefined ? 'step' : state.a.length > q ? (summarise ? 'summary' : 'feedback') : 'question';
  const step = state && q === undefined ? module.steps[state.p]! : undefined;
  const question = q !== undefined ? module.quiz[q]! : undefined;
  const picked = q !== undefined && state ? state.a[q] : undefined;
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
    feedback:
      q !== undefined && picked !== undefined
        ? answeredQuestion(locale, module, q, picked)
        : { question: question?.question ?? '', answer: '', verdict: '', right: false, text: '' },
    summary: {
      heading: summarise ? t(locale, 'learning.card.summary.heading') : '',
      questions: summarise && state ? state.a.map((picked, i) => ({ ...answeredQuestion(locale, module, i, picked), number: t(locale, 'learning.card.progress.question', { n: i + 1, total: questions }) })) : [],
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

/** ”Du har 3 av 11 utbildningar kvar.”, or when none is done yet ”Du har 11 utbildningar att gå.” */
function leftText(locale: Locale, left: number, total: number): string {
  if (left < total) return t(locale, 'learning.list.intro.left', { count: left, total });
  return left === 1 ? t(locale, 'learning.list.intro.one') : t(locale, 'learning.list.intro.all', { total });
}

/** Data for learning-list-card.json: what is left (most urgent first) and what is done. */
export function learningListData(locale: Locale, progress: { left: ModuleProgress[]; done: ModuleProgress[] }) {
  const total = progress.left.length + progress.done.length;
  return {
    title: t(locale, 'learning.list.title'),
    intro: progress.left.length ? `${leftText(locale, progress.left.length, total)} ${t(locale, 'learning.list.intro.howTo')}` : t(locale, total ? 'learning.list.intro.none' : 'learning.none', { total }),
    left: progress.left.map((p, i) => ({
      moduleId: p.module.id,
      title: p.module.title,
      meta: p.dueDate
        ? t(locale, 'learning.list.metaDue', { minutes: p.module.minutes, date: formatDay(p.dueDate, locale) })
        : t(locale, 'learning.list.meta', { minutes: p.module.minutes }),
      // One label for one action; the most urgent module's button is the emphasised one.
      action: t(locale, 'learning.list.start'),
      first: i === 0,
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
