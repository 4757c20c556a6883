import { actionPlanNotifier } from '../../bot/notifiers/actionplan-notifier';
import { assetNotifier } from '../../bot/notifiers/asset-notifier';
import { incidentNotifier } from '../../bot/notifiers/incident-notifier';
import { modulePreviewCards, type ModulePreviewCard } from '../../bot/cards/learning-cards';
import { learningNotifier } from '../../bot/notifiers/learning-notifier';
import type { PlanReminderDeps } from '../actionplan/plan-reminders';
import type { AssetReminderDeps } from '../assets/asset-reminders';
import { addDays, stockholmDate } from '../clock/stockholm-time';
import type { Locale } from '../i18n/texts';
import type { Incident } from '../incidents/incident';
import { followUpIncident, tellOfPersonalData, type FollowUpDeps } from '../incidents/incident-follow-up';
import { PERSONAL_DATA_FOUND_TASK } from '../incidents/triage-incident';
import { loadIncidentRules, type IncidentRules } from '../incidents/incident-rules';
import { FOLLOW_UP_TASK, STORE_INCIDENT_TASK, storePendingIncident } from '../incidents/report-incident';
import type { JobSources } from '../jobs/job';
import { graphDirectoryReader } from '../directory/entra-users';
import { appGraphClient } from '../graph/app-graph-client';
import { cardStateSecret } from '../learning/card-state-secret';
import type { CampaignDeps } from '../learning/campaign-messages';
import type { LearningSettings } from '../learning/learning-settings';
import { loadModuleLibrary } from '../learning/module-library';
import type { TaskHandler } from '../ops/task-runner';
import { CommitteeDirectory } from '../organisation/committee-directory';
import { loadEntraMapping } from '../organisation/entra-mapping';
import { usePeopleDirectory } from '../organisation/people';
import { forgetOnRoleWrites, PeopleDirectory } from '../organisation/people-directory';
import { CHANGE_TRAIL_TASK, resumeTrail, type ChangeTrail } from '../store/change-trail';
import { passedFromTallies } from '../status/status-tallies';
import type { CompositionDeps } from './composition-deps';

/** A module's cards as staff meet them, for the tab's preview; undefined for a module that does not exist. */
export type ModulePreview = (moduleId: string, locale: Locale, personId: string) => ModulePreviewCard[] | undefined;

/**
 * The app's domain, wired once and consumed by the bot, the server and the jobs alike (in the
 * server, in `npm run job` and in tests): the rules and settings of the four jobs, and notifiers
 * that put messages in the outbox through `enqueue`.
 */
export interface Domain extends JobSources {
  committees: CommitteeDirectory;
  incidents: { rules: IncidentRules; followUp: FollowUpDeps; taskHandlers: Record<string, TaskHandler> };
  learning: { settings: LearningSettings; campaigns: CampaignDeps; preview: ModulePreview };
}

/** Entra ID and the mapping when the sync is on; the mapping is checked now, so a broken file stops the start, not the night's run. */
function peopleSyncFrom(config: CompositionDeps['config']): JobSources['peopleSync'] {
  if (!config.people.sync || !config.graph) return undefined;
  loadEntraMapping(config.people.mappingFile);
  return { reader: graphDirectoryReader(appGraphClient(config.graph)), mappingFile: config.people.mappingFile };
}

export function composeDomain(deps: CompositionDeps): Domain {
  const { config, store, ops, clock, logger, enqueue } = deps;
  const committees = new CommitteeDirectory(store, clock);
  // People and roles are kept briefly for every reader of this store: a card action should not spend its Graph round trips on them.
  const people = new PeopleDirectory(store, clock, { staff: ops.staff });
  forgetOnRoleWrites(store, people);
  usePeopleDirectory(store, people);
  const locale = config.defaultLocale;
  const notifierDeps = { store, ops, clock, committees, locale, enqueue };

  const rules = loadIncidentRules(config.incidentRulesFile);
  const followUp: FollowUpDeps = { store, clock, rules, notifier: incidentNotifier({ ...notifierDeps, logger, rules }) };
  const taskHandlers: Record<string, TaskHandler> = {
    [STORE_INCIDENT_TASK]: (task) => storePendingIncident({ store, ops, clock }, task.key, task.payload as Incident),
    [FOLLOW_UP_TASK]: async (task) => {
      await followUpIncident(followUp, task.payload as Incident);
      await ops.tasks.done(task.key);
    },
    [PERSONAL_DATA_FOUND_TASK]: async (task) => {
      await tellOfPersonalData(followUp, task.payload as Incident);
      await ops.tasks.done(task.key);
    },
    // A change whose audit entry and history were promised but not written (the process stopped in between).
    [CHANGE_TRAIL_TASK]: (task) => resumeTrail(store, ops, task.payload as ChangeTrail),
  };

  const actionPlan: PlanReminderDeps = { store, ops, clock, daysBeforeEnd: config.planReminderDaysBeforeEnd, notifier: actionPlanNotifier(notifierDeps) };
  const assets: AssetReminderDeps = { store, ops, clock, reviewMonths: config.assetReviewMonths, notifier: assetNotifier(notifierDeps) };

  // The modules are read once at start; a broken file is logged with its line and left out, and the rest are served.
  const library = loadModuleLibrary(config.learning.dir);
  for (const p of library.problems) logger.error({ file: p.file, line: p.line }, `utbildningsmodul kunde inte läsas: ${p.message}`);
  logger.info({ modules: library.modules.length, broken: new Set(library.problems.map((p) => p.file)).size }, 'utbildningsmoduler inlästa');
  // A lesson whose module is missing is not offered (incident-lesson.ts); said here, where the operator looks.
  for (const [category, moduleId] of Object.entries(rules.lessons)) {
    if (!library.byId(moduleId)) logger.error({ category, moduleId }, `incidentreglernas lektion för ${category} pekar på modulen ${moduleId}, som inte finns`);
  }
  const settings: LearningSettings = { library, passScore: config.learning.passScore, secret: cardStateSecret(config.learning.cardStateSecret, config.dataDir) };
  const campaigns: CampaignDeps = { store, ops, clock, library, notifier: learningNotifier({ ...notifierDeps, library }), passed: passedFromTallies(store, ops) };

  return {
    store,
    ops,
    clock,
    logger,
    committees,
    incidents: { rules, followUp, taskHandlers },
    actionPlan,
    assets,
    learning: {
      settings,
      campaigns,
      // The module's cards as the bot renders them, due in two weeks as a module sent to oneself is.
      preview: (moduleId, locale, personId) => {
        const module = library.byId(moduleId);
        return module && modulePreviewCards(locale, settings, personId, module, addDays(stockholmDate(clock.now()), 14));
      },
    },
    retention: config.retention,
    // Entra ID is read with the app's own Graph identity, the one the lists use (or the only Graph use, with STORE=sqlite).
    peopleSync: peopleSyncFrom(config),
  };
}
