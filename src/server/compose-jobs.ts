import type { LearningFlowDeps } from '../../bot/flows/learning-flows';
import type { JobContext } from '../jobs/job';
import type { TaskHandler } from '../ops/task-runner';
import { composeActionPlan, composeIncidents } from './compose-incidents';
import { composeLearning } from './compose-learning';
import type { CompositionDeps } from './composition-deps';

/**
 * Everything the jobs need, made the same way by the server, by `npm run job` and by tests: the
 * three jobs' dependencies, with messages going to `enqueue` (the delivery service or the outbox).
 */
export function composeJobs(deps: CompositionDeps): { context: JobContext; taskHandlers: Record<string, TaskHandler>; learningFlows: LearningFlowDeps } {
  const incidents = composeIncidents(deps);
  const actionPlan = composeActionPlan(deps);
  const learning = composeLearning(deps);
  return {
    context: { store: deps.store, ops: deps.ops, clock: deps.clock, logger: deps.logger, incidents: incidents.followUp, actionPlan, learning: learning.campaigns, retention: deps.config.retention },
    taskHandlers: incidents.taskHandlers,
    learningFlows: learning.flows,
  };
}
