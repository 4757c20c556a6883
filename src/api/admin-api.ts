import path from 'node:path';
import type restify from 'restify';
import { adminAccessOf, type AdminAccess } from '../admin/admin-access';
import { LISTED_ROLES, organisationOverview } from '../admin/organisation-overview';
import { LESSON_WINDOW_DAYS, lessonEffect } from '../admin/lesson-effect';
import type { IncidentCategory } from '../incidents/incident';
import { changeCampaign, createCampaign, endCampaign, remindNow, sendModulePreview, sendPreview, type CampaignAdminResult } from '../admin/campaign-admin';
import { ConcurrencyConflictError } from '../store/store-errors';
import { knownAreas } from '../actionplan/plan-areas';
import { readPlanFile } from '../actionplan/plan-import';
import { describeFileProblems } from '../text/import-file';
import { describeImport, importPlan } from '../actionplan/plan-store';
import { stockholmDate, stockholmQuarter } from '../clock/stockholm-time';
import { t } from '../i18n/texts';
import { audienceOf, type Campaign, type Learner } from '../learning/campaign';
import { campaignFigures, deliveryFrom } from '../learning/campaign-figures';
import { recentPassesSince } from '../learning/campaign-messages';
import { allLearners } from '../learning/learners';
import { passedAmong } from '../learning/training-tally';
import { currentTallies } from '../status/status-tallies';
import { localeOf } from './request-params';
import type { TabApiDeps } from './tab-api';
import type { AdminCampaign, AdminCampaignsResponse, AdminModuleCardsResponse, AdminModulesResponse } from './tab-api-types';
import type { Viewer } from './viewer';
import { registerAdminAssetApi } from './admin-asset-api';

export type Guard = (
  handler: (req: restify.Request, res: restify.Response, viewer: Extract<Viewer, { ok: true }>) => Promise<void>,
) => (req: restify.Request, res: restify.Response) => Promise<void>;

/** A route of the Administration part: the handler runs only for someone with admin access, and is told which. */
export type AdminRoute = (
  handler: (req: restify.Request, res: restify.Response, viewer: Extract<Viewer, { ok: true }>, access: AdminAccess) => Promise<void>,
) => (req: restify.Request, res: restify.Response) => Promise<void>;

const PHASE_ORDER = { running: 0, planned: 1, ended: 2 } as const;

/**
 * The tab's Administration part: what the security officer runs without a command line, and the
 * data protection officer may read. Every route is behind the tab's own sign-in and rate limit
 * (`guard`), and then refused to anyone else, on the server.
 */
