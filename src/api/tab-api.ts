import type restify from 'restify';
import { formatCsv } from '../actionplan/csv';
import { stockholmQuarter } from '../clock/stockholm-time';
import type { Clock } from '../clock/clock';
import type { AppConfig } from '../config/config';
import { INCIDENT_CATEGORIES } from '../incidents/incident';
import { t, type Locale } from '../i18n/texts';
import type { ModuleLibrary } from '../learning/module-library';
import type { Logger } from '../logging/logger';
import { ROLES } from '../organisation/organisation';
import { statusAccessOf, mayOpenStatus } from '../status/status-access';
import { overviewLoader } from '../status/overview-cache';
import { loadCommitteeStatusData } from '../status/status-data';
import { committeeView, overviewView } from '../status/status-views';
import type { Store } from '../store/store';
import type { ApiError, DemoUser, MeResponse } from './tab-api-types';
import type { CommitteeResponse } from '../status/status-view-types';
import { teamsSsoVerifier } from './teams-sso';
import { addressKey, callerAddress, personKey, rateLimiter } from './rate-limit';
import { callerOf, viewerFor, type Viewer } from './viewer';

export interface TabApiDeps {
  config: AppConfig;
  store: Store;
  clock: Clock;
  logger: Logger;
  library: ModuleLibrary;
  demoUsers: DemoUser[];
}

const FIRST_YEAR = 2022;

function fail(res: restify.Response, status: number, body: ApiError): void {
  res.json(status, body);
}

/** `?year=` within the plans' years, or this year in Stockholm. */
function yearOf(req: restify.Request, clock: Clock): number | undefined {
  const current = stockholmQuarter(clock.now()).year;
  const raw = (req.query as Record<string, unknown> | undefined)?.year;
  if (raw === undefined || raw === '') return current;
  const year = Number(raw);
  return Number.isInteger(year) && year >= FIRST_YEAR && year <= current + 1 ? year : undefined;
}

const localeOf = (req: restify.Request): Locale => ((req.query as Record<string, unknown> | undefined)?.locale === 'en' ? 'en' : 'sv');

/** The follow-up for Ledningens genomgång, one row per activity, as Swedish spreadsheets read CSV. */
export function followUpCsv(view: CommitteeResponse): string {
  const rows = [['nämnd', 'område', 'aktivitet', 'kvartal', 'status', 'kommentar', 'ändrad av', 'ändrad']];
  for (const area of view.plan.areas) {
    for (const a of area.activities) {
      rows.push([view.committee.name, area.area, a.title, a.quarters.join(','), a.status, a.comment, a.setBy, a.setAt.slice(0, 10)]);
    }
  }
  return formatCsv(rows);
}

/**
 * The status tab's JSON API. Every route establishes the user (Teams SSO, or the demo picker in
 * local mode), looks up their roles and answers only with what those roles allow: 401 and 403
 * come back as JSON with a reason in Swedish.
 */
