import type restify from 'restify';
import { formatCsv } from '../actionplan/csv';
import { stockholmQuarter } from '../clock/stockholm-time';
import type { Clock } from '../clock/clock';
import { localeOf, yearOf } from './request-params';
import type { AppConfig } from '../config/config';
import { INCIDENT_CATEGORIES, type Incident } from '../incidents/incident';
import type { IncidentRules } from '../incidents/incident-rules';
import { incidentsReportedIn } from '../incidents/incident-queries';
import { findIncident } from '../incidents/triage-incident';
import { actionOwnersOf, createIncidentAction, targetQuarters } from '../actionplan/incident-action';
import { canSetStatus } from '../actionplan/save-quarter-statuses';
import { canTriage } from '../incidents/triage';
import { t, type Locale, type TextKey } from '../i18n/texts';
import type { CampaignDeps } from '../learning/campaign-messages';
import type { ModuleLibrary } from '../learning/module-library';
import type { Logger } from '../logging/logger';
import type { OperationalStore } from '../ops/operational-store';
import { ROLES, type Committee } from '../organisation/organisation';
import { nameLookup } from '../organisation/people';
import { authorityDraft, authorityShortName, DRAFT_KINDS, mayDraft, type DraftKind } from '../reports/authority-drafts';
import { belongsInRegister, discoveredIn, registerCommitteesOf, registerCsv, registerRows } from '../reports/breach-register';
import { draftDocx, DOCX_TYPE } from '../reports/draft-docx';
import { statusAccessOf, mayOpenStatus } from '../status/status-access';
import { overviewCache } from '../status/overview-cache';
import { loadCommitteeStatusData } from '../status/status-data';
import { committeeView } from '../status/status-views';
import { FIRST_YEAR } from '../store/derived-columns';
import type { Store } from '../store/store';
import type { ActionOptionsResponse, AdminModuleCardsResponse, ApiError, DemoUser, MeResponse, OpenResponse, RegisterResponse } from './tab-api-types';
import type { CommitteeResponse } from '../status/status-view-types';
import { adminAccessOf } from '../admin/admin-access';
import { registerAdminApi } from './admin-api';
import { registerAssetRoutes } from './asset-api';
import { registerAssetDetailRoutes } from './asset-detail-api';
import { assetCommitteesOf } from '../assets/asset-access';
import { registerReportApi } from './report-api';
import { teamsSsoVerifier } from './teams-sso';
import { addressKey, callerAddress, personKey, rateLimiter } from './rate-limit';
import { callerOf, viewerFor, type Viewer } from './viewer';

export interface TabApiDeps {
  config: AppConfig;
  store: Store;
  /** The operational store: the status figures' tallies. */
  ops: OperationalStore;
  clock: Clock;
  logger: Logger;
  library: ModuleLibrary;
  /** The campaigns' rules and the notifier that puts their cards in the outbox: the Administration part plans and sends with them. */
  campaigns: CampaignDeps;
  demoUsers: DemoUser[];
  /** The incident rules (the authorities, the deadlines) and the bot's way to put an incident's card in a person's chat. */
  incidents: { rules: IncidentRules; openInChat: (reference: string, personId: string) => Promise<'sent' | 'notReachable'> };
  /** A module's cards rendered as the bot sends them (undefined for an unknown module): the Administration part shows them. */
  modulePreview: (moduleId: string, locale: Locale, personId: string) => AdminModuleCardsResponse['cards'] | undefined;
}


function fail(res: restify.Response, status: number, body: ApiError): void {
  res.json(status, body);
}

/** A Teams deep link to the personal chat with the bot; '' without a bot app id (local mode), where there is no such chat. */
export const botChatUrl = (botAppId: string): string => (botAppId ? `https://teams.microsoft.com/l/chat/0/0?users=28:${encodeURIComponent(botAppId)}` : '');

/**
 * The follow-up for Ledningens genomgång, one row per (committee, activity, quarter) with that
 * quarter's own status, as Swedish spreadsheets read CSV: the quarter is written "Kvartal 2", so no
 * spreadsheet reads it as a number (as "2,3" became a decimal).
 */
