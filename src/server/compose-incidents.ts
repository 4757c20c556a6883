import { actionPlanNotifier } from '../../bot/actionplan-notifier';
import { incidentNotifier } from '../../bot/incident-notifier';
import type { PlanReminderDeps } from '../actionplan/plan-reminders';
import type { Incident } from '../incidents/incident';
import { followUpIncident, type FollowUpDeps } from '../incidents/incident-follow-up';
import { loadIncidentRules } from '../incidents/incident-rules';
import { FOLLOW_UP_TASK, STORE_INCIDENT_TASK, storePendingIncident } from '../incidents/report-incident';
import type { TaskHandler } from '../ops/task-runner';
import type { CompositionDeps } from './composition-deps';

/** Wires the incident job: its rules, who it tells and how, and the durable tasks that finish a report. */
export function composeIncidents(deps: CompositionDeps): { followUp: FollowUpDeps; taskHandlers: Record<string, TaskHandler> } {
  const rules = loadIncidentRules(deps.config.incidentRulesFile);
  const notifier = incidentNotifier({ ...deps, rules, locale: deps.config.defaultLocale });
  const followUp: FollowUpDeps = { store: deps.store, clock: deps.clock, rules, notifier };
  const taskHandlers: Record<string, TaskHandler> = {
    [STORE_INCIDENT_TASK]: (task) => storePendingIncident(deps, task.key, task.payload as Incident),
    [FOLLOW_UP_TASK]: async (task) => {
      await followUpIncident(followUp, task.payload as Incident);
      await deps.ops.tasks.done(task.key);
    },
  };
  return { followUp, taskHandlers };
}

/** The quarterly reminders' dependencies: the calendar setting and a notifier that writes to the outbox. */
export function composeActionPlan(deps: Omit<CompositionDeps, 'logger'>): PlanReminderDeps {
  return {
    store: deps.store,
    ops: deps.ops,
    clock: deps.clock,
    daysBeforeEnd: deps.config.planReminderDaysBeforeEnd,
    notifier: actionPlanNotifier({ ...deps, locale: deps.config.defaultLocale }),
  };
}