export function registerTabApi(server: restify.Server, deps: TabApiDeps): void {
  const verify = deps.config.tabAuth ? teamsSsoVerifier(deps.config.tabAuth) : undefined;
  const limiter = rateLimiter({ limit: deps.config.tabApiRateLimitPerMinute, windowMs: 60_000, locale: deps.config.defaultLocale });
  const addressOf = (req: restify.Request) => addressKey(callerAddress(req, deps.config.behindProxy));
  /** For the routes that ask nobody to sign in: the limit is per address. */
  const withinLimit = (req: restify.Request, res: restify.Response) => limiter.allow(addressOf(req), res);
  const demoUserIds = new Set(deps.demoUsers.map((u) => u.id));
  const loadOverview = overviewLoader(deps.store, deps.clock, deps.config.statusCacheSeconds);
  const allCommittees = async () => (await deps.store.committees.query()).map((c) => c.value);

  const withViewer =
    (handler: (req: restify.Request, res: restify.Response, viewer: Extract<Viewer, { ok: true }>) => Promise<void>) =>
    async (req: restify.Request, res: restify.Response) => {
      res.setHeader('Cache-Control', 'no-store');
      try {
        const caller = await callerOf(req.headers, { config: deps.config, demoUserIds, ...(verify ? { verify } : {}) });
        // The verified person is counted, however their header was written; a refused one counts against the address
        // (and only refusals do, so bad tokens from a shared address never hold back the people signed in behind it).
        if (!limiter.allow(caller.ok ? personKey(caller.personId) : addressOf(req), res)) return;
        const viewer = caller.ok ? await viewerFor(caller, { config: deps.config, store: deps.store }) : caller;
        if (!viewer.ok) {
          deps.logger.info({ path: req.path(), status: viewer.status, reason: viewer.body.reason }, 'statusflik nekad');
          return fail(res, viewer.status, viewer.body);
        }
        if (!mayOpenStatus(viewer.person)) {
          return fail(res, 403, { error: 'forbidden', reason: t(deps.config.defaultLocale, 'api.reason.notForYou') });
        }
        await handler(req, res, viewer);
      } catch (err) {
        deps.logger.error({ path: req.path(), err: (err as Error).message }, 'statusflikens API misslyckades');
        res.json(503, { error: 'unavailable', reason: t(deps.config.defaultLocale, 'api.reason.unavailable') });
      }
    };

  server.get('/api/tab/demo-users', (req: restify.Request, res: restify.Response, next: restify.Next) => {
    if (!withinLimit(req, res)) return;
    if (!deps.config.tabDemoUsers) {
      fail(res, 404, { error: 'not_found', reason: t(deps.config.defaultLocale, 'api.reason.demoOnlyLocal') });
      return next();
    }
    res.json(200, deps.demoUsers);
    return next();
  });

  // The language the tab starts in, before anyone is known: the same rule as the bot's.
  server.get('/api/tab/settings', (req: restify.Request, res: restify.Response, next: restify.Next) => {
    if (!withinLimit(req, res)) return;
    res.json(200, { locale: deps.config.defaultLocale, followTeamsLocale: deps.config.followTeamsLocale });
    return next();
  });

  // The channel tab's configuration page lists the committees; their names are public.
  server.get('/api/tab/committees', async (req: restify.Request, res: restify.Response) => {
    if (!withinLimit(req, res)) return;
    const all = await allCommittees();
    res.json(200, all.sort((a, b) => a.name.localeCompare(b.name, 'sv')).map((c) => ({ code: c.code, name: c.name })));
  });

  server.get(
    '/api/tab/me',
    withViewer(async (req, res, viewer) => {
      const all = await allCommittees();
      const access = statusAccessOf(viewer.person, all.map((c) => c.code));
      const current = stockholmQuarter(deps.clock.now()).year;
      const locale = localeOf(req);
      const body: MeResponse = {
        person: {
          id: viewer.personId,
          displayName: viewer.person.displayName,
          roles: [...new Set(viewer.person.assignments.map((a) => a.role))].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)),
        },
        committees: all.filter((c) => access.committees.includes(c.code)).sort((a, b) => a.name.localeCompare(b.name, 'sv')).map((c) => ({ code: c.code, name: c.name })),
        year: current,
        years: Array.from({ length: current - FIRST_YEAR + 1 }, (_, i) => current - i),
        target: deps.config.learning.target,
        categories: Object.fromEntries(INCIDENT_CATEGORIES.map((c) => [c, t(locale, `incident.category.${c}`)])),
        demo: viewer.demo,
      };
      res.json(200, body);
    }),
  );

  server.get(
    '/api/tab/overview',
    withViewer(async (req, res, viewer) => {
      const year = yearOf(req, deps.clock);
      if (year === undefined) return fail(res, 400, { error: 'bad_request', reason: t(deps.config.defaultLocale, 'api.reason.badYear', { first: FIRST_YEAR }) });
      const data = await loadOverview(year);
      const access = statusAccessOf(viewer.person, data.committees.map((c) => c.code));
      res.json(200, overviewView(data, { year, target: deps.config.learning.target, committees: access.committees }));
    }),
  );

  const committeeFor = async (req: restify.Request, res: restify.Response, viewer: Extract<Viewer, { ok: true }>) => {
    const year = yearOf(req, deps.clock);
    const code = String((req.params as Record<string, string>).code ?? '').toUpperCase();
    if (year === undefined) return fail(res, 400, { error: 'bad_request', reason: t(deps.config.defaultLocale, 'api.reason.badYear', { first: FIRST_YEAR }) });
    const all = await allCommittees();
    const committee = all.find((c) => c.code === code);
    if (!committee) return fail(res, 404, { error: 'not_found', reason: t(deps.config.defaultLocale, 'api.reason.noCommittee', { code }) });
    const access = statusAccessOf(viewer.person, all.map((c) => c.code));
    if (!access.committees.includes(code)) return fail(res, 403, { error: 'forbidden', reason: t(deps.config.defaultLocale, 'api.reason.noAccess', { committee: committee.name }) });
    const data = await loadCommitteeStatusData(deps.store, year, code);
    return committeeView(data, {
      year,
      target: deps.config.learning.target,
      committeeCode: code,
      withIncidentList: access.incidentDetails(code),
      moduleTitle: (id) => deps.library.byId(id)?.title ?? id,
    });
  };

  server.get(
    '/api/tab/committees/:code',
    withViewer(async (req, res, viewer) => {
      const view = await committeeFor(req, res, viewer);
      if (view) res.json(200, view);
    }),
  );

  server.get(
    '/api/tab/committees/:code/export.csv',
    withViewer(async (req, res, viewer) => {
      const view = await committeeFor(req, res, viewer);
      if (!view) return;
      const body = `\uFEFF${followUpCsv(view)}`;
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="uppfoljning-${view.committee.code}-${view.year}.csv"`,
        'Content-Length': Buffer.byteLength(body),
      });
      res.end(body);
    }),
  );
}