export function registerAdminApi(server: restify.Server, deps: TabApiDeps, guard: Guard): void {
  const refuse = (res: restify.Response) => res.json(403, { error: 'forbidden', reason: t(deps.config.defaultLocale, 'api.reason.adminOnly') });
  /** The data protection officer reads the Administration part; a change is refused with that reason. */
  const readOnly = (res: restify.Response) => res.json(403, { error: 'forbidden', reason: t(deps.config.defaultLocale, 'api.reason.adminReadOnly') });
  const admin: AdminRoute = (handler) =>
    guard(async (req, res, viewer) => {
      const access = adminAccessOf(viewer.person);
      if (!access) return refuse(res);
      await handler(req, res, viewer, access);
    });

  /** A change: only for the one who runs it (the data protection officer reads). The body is the form's fields, checked as the command line checks them. */
  const change = (work: (req: restify.Request, actorId: string) => Promise<CampaignAdminResult>) =>
    admin(async (req, res, viewer, access) => {
      if (access !== 'manage') return readOnly(res);
      let result: CampaignAdminResult;
      try {
        result = await work(req, viewer.personId);
      } catch (err) {
        if (!(err instanceof ConcurrencyConflictError)) throw err;
        result = { ok: false, status: 409, problems: [{ where: 'kampanjen', message: 'någon annan ändrade kampanjen samtidigt; läs in sidan igen' }] };
      }
      if (result.ok) {
        deps.logger.info({ personId: viewer.personId, campaignId: result.campaign.campaignId, path: req.path() }, 'administrationen: åtgärd utförd');
        return res.json(200, { campaign: result.campaign, ...(result.queued !== undefined ? { queued: result.queued } : {}) });
      }
      res.json(result.status, { error: result.status === 404 ? 'not_found' : result.status === 409 ? 'conflict' : 'bad_request', reason: result.problems.map((p) => p.message).join('; '), problems: result.problems });
    });
  const idOf = (req: restify.Request) => String((req.params as Record<string, string>).id ?? '');
  const bodyOf = (req: restify.Request): unknown => (req.body && typeof req.body === 'object' ? req.body : {});

  registerAdminAssetApi(server, deps, admin, readOnly);

  server.post('/api/tab/admin/campaigns', change((req, actorId) => createCampaign(deps.campaigns, bodyOf(req), actorId)));
  server.put('/api/tab/admin/campaigns/:id', change((req, actorId) => changeCampaign(deps.campaigns, idOf(req), bodyOf(req), actorId)));
  server.post('/api/tab/admin/campaigns/:id/end', change((req, actorId) => endCampaign(deps.campaigns, idOf(req), actorId)));
  server.post('/api/tab/admin/campaigns/:id/remind', change((req, actorId) => remindNow(deps.campaigns, idOf(req), actorId)));
  server.post('/api/tab/admin/campaigns/:id/preview', change((req, actorId) => sendPreview(deps.campaigns, idOf(req), actorId)));

  /**
   * The yearly plan from a file the page sends (its text: CSV or JSON, as the command reads it):
   * checked first, every bad row with its line and reason; a dry run says what would be created,
   * changed and left; only the confirmed import writes, with an audit entry.
   */
  const planFrom = async (req: restify.Request, res: restify.Response, dryRun: boolean, actorId: string) => {
    const content = (req.body as { content?: unknown } | undefined)?.content;
    if (typeof content !== 'string' || content.trim() === '') return res.json(400, { error: 'bad_request', reason: 'filen är tom eller saknas' });
    const committees = (await deps.store.committees.query()).map((c) => c.value.code);
    const read = readPlanFile(Buffer.from(content, 'utf8'), { areas: knownAreas(), committees });
    if ('problems' in read) return res.json(400, { error: 'bad_request', reason: describeFileProblems(read.problems), problems: read.problems });
    const year = read.rows[0]!.year;
    const summary = await importPlan(deps.store, read.rows, { committees, setBy: actorId, at: deps.clock.now().toISOString(), dryRun });
    if (!dryRun) deps.logger.info({ personId: actorId, year, created: summary.created, updated: summary.updated }, 'handlingsplan importerad i administrationen');
    res.json(200, { year, dryRun, text: describeImport(year, summary, dryRun), summary });
  };
  server.post('/api/tab/admin/plan/preview', admin(async (req, res, viewer) => planFrom(req, res, true, viewer.personId)));
  server.post(
    '/api/tab/admin/plan/import',
    admin(async (req, res, viewer, access) => {
      if (access !== 'manage') return readOnly(res);
      await planFrom(req, res, false, viewer.personId);
    }),
  );

  server.get(
    '/api/tab/admin/modules',
    admin(async (_req, res) => {
      const body: AdminModulesResponse = {
        modules: deps.library.modules.map((m) => ({
          id: m.id,
          title: m.title,
          version: m.version,
          minutes: m.minutes,
          summary: m.summary,
          steps: m.steps.map((s) => s.title),
          quiz: m.quiz.map((q) => ({ question: q.question, choices: q.choices.map((c) => ({ text: c.text, correct: c.correct })) })),
          passScore: m.passScore ?? deps.config.learning.passScore,
        })),
        problems: deps.library.problems.map((p) => ({ file: path.basename(p.file), line: p.line, message: p.message })),
      };
      res.json(200, body);
    }),
  );
  // Read as well as run: the data protection officer may look at what staff are taught.
  server.get(
    '/api/tab/admin/modules/:id/cards',
    admin(async (req, res, viewer) => {
      const cards = deps.modulePreview(idOf(req), localeOf(req), viewer.personId);
      if (!cards) return res.json(404, { error: 'not_found', reason: `modulen ${idOf(req)} finns inte` });
      res.setHeader('Cache-Control', 'no-store');
      res.json(200, { cards } satisfies AdminModuleCardsResponse);
    }),
  );
  server.post('/api/tab/admin/modules/:id/preview', change((req, actorId) => sendModulePreview(deps.campaigns, idOf(req), actorId)));

  server.get(
    '/api/tab/admin/organisation',
    admin(async (_req, res) => {
      const [committees, holders, sync, unmapped, tallies] = await Promise.all([
        deps.store.committees.query(),
        // Each listed role by its index: never the whole roles list, which holds every member of staff where there is no sync.
        Promise.all(LISTED_ROLES.map((role) => deps.store.roles.query({ field: 'role', op: 'eq', value: role }))),
        deps.ops.staff.state(),
        deps.ops.staff.unmapped(),
        currentTallies(deps.store, deps.ops, stockholmQuarter(deps.clock.now()).year),
      ]);
      const learnersByCommittee = new Map<string, number>();
      for (const g of tallies.training.learners) learnersByCommittee.set(g.committeeCode, (learnersByCommittee.get(g.committeeCode) ?? 0) + g.learners);
      res.json(
        200,
        organisationOverview({
          committees: committees.map((c) => c.value),
          holders: holders.flat().map((h) => h.value),
          learnersByCommittee,
          sync,
          unmapped: sync ? unmapped : [],
        }),
      );
    }),
  );

  server.get(
    '/api/tab/admin/campaigns',
    admin(async (req, res, _viewer, access) => {
      const now = deps.clock.now();
      const today = stockholmDate(now);
      const locale = localeOf(req);
      const [campaigns, committees, tallies] = await Promise.all([
        deps.store.campaigns.query(),
        deps.store.committees.query(),
        currentTallies(deps.store, deps.ops, stockholmQuarter(now).year),
      ]);
      const names = new Map(committees.map((c) => [c.value.code, c.value.name]));
      // Read once, and only when a campaign leaves out recent passes: whether each of its audience passed since is asked person by person.
      let learners: Promise<Learner[]> | undefined;
      const recentlyPassed = async (c: Campaign) => {
        const since = recentPassesSince(c);
        if (!since) return undefined;
        learners ??= allLearners(deps.store, deps.ops.staff);
        const audience = audienceOf(c, await learners).map((l) => l.personId);
        return (await passedAmong(deps.ops.tallies, c.moduleId, audience, since)).filter(Boolean).length;
      };
      const rows = await Promise.all(
        campaigns.map(async ({ value: c }): Promise<AdminCampaign> => {
          const [people, effect, recent] = await Promise.all([deps.ops.outbox.campaignPeople(`learning:${c.campaignId}`), c.origin ? lessonEffect(deps.store, c, now) : undefined, recentlyPassed(c)]);
          const f = campaignFigures(c, today, tallies.training, deliveryFrom(people), recent);
          return {
            campaignId: c.campaignId,
            moduleId: c.moduleId,
            moduleTitle: deps.library.byId(c.moduleId)?.title ?? c.moduleId,
            audience: c.audience,
            committees: c.committeeCodes.map((code) => ({ code, name: names.get(code) ?? code })),
            startDate: c.startDate,
            dueDate: c.dueDate,
            reminderEveryDays: c.reminderEveryDays,
            maxReminders: c.maxReminders,
            phase: f.phase,
            figures: { audience: f.audience, delivered: f.delivered, pending: f.pending, notReached: f.notReached, notReachedBy: f.notReachedBy, completed: f.completed, overdue: f.overdue },
            ...(effect
              ? {
                  lesson: {
                    incidentReference: effect.incidentReference,
                    categoryLabel: t(locale, `incident.category.${effect.category as IncidentCategory}`),
                    before: effect.before,
                    after: effect.after,
                    afterDays: effect.afterDays,
                    windowDays: LESSON_WINDOW_DAYS,
                  },
                }
              : {}),
          };
        }),
      );
      rows.sort((a, b) => PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase] || b.startDate.localeCompare(a.startDate));
      const body: AdminCampaignsResponse = {
        access,
        today,
        campaigns: rows,
        modules: deps.library.modules.map((m) => ({ id: m.id, title: m.title })),
        committees: committees.map((c) => ({ code: c.value.code, name: c.value.name })).sort((a, b) => a.name.localeCompare(b.name, 'sv')),
      };
      res.json(200, body);
    }),
  );
}
