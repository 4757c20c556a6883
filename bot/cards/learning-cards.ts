import { t, type Locale } from '../../src/i18n/texts';
import type { Campaign } from '../../src/learning/campaign';
import type { LearningModule } from '../../src/learning/learning-module';
import type { LearningSettings } from '../../src/learning/learning-settings';
import { signState, type ModuleCardState } from '../../src/learning/module-card-state';
import { isQuizDone, startState } from '../../src/learning/module-steps';
import { passScoreOf, scoreQuiz } from '../../src/learning/quiz';
import { renderCard, type AdaptiveCard } from './card-templates';
import { moduleCardData, type ModuleCardAction } from './learning-card-data';

/** The module card at one position, with the buttons that position allows, each carrying the signed next state. */
export function modulePositionCard(
  locale: Locale,
  settings: LearningSettings,
  personId: string,
  module: LearningModule,
  state: ModuleCardState,
  extra: { notice?: string; completedAt?: string } = {},
): AdaptiveCard {
  const carry = { state, sig: signState(settings.secret, personId, state) };
  const actions: ModuleCardAction[] = [];
  const steps = module.steps.length;
  const q = state.p >= steps ? state.p - steps : undefined;
  let result: { quiz: ReturnType<typeof scoreQuiz>; needed: number; completedAt?: string } | undefined;
  if (q === undefined) {
    if (state.p > 0) actions.push({ title: t(locale, 'learning.card.back'), verb: 'learning.back', data: carry });
    actions.push({ title: t(locale, state.p + 1 === steps ? 'learning.card.toQuiz' : 'learning.card.next'), verb: 'learning.next', data: carry });
  } else if (state.a.length === q) {
    if (q === 0) actions.push({ title: t(locale, 'learning.card.back'), verb: 'learning.back', data: carry });
    actions.push({ title: t(locale, 'learning.card.answer'), verb: 'learning.answer', data: carry });
  } else if (!isQuizDone(module, state)) {
    actions.push({ title: t(locale, 'learning.card.nextQuestion'), verb: 'learning.next', data: carry });
  } else {
    const quiz = scoreQuiz(module, state.a, settings.passScore);
    result = { quiz, needed: Math.ceil(passScoreOf(module, settings.passScore) * quiz.total - 1e-9), ...(extra.completedAt ? { completedAt: extra.completedAt } : {}) };
    if (quiz.passed) {
      actions.push({ title: t(locale, 'learning.card.myTraining'), verb: 'learning.list', data: {} });
    } else {
      actions.push({ title: t(locale, 'learning.card.retry'), verb: 'learning.start', data: { moduleId: module.id, at: 'quiz' } });
      actions.push({ title: t(locale, 'learning.card.reread'), verb: 'learning.start', data: { moduleId: module.id } });
    }
  }
  return renderCard('learningModule', moduleCardData(locale, { module, state, actions, ...(result ? { result } : {}), ...(extra.notice ? { notice: extra.notice } : {}) }));
}

/** The introduction: sent by a campaign, or shown when a card was made from an older version. */
export function moduleIntroCard(locale: Locale, module: LearningModule, options: { lead?: string; dueDate?: string; notice?: string } = {}): AdaptiveCard {
  return renderCard(
    'learningModule',
    moduleCardData(locale, {
      module,
      intro: { lead: options.lead ?? '', ...(options.dueDate ? { dueDate: options.dueDate } : {}) },
      ...(options.notice ? { notice: options.notice } : {}),
      actions: [{ title: t(locale, 'learning.card.start'), verb: 'learning.start', data: { moduleId: module.id } }],
    }),
  );
}

/** A campaign's card: the module's introduction with its due date, worded as a first card or a reminder. */
export function campaignCard(locale: Locale, module: LearningModule, campaign: Campaign, reminder: number): AdaptiveCard {
  return moduleIntroCard(locale, module, {
    lead: t(locale, reminder === 0 ? 'learning.card.intro.invitation' : 'learning.card.intro.reminder'),
    dueDate: campaign.dueDate,
  });
}

/** One card of a module as staff meet it, for the tab's preview. */
export interface ModulePreviewCard {
  kind: 'intro' | 'step' | 'question';
  /** Which step or question, of how many (1 of 1 for the first card). */
  n: number;
  of: number;
  card: AdaptiveCard;
}

/**
 * Every card of a module in the order staff meet them: a campaign's first card, each step, and
 * each question before it is answered (the ones before it answered right, so none shows feedback).
 * Rendered by the same functions as in Teams, so the preview cannot drift from what is sent.
 */
export function modulePreviewCards(locale: Locale, settings: LearningSettings, personId: string, module: LearningModule, dueDate: string): ModulePreviewCard[] {
  const start = startState(module);
  const steps = module.steps.length;
  const right = module.quiz.map((q) => q.choices.findIndex((c) => c.correct));
  return [
    { kind: 'intro', n: 1, of: 1, card: moduleIntroCard(locale, module, { lead: t(locale, 'learning.card.intro.invitation'), dueDate }) },
    ...module.steps.map((_, i) => ({ kind: 'step' as const, n: i + 1, of: steps, card: modulePositionCard(locale, settings, personId, module, { ...start, p: i }) })),
    ...module.quiz.map((_, i) => ({ kind: 'question' as const, n: i + 1, of: module.quiz.length, card: modulePositionCard(locale, settings, personId, module, { ...start, p: steps + i, a: right.slice(0, i) }) })),
  ];
}
