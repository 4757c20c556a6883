import { t } from '../../src/i18n/texts';
import type { Campaign } from '../../src/learning/campaign';
import type { LearningModule } from '../../src/learning/learning-module';
import { progressOf } from '../../src/learning/learning-progress';
import { checkState, signState, type ModuleCardState } from '../../src/learning/module-card-state';
import type { ModuleLibrary } from '../../src/learning/module-library';
import { applyMove, isQuizDone, startState, type ModuleMove } from '../../src/learning/module-steps';
import { passScoreOf, scoreQuiz } from '../../src/learning/quiz';
import { recordCompletion } from '../../src/learning/record-completion';
import { homeCommitteeOf } from '../../src/organisation/organisation';
import { findPerson } from '../../src/organisation/people';
import type { Locale } from '../../src/i18n/texts';
import { learningListData, moduleCardData, type ModuleCardAction } from '../cards/learning-card-data';
import { renderCard } from '../cards/card-templates';
import type { CardReply } from './incident-flows';
import type { Turn } from './turn';

export interface LearningFlowDeps {
  library: ModuleLibrary;
  /** Share of a quiz that must be right unless the module says otherwise. */
  passScore: number;
  /** Signs the position kept in each module card. */
  secret: string;
}

/** `utbildning`: what the person has left (most urgent first, one click to start) and what they can retake. */
export async function learningListFlow(turn: Turn): Promise<CardReply> {
  const { library } = turn.deps.learning;
  if (!turn.personId) return { text: t(turn.locale, 'error.generic') };
  const progress = await progressOf(turn.deps.store, library, turn.personId, turn.deps.clock.now());
  return { card: renderCard('learningList', learningListData(turn.locale, progress)) };
}

/** The card at one position, with the buttons that position allows, each carrying the signed next state. */
function positionCard(locale: Locale, deps: LearningFlowDeps, personId: string, module: LearningModule, state: ModuleCardState, extra: { notice?: string; completedAt?: string } = {}) {
  const carry = { state, sig: signState(deps.secret, personId, state) };
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
    const quiz = scoreQuiz(module, state.a, deps.passScore);
    result = { quiz, needed: Math.ceil(passScoreOf(module, deps.passScore) * quiz.total - 1e-9), ...(extra.completedAt ? { completedAt: extra.completedAt } : {}) };
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
export function moduleIntroCard(locale: Locale, module: LearningModule, options: { lead?: string; dueDate?: string; notice?: string } = {}): Record<string, unknown> {
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
export function campaignCard(locale: Locale, module: LearningModule, campaign: Campaign, reminder: number): Record<string, unknown> {
  return moduleIntroCard(locale, module, {
    lead: t(locale, reminder === 0 ? 'learning.card.intro.invitation' : 'learning.card.intro.reminder'),
    dueDate: campaign.dueDate,
  });
}

/** "Starta", "Gör om", "Försök igen": a new attempt, from the first step or straight at the quiz. */
export async function startModuleFlow(turn: Turn, data: Record<string, unknown>): Promise<CardReply> {
  const deps = turn.deps.learning;
  const module = typeof data.moduleId === 'string' ? deps.library.byId(data.moduleId) : undefined;
  if (!module) return { text: t(turn.locale, 'learning.refused.unknownModule') };
  if (!turn.personId) return { text: t(turn.locale, 'error.generic') };
  return { card: positionCard(turn.locale, deps, turn.personId, module, startState(module, data.at === 'quiz' ? 'quiz' : 'start')) };
}

/**
 * "Nästa", "Tillbaka" and "Svara": the card's signed state is checked, the move applied, and the
 * card at the new position returned to replace the old one. When the last answer passes the quiz
 * the completion is stored before the card saying so is returned.
 */
export async function moveInModuleFlow(turn: Turn, kind: ModuleMove['kind'], data: Record<string, unknown>): Promise<CardReply> {
  const deps = turn.deps.learning;
  if (!turn.personId) return { text: t(turn.locale, 'error.generic') };
  const check = checkState(deps.secret, turn.personId, data, (id) => deps.library.byId(id));
  if (!check.ok) {
    turn.deps.logger.warn({ reason: check.reason, moduleId: check.moduleId }, 'utbildningskort avvisat');
    if (check.reason === 'stale') {
      const module = deps.library.byId(check.moduleId!)!;
      return { card: moduleIntroCard(turn.locale, module, { notice: t(turn.locale, 'learning.card.stale') }) };
    }
    return { text: t(turn.locale, check.reason === 'unknownModule' ? 'learning.refused.unknownModule' : 'learning.refused.forged') };
  }
  const { module, state } = check;
  let move: ModuleMove;
  if (kind === 'answer') {
    const choice = typeof data.answer === 'string' && /^\d+$/.test(data.answer) ? Number(data.answer) : NaN;
    if (Number.isNaN(choice)) return { text: t(turn.locale, 'learning.refused.noAnswer') };
    move = { kind, choice };
  } else {
    move = { kind };
  }
  const next = applyMove(module, state, move);
  if (!next) return { text: t(turn.locale, 'learning.refused.move') };
  if (kind !== 'answer' || !isQuizDone(module, next)) return { card: positionCard(turn.locale, deps, turn.personId, module, next) };

  const result = scoreQuiz(module, next.a, deps.passScore);
  let completedAt: string | undefined;
  if (result.passed) {
    try {
      const person = await findPerson(turn.deps.store, turn.personId);
      const saved = await recordCompletion(turn.deps.store, {
        personId: turn.personId,
        committeeCode: person ? homeCommitteeOf(person) : undefined,
        module,
        state: next,
        result,
        at: turn.deps.clock.now(),
      });
      completedAt = saved.completion.completedAt;
      turn.deps.logger.info({ moduleId: module.id, version: module.version, created: saved.created }, 'utbildning genomförd');
    } catch (err) {
      // The card is left as it was, so the same answer can be sent again: nothing is lost.
      turn.deps.logger.error({ err: (err as Error).message, moduleId: module.id }, 'genomförd utbildning kunde inte sparas');
      return { text: t(turn.locale, 'learning.saveFailed') };
    }
  }
  return { card: positionCard(turn.locale, deps, turn.personId, module, next, completedAt ? { completedAt } : {}) };
}
