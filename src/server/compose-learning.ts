import { learningNotifier } from '../../bot/learning-notifier';
import type { LearningFlowDeps } from '../../bot/flows/learning-flows';
import { cardStateSecret } from '../learning/card-state-secret';
import type { CampaignDeps } from '../learning/campaign-messages';
import { loadModuleLibrary } from '../learning/module-library';
import type { CompositionDeps } from './composition-deps';

/**
 * Wires nano-learning: the modules are read once at start; a broken file is logged with its line
 * and left out, and the rest are served.
 */
export function composeLearning(deps: CompositionDeps): { flows: LearningFlowDeps; campaigns: CampaignDeps } {
  const library = loadModuleLibrary(deps.config.learning.dir);
  for (const p of library.problems) deps.logger.error({ file: p.file, line: p.line }, `utbildningsmodul kunde inte läsas: ${p.message}`);
  deps.logger.info({ modules: library.modules.length, broken: new Set(library.problems.map((p) => p.file)).size }, 'utbildningsmoduler inlästa');
  const flows: LearningFlowDeps = {
    library,
    passScore: deps.config.learning.passScore,
    secret: cardStateSecret(deps.config.learning.cardStateSecret, deps.config.dataDir),
  };
  const campaigns: CampaignDeps = {
    store: deps.store,
    ops: deps.ops,
    clock: deps.clock,
    library,
    notifier: learningNotifier({ ...deps, library, locale: deps.config.defaultLocale }),
  };
  return { flows, campaigns };
}