export function followUpCsv(view: CommitteeResponse, locale: Locale = 'sv'): string {
  const rows = [['nämnd', 'område', 'aktivitet', 'kvartal', 'status', 'kommentar', 'ändrad av', 'ändrad']];
  for (const area of view.plan.areas) {
    for (const a of area.activities) {
      for (const cell of a.cells) {
        rows.push([view.committee.name, area.area, a.title, t(locale, 'csv.quarter', { quarter: cell.quarter }), cell.status, cell.comment, cell.setBy, cell.setAt.slice(0, 10)]);
      }
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
  const overview = overviewCache(deps, deps.config.statusCacheSeconds);
  const allCommittees = async () => (await deps.store.committees.query()).map((c) => c.value);

  /** `anyRole`: the route decides from the record who may use it (the reporter of an incident need not open the tab). */
  const withViewer =
    (handler: (req: restify.Request, res: restify.Response, viewer: Extract<Viewer, { ok: true }>) => Promise<void>, options: { anyRole?: boolean } = {}) =>
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
        if (!options.anyRole && !mayOpenStatus(viewer.person)) {
          return fail(res, 403, { error: 'forbidden', reason: t(deps.config.defaultLocale, 'api.reason.statusNotForYou') });
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
    withViewer(
      async (req, res, viewer) => {
        const all = await allCommittees();
        const access = statusAccessOf(viewer.person, all.map((c) => c.code));
        const current = stockholmQuarter(deps.clock.now()).year;
        const locale = localeOf(req);
        const admin = adminAccessOf(viewer.person);
        // The register's button: for those who read a nämnd's register, and for a systemägare (one indexed read, at most one item).
        const assets = assetCommitteesOf(viewer.person, all.map((c) => c.code)).length > 0 || (await deps.store.assets.query({ field: 'systemOwnerId', op: 'eq', value: viewer.personId }, { top: 1 })).length > 0;
        // A systemägare who holds no role the status is for still opens the tab: it shows them their systems.
        if (!mayOpenStatus(viewer.person) && !assets) return fail(res, 403, { error: 'forbidden', reason: t(deps.config.defaultLocale, 'api.reason.statusNotForYou') });
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
          registerCommittees: registerCommitteesOf(viewer.person, all.map((c) => c.code)),
          authorities: { imy: authorityShortName(deps.incidents.rules.authorities.imy), csirt: authorityShortName(deps.incidents.rules.authorities.csirt) },
          ...(admin ? { admin } : {}),
          ...(assets ? { assets } : {}),
        };
        res.json(200, body);
      },
      { anyRole: true },
    ),
  );

  server.get(
    '/api/tab/overview',
    withViewer(async (req, res, viewer) => {
      const year = yearOf(req, deps.clock);
      if (year === undefined) return fail(res, 400, { error: 'bad_request', reason: t(deps.config.defaultLocale, 'api.reason.badYear', { first: FIRST_YEAR }) });
      const access = statusAccessOf(viewer.person, (await allCommittees()).map((c) => c.code));
      res.json(200, await overview({ year, target: deps.config.learning.target, committees: access.committees }));
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
    const data = await loadCommitteeStatusData(deps.store, deps.ops, year, code);
    return committeeView(data, {
      year,
      target: deps.config.learning.target,
      committeeCode: code,
      withIncidentList: access.incidentDetails(code),
      moduleTitle: (id) => deps.library.byId(id)?.title ?? id,
      now: deps.clock.now(),
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

  registerIncidentRoutes(server, deps, { withViewer, allCommittees, locale: deps.config.defaultLocale });
  registerAssetRoutes(server, deps, { withViewer, allCommittees });
  registerAssetDetailRoutes(server, deps, { withViewer, allCommittees });
}

export type WithViewer = (
  handler: (req: restify.Request, res: restify.Response, viewer: Extract<Viewer, { ok: true }>) => Promise<void>,
  options?: { anyRole?: boolean },
) => (req: restify.Request, res: restify.Response) => Promise<void>;

/**
 * The routes on incident records: the register of personal data breaches (GDPR art. 33.5), the
 * authority drafts as Word files, and "Öppna", which puts the incident's live card in the
 * caller's chat with the bot. Each decides from the roles and the record who may use it.
 */
function registerIncidentRoutes(
  server: restify.Server,
  deps: TabApiDeps,
  shared: { withViewer: WithViewer; allCommittees: () => Promise<Committee[]>; locale: Locale },
): void {
  const { withViewer, allCommittees } = shared;
  const reason = (key: TextKey, vars?: Record<string, string | number>) => t(shared.locale, key, vars);
  const rules = deps.incidents.rules;

  /** The register's rows for `?committee=<code|all>&year=`, or the refusal already sent. */
  const registerFor = async (req: restify.Request, res: restify.Response, viewer: Extract<Viewer, { ok: true }>): Promise<RegisterResponse | undefined> => {
    const year = yearOf(req, deps.clock);
    if (year === undefined) return void fail(res, 400, { error: 'bad_request', reason: reason('api.reason.badYear', { first: FIRST_YEAR }) });
    const all = await allCommittees();
    const allowed = registerCommitteesOf(viewer.person, all.map((c) => c.code));
    if (allowed.length === 0) return void fail(res, 403, { error: 'forbidden', reason: reason('api.reason.registerNotForYou') });
    const asked = String((req.query as Record<string, unknown> | undefined)?.committee ?? 'all');
    let codes = allowed;
    if (asked.toLowerCase() !== 'all') {
      const code = asked.toUpperCase();
      const committee = all.find((c) => c.code === code);
      if (!committee) return void fail(res, 404, { error: 'not_found', reason: reason('api.reason.noCommittee', { code }) });
      if (!allowed.includes(code)) return void fail(res, 403, { error: 'forbidden', reason: reason('api.reason.noAccess', { committee: committee.name }) });
      codes = [code];
    }
    // A breach discovered in the year was reported in it or later: each year's incidents from then to
    // now, of every committee at once or of each committee asked for (each query one year's, so narrow).
    const thisYear = stockholmQuarter(deps.clock.now()).year;
    const years = Array.from({ length: Math.max(0, thisYear - year) + 1 }, (_, i) => year + i);
    const found = await incidentsReportedIn(deps.store, years, codes.length === all.length ? undefined : codes);
    const incidents = found.map((i) => i.value).filter((i) => codes.includes(i.committeeCode) && belongsInRegister(i) && discoveredIn(year)(i));
    const committees = all.filter((c) => codes.includes(c.code)).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    deps.logger.info({ personId: viewer.personId, committees: codes, year, rows: incidents.length }, 'register över personuppgiftsincidenter läst');
    return {
      year,
      committee: codes === allowed ? 'all' : codes[0]!,
      committees: committees.map((c) => ({ code: c.code, name: c.name })),
      rows: registerRows(incidents, { locale: localeOf(req), committees: all, names: await nameLookup(deps.store, incidents.map((i) => i.imyDecidedBy)) }),
    };
  };

  server.get(
    '/api/tab/register',
    withViewer(async (req, res, viewer) => {
      const register = await registerFor(req, res, viewer);
      if (register) res.json(200, register);
    }),
  );

  server.get(
    '/api/tab/register.csv',
    withViewer(async (req, res, viewer) => {
      const register = await registerFor(req, res, viewer);
      if (!register) return;
      const body = `\uFEFF${registerCsv(register.rows, { locale: localeOf(req), authority: authorityShortName(rules.authorities.imy) })}`;
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="personuppgiftsincidenter-${register.committee}-${register.year}.csv"`,
        'Content-Length': Buffer.byteLength(body),
      });
      res.end(body);
    }),
  );

  /** The incident named in the path, when the viewer may act on it; otherwise the refusal is sent. */
  const incidentFor = async (req: restify.Request, res: restify.Response, may: (incident: Incident) => boolean): Promise<Incident | undefined> => {
    const reference = String((req.params as Record<string, string>).reference ?? '').toUpperCase();
    const item = /^[A-Z]+-\d{4}-\d+$/.test(reference) ? await findIncident(deps.store, reference) : undefined;
    if (!item) return void fail(res, 404, { error: 'not_found', reason: reason('api.reason.noIncident', { reference }) });
    if (!may(item.value)) return void fail(res, 403, { error: 'forbidden', reason: reason('api.reason.notTriager', { reference }) });
    return item.value;
  };

  server.get(
    '/api/tab/incidents/:reference/draft/:file',
    withViewer(async (req, res, viewer) => {
      const kind = /^(imy|csirt)\.docx$/i.exec(String((req.params as Record<string, string>).file ?? ''))?.[1]?.toLowerCase() as DraftKind | undefined;
      if (!kind || !DRAFT_KINDS.includes(kind)) return fail(res, 404, { error: 'not_found', reason: reason('api.reason.draftKind') });
      const incident = await incidentFor(req, res, (i) => canTriage(viewer.person, i));
      if (!incident) return;
      if (!mayDraft(kind, incident)) {
        return fail(res, 409, { error: 'conflict', reason: reason(kind === 'imy' ? 'api.reason.draftImy' : 'api.reason.draftCsirt', { authority: authorityShortName(rules.authorities[kind]) }) });
      }
      const committee = (await allCommittees()).find((c) => c.code === incident.committeeCode);
      const nameOf = await nameLookup(deps.store, [incident.imyDecidedBy, incident.significantDecidedBy]);
      const locale = localeOf(req);
      const now = deps.clock.now();
      const draft = authorityDraft(kind, incident, {
        locale,
        rules,
        committee: { name: committee?.name ?? incident.committeeCode, administration: committee?.administration ?? '' },
        names: nameOf,
        now,
      });
      const file = await draftDocx(draft, { locale, now });
      deps.logger.info({ personId: viewer.personId, reference: incident.reference, kind }, 'myndighetsunderlag hämtat');
      res.writeHead(200, {
        'Content-Type': DOCX_TYPE,
        'Content-Disposition': `attachment; filename="${authorityShortName(rules.authorities[kind]).replace(/[^A-Za-z0-9-]+/g, '-')}-underlag-${incident.reference}.docx"`,
        'Content-Length': file.length,
      });
      res.end(file);
    }),
  );

  // "Skapa åtgärd" in the tab: what the form offers (the quarters, the owners), and the action itself.
  server.get(
    '/api/tab/incidents/:reference/action-options',
    withViewer(async (req, res, viewer) => {
      const incident = await incidentFor(req, res, (i) => canSetStatus(viewer.person, i.committeeCode));
      if (!incident) return;
      const body: ActionOptionsResponse = {
        targets: targetQuarters(deps.clock.now()).map((q) => ({ value: `${q.year}-${q.quarter}`, label: t(localeOf(req), 'incidentAction.form.quarter', { quarter: q.quarter, year: q.year }) })),
        owners: await actionOwnersOf(deps.store, incident.committeeCode),
        defaultTitle: t(localeOf(req), 'incidentAction.form.defaultTitle', { reference: incident.reference, category: t(localeOf(req), `incident.category.${incident.category}`) }),
      };
      res.json(200, body);
    }),
  );

  server.post(
    '/api/tab/incidents/:reference/actions',
    withViewer(async (req, res, viewer) => {
      const incident = await incidentFor(req, res, (i) => canSetStatus(viewer.person, i.committeeCode));
      if (!incident) return;
      const b = (req.body ?? {}) as Record<string, unknown>;
      const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 1000) : '');
      const formId = /^[0-9a-f-]{36}$/.test(text(b.formId)) ? text(b.formId) : '';
      if (!formId) return fail(res, 400, { error: 'bad_request', reason: reason('incidentAction.refused.unknownQuarter') });
      const owners = await actionOwnersOf(deps.store, incident.committeeCode);
      const outcome = await createIncidentAction(
        { store: deps.store, clock: deps.clock },
        { personId: viewer.personId, person: viewer.person },
        incident,
        { formId, title: text(b.title), target: text(b.target), ownerId: text(b.ownerId) },
        owners.map((o) => o.id),
      );
      if ('refused' in outcome) return fail(res, outcome.refused === 'notAllowed' ? 403 : 400, { error: outcome.refused === 'notAllowed' ? 'forbidden' : 'bad_request', reason: reason(`incidentAction.refused.${outcome.refused}`) });
      const a = outcome.created.value;
      res.json(201, { title: a.title, year: a.year, quarter: a.quarters[0]! });
    }),
  );

  server.post(
    '/api/tab/incidents/:reference/open',
    withViewer(
      async (req, res, viewer) => {
        const incident = await incidentFor(req, res, (i) => canTriage(viewer.person, i) || i.reporterId === viewer.personId);
        if (!incident) return;
        const outcome = await deps.incidents.openInChat(incident.reference, viewer.personId);
        if (outcome === 'notReachable') return fail(res, 409, { error: 'conflict', reason: reason('api.reason.noChat') });
        const body: OpenResponse = { sent: true, chatUrl: botChatUrl(deps.config.bot.appId) };
        res.json(200, body);
      },
      { anyRole: true },
    ),
  );

  registerAdminApi(server, deps, (handler) => withViewer(handler));
  registerReportApi(server, deps, (handler) => withViewer(handler));
}
