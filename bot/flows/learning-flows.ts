import { t } from '../../src/i18n/texts';
import { answerOnce } from '../../src/learning/answer-once';
import { progressOf } from '../../src/learning/learning-progress';
import { checkState } from '../../src/learning/module-card-state';
import { applyMove, isQuizDone, startState, type ModuleMove } from '../../src/learning/module-steps';
import { scoreQuiz } from '../../src/learning/quiz';
import { recordCompletion } from '../../src/learning/record-completion';
import { countPass } from '../../src/learning/training-tally';
import { homeCommitteeOf } from '../../src/organisation/organisation';
import { findPerson } from '../../src/organisation/people';
import { renderCard } from '../cards/card-templates';
import { learningListData } from '../cards/learning-card-data';
import { moduleIntroCard, modulePositionCard } from '../cards/learning-cards';
import { replaceCard, textReply, type Flow } from './flow';

/** `utbildning`: what the person has left (most urgent first, one click to start) and what they can retake. */
export const learningListFlow: Flow = async (who, _input, deps) => {
  if (!who.personId) return [textReply(t(who.locale, 'error.generic'))];
  const progress = await progressOf(deps.store, deps.learning.library, who.personId, deps.clock.now());
  return [replaceCard(renderCard('learningList', learningListData(who.locale, progress)))];
};

/** "Starta", "Gör om", "Försök igen": a new attempt, from the first step or straight at the quiz. */
export const startModuleFlow: Flow = async (who, { data }, deps) => {
  const settings = deps.learning;
  const module = typeof data.moduleId === 'string' ? settings.library.byId(data.moduleId) : undefined;
  if (!module) return [textReply(t(who.locale, 'learning.refused.unknownModule'))];
  if (!who.personId) return [textReply(t(who.locale, 'error.generic'))];
  return [replaceCard(modulePositionCard(who.locale, settings, who.personId, module, startState(module, data.at === 'quiz' ? 'quiz' : 'start')))];
};

/**
 * "Nästa", "Tillbaka" and "Svara": the card's signed state is checked, the move applied, and the
 * card at the new position returned to replace the old one. When the last answer passes the quiz
 * the completion is stored before the card saying so is returned.
 */
export const moveInModuleFlow =
  (kind: ModuleMove['kind']): Flow =>
  async (who, { data }, deps) => {
    const settings = deps.learning;
    const { locale, personId } = who;
    if (!personId) return [textReply(t(locale, 'error.generic'))];
    const check = checkState(settings.secret, personId, data, (id) => settings.library.byId(id));
    if (!check.ok) {
      deps.logger.warn({ reason: check.reason, moduleId: check.moduleId }, 'utbildningskort avvisat');
      if (check.reason === 'stale') {
        const module = settings.library.byId(check.moduleId!)!;
        return [replaceCard(moduleIntroCard(locale, module, { notice: t(locale, 'learning.card.stale') }))];
      }
      return [textReply(t(locale, check.reason === 'unknownModule' ? 'learning.refused.unknownModule' : 'learning.refused.forged'))];
    }
    const { module, state } = check;
    let move: ModuleMove;
    if (kind === 'answer') {
      const choice = typeof data.answer === 'string' && /^\d+$/.test(data.answer) ? Number(data.answer) : NaN;
      if (Number.isNaN(choice)) return [textReply(t(locale, 'learning.refused.noAnswer'))];
      move = { kind, choice };
    } else {
      move = { kind };
    }
    const next = applyMove(module, state, move);
    if (!next) return [textReply(t(locale, 'learning.refused.move'))];
    if (move.kind === 'answer' && (await answerOnce(deps.ops.learningAnswers, personId, state, state.a.length, move.choice, deps.clock.now())) === 'alreadyAnswered') {
      deps.logger.warn({ moduleId: module.id }, 'utbildningsfråga besvarad igen från ett äldre kort');
      return [textReply(t(locale, 'learning.refused.answered'))];
    }
    if (kind !== 'answer' || !isQuizDone(module, next)) return [replaceCard(modulePositionCard(locale, settings, personId, module, next))];

    const result = scoreQuiz(module, next.a, settings.passScore);
    let completedAt: string | undefined;
    if (result.passed) {
      try {
        const person = await findPerson(deps.store, personId);
        const saved = await recordCompletion(deps.store, {
          personId,
          committeeCode: person ? homeCommitteeOf(person) : undefined,
          module,
          state: next,
          result,
          at: deps.clock.now(),
        });
        completedAt = saved.completion.completedAt;
        // The tab's training figures count it at once; a failure here is repaired by the nightly recount.
        await countPass(deps.ops.tallies, saved.completion, person).catch((err: unknown) =>
          deps.logger.warn({ err: (err as Error).message, moduleId: module.id }, 'genomförd utbildning kunde inte räknas i statusfliken'),
        );
        deps.logger.info({ moduleId: module.id, version: module.version, created: saved.created }, 'utbildning genomförd');
      } catch (err) {
        // The card is left as it was, so the same answer can be sent again: nothing is lost.
        deps.logger.error({ err: (err as Error).message, moduleId: module.id }, 'genomförd utbildning kunde inte sparas');
        return [textReply(t(locale, 'learning.saveFailed'))];
      }
    }
    return [replaceCard(modulePositionCard(locale, settings, personId, module, next, completedAt ? { completedAt } : {}))];
  };
