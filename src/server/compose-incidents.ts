import { actionPlanNotifier } from '../../bot/actionplan-notifier';
import { incidentNotifier } from '../../bot/incident-notifier';
import type { PlanReminderDeps } from '../actionplan/plan-reminders';
import type { Clock } from '../clock/clock';
import type { AppConfig } from '../config/config';
import type { OutboundMessage } from '../delivery/delivery-types';
import type { Incident } from '../incidents/incident';
import { followUpIncident, type FollowUpDeps } from '../incidents/incident-follow-up';
import { loadIncidentRules } from '../incidents/incident-rules';
import { FOLLOW_UP_TASK, STORE_INCIDENT_TASK, storePendingIncident } from '../incidents/report-incident';
import type { Logger } from '../logging/logger';
import type { OperationalStore } from '../ops/operational-store';
import type { TaskHandler } from '../ops/task-runner';
import type { Store } from '../store/store';

/** Wires the incident job: its rules, who it tells and how, and the durable tasks that finish a report. */
export function composeIncidents(deps: {
  config: AppConfig;
  store: Store;
  ops: OperationalStore;
  clock: Clock;
  logger: Logger;
  enqueue: (messages: OutboundMessage[]) => Promise<unknown>;
}): { followUp: FollowUpDeps; taskHandlers: Record<string, TaskHandler> } {
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
export function composeActionPlan(deps: {
  config: AppConfig;
  store: Store;
  ops: OperationalStore;
  clock: Clock;
  enqueue: (messages: OutboundMessage[]) => Promise<unknown>;
}): PlanReminderDeps {
  return {
    store: deps.store,
    ops: deps.ops,
    clock: deps.clock,
    daysBeforeEnd: deps.config.planReminderDaysBeforeEnd,
    notifier: actionPlanNotifier({ ...deps, locale: deps.config.defaultLocale }),
  };
}
