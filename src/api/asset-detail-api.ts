import type restify from 'restify';
import { actionOwnersOf, targetQuarters } from '../actionplan/incident-action';
import { canSetStatus } from '../actionplan/save-quarter-statuses';
import { assetCommitteesOf } from '../assets/asset-access';
import { isLate, isOpen, reviewDue } from '../assets/asset-coverage';
import { mayEditRisks, measureToActivity, recordRiskAnalysis, setMeasureStatus, type RiskProblem } from '../assets/asset-risk';
import { assetById } from '../assets/asset-store';
import { MEASURE_STATUSES, type AssetMeasure, type InformationAsset, type MeasureStatus } from '../assets/information-asset';
import { stockholmDate } from '../clock/stockholm-time';
import { peopleHolding } from '../incidents/incident-recipients';
import { t, valueLabel, type Locale, type TextKey } from '../i18n/texts';
import type { Committee } from '../organisation/organisation';
import { nameLookup } from '../organisation/people';
import type { Store, StoredItem } from '../store/store';
import { assetRowOf } from './asset-api';
import { canRead } from '../incidents/triage';
import { localeOf } from './request-params';
import type { TabApiDeps, WithViewer } from './tab-api';
import type { AssetDetailResponse } from './tab-api-types';

type ViewerOf = Parameters<Parameters<WithViewer>[0]>[2];

/** Who may open an asset: whoever reads its nämnd's register, and its systemägare. */
const mayRead = (viewer: ViewerOf, asset: InformationAsset, all: readonly string[]) =>
  asset.systemOwnerId === viewer.personId || assetCommitteesOf(viewer.person, all).includes(asset.committeeCode);

/** Who a measure may be given to: the nämnd's coordinators, security officers and managers, and the asset's owners. */
async function measureOwnersOf(store: Store, asset: InformationAsset): Promise<{ id: string; name: string }[]> {
  const holders = await peopleHolding(store, ['samordnare', 'sakerhetsansvarig', 'itsakerhetsansvarig', 'chef'], asset.committeeCode);
  const owners = [asset.systemOwnerId, asset.informationOwnerId].filter((id): id is string => Boolean(id) && !holders.some((h) => h.personId === id));
  const names = await nameLookup(store, owners);
  return [...owners.map((id) => ({ id, name: names(id) })), ...holders.map((h) => ({ id: h.personId, name: h.displayName }))].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

/** A problem in words, naming the field as the form does ("Åtgärd 2, klart senast: ..."). */
export function riskProblemText(locale: Locale, p: RiskProblem): string {
  const measure = /^measures\.(\d+)\.(\w+)$/.exec(p.field);
  const field = measure ? t(locale, 'asset.field.measure', { n: Number(measure[1]) + 1, field: t(locale, `asset.field.${measure[2]}` as TextKey) }) : t(locale, `asset.field.${p.field}` as TextKey);
  return t(locale, `asset.problem.${p.code}`, { field, max: p.max ?? '' });
}

/**
 * One asset in the tab, and what is done with it there: record a risk analysis with its measures,
 * set a measure's status, make a measure an activity of the nämnd's plan. Each route reads the
 * asset and decides from the roles and the record who may; the page only shows what it is given.
 */
export function registerAssetDetailRoutes(server: restify.Server, deps: TabApiDeps, shared: { withViewer: WithViewer; allCommittees: () => Promise<Committee[]> }): void {
  const fail = (res: restify.Response, status: number, reason: string, extra: object = {}) =>
    res.json(status, { error: status === 403 ? 'forbidden' : status === 404 ? 'not_found' : status === 409 ? 'conflict' : 'bad_request', reason, ...extra });
  const say = (key: TextKey, vars?: Record<string, string | number>) => t(deps.config.defaultLocale, key, vars);

  /** The asset of `:id` when the viewer may read it; otherwise the refusal is sent (an asset one may not read is as unknown). */
  const assetFor = async (req: restify.Request, res: restify.Response, viewer: ViewerOf): Promise<{ item: StoredItem<InformationAsset>; all: Committee[] } | undefined> => {
    const item = await assetById(deps.store, String((req.params as Record<string, unknown>).id ?? ''));
    const all = await shared.allCommittees();
    if (!item || !mayRead(viewer, item.value, all.map((c) => c.code))) return void fail(res, 404, say('api.reason.assetNotFound'));
    return { item, all };
  };
  const measureFor = async (req: restify.Request, res: restify.Response, asset: InformationAsset) => {
    const measureId = String((req.params as Record<string, unknown>).measureId ?? '');
    const [item] = await deps.store.assetMeasures.query({ field: 'measureId', op: 'eq', value: measureId });
    if (!item || item.value.assetId !== asset.assetId) return void fail(res, 404, say('api.reason.measureNotFound'));
    return item;
  };
  const body = (req: restify.Request) => (req.body ?? {}) as Record<string, unknown>;
  const text = (v: unknown, max = 5000) => (typeof v === 'string' ? v.slice(0, max) : '');
  const formIdOf = (v: unknown) => (/^[0-9a-f-]{36}$/.test(text(v)) ? text(v) : '');
  const domain = { store: deps.store, clock: deps.clock };
  const actorOf = (viewer: ViewerOf) => ({ personId: viewer.personId, person: viewer.person });
  type Found = NonNullable<Awaited<ReturnType<typeof assetFor>>>;
  /** A route on one asset: signed in with any role (the asset decides who may), the asset read and its readers checked; a refusal is already sent. */
  const onAsset = (handler: (req: restify.Request, res: restify.Response, viewer: ViewerOf, found: Found) => Promise<void>) =>
    shared.withViewer(
      async (req, res, viewer) => {
        const found = await assetFor(req, res, viewer);
        if (found) await handler(req, res, viewer, found);
      },
      { anyRole: true },
    );
  /** A route on one measure of the asset, found under that asset only. */
  const onMeasure = (handler: (req: restify.Request, res: restify.Response, viewer: ViewerOf, found: Found, measure: StoredItem<AssetMeasure>) => Promise<void>) =>
    onAsset(async (req, res, viewer, found) => {
      const measure = await measureFor(req, res, found.item.value);
      if (measure) await handler(req, res, viewer, found, measure);
    });

  server.get(
    '/api/tab/assets/:id',
    onAsset(async (req, res, viewer, found) => {
      const a = found.item.value;
      const locale = localeOf(req);
      const today = stockholmDate(deps.clock.now());
      const months = deps.config.assetReviewMonths;
      const [analyses, measures, incidents, measureOwners, planOwners] = await Promise.all([
        deps.store.riskAnalyses.query({ field: 'assetId', op: 'eq', value: a.assetId }),
        deps.store.assetMeasures.query({ field: 'assetId', op: 'eq', value: a.assetId }),
        deps.store.incidents.query({ field: 'assetId', op: 'eq', value: a.assetId }),
        measureOwnersOf(deps.store, a),
        actionOwnersOf(deps.store, a.committeeCode),
      ]);
      const names = await nameLookup(deps.store, [a.systemOwnerId, a.informationOwnerId, ...measures.map((m) => m.value.ownerId)]);
      const activities = new Map(
        (await Promise.all([...new Set(measures.map((m) => m.value.activityId).filter(Boolean))].map((id) => deps.store.activities.getByKey(`activity:${id}`))))
          .filter((x) => x !== undefined)
          .map((x) => [x.value.activityId, x.value]),
      );
      const sortedAnalyses = analyses.map((x) => x.value).sort((x, y) => y.analysedOn.localeCompare(x.analysedOn));
      const committee = found.all.find((c) => c.code === a.committeeCode)?.name ?? a.committeeCode;
      const response: AssetDetailResponse = {
        asset: {
          ...assetRowOf(a, { committee, analyses: sortedAnalyses, measures: measures.map((m) => m.value), owner: names, today, months, locale }),
          description: a.description,
          classificationReviewOn: a.classificationReviewOn ?? '',
          informationOwner: a.informationOwnerId ? names(a.informationOwnerId) : '',
        },
        analyses: sortedAnalyses.map((x) => {
          const due = reviewDue(x.analysedOn, x.reviewOn, months);
          return { analysisKey: x.analysisKey, analysedOn: x.analysedOn, summary: x.summary, reviewDue: due, current: due >= today };
        }),
        measures: measures
          .map((m) => {
            const activity = m.value.activityId ? activities.get(m.value.activityId) : undefined;
            return {
              measureId: m.value.measureId,
              etag: m.etag,
              analysedOn: m.value.analysisKey?.split(':')[1] ?? '',
              what: m.value.what,
              owner: m.value.ownerId ? names(m.value.ownerId) : names(a.systemOwnerId ?? ''),
              dueDate: m.value.dueDate,
              status: m.value.status,
              statusLabel: valueLabel(locale, 'measureStatus', m.value.status),
              late: isLate(m.value, today),
              plannedIn: activity ? { year: activity.year, quarter: activity.quarters[0]! } : null,
            };
          })
          .sort((x, y) => Number(isOpen(y as { status: MeasureStatus })) - Number(isOpen(x as { status: MeasureStatus })) || x.dueDate.localeCompare(y.dueDate)),
        // Only those the person may read as incidents (their own reports, or as a triager of the nämnd), with their secrecy mark.
        incidents: incidents
          .map((i) => i.value)
          .filter((i) => canRead(viewer.person, viewer.personId, i))
          .sort((x, y) => y.reportedAt.localeCompare(x.reportedAt))
          .map((i) => ({
            reference: i.reference,
            reportedAt: i.reportedAt,
            category: t(locale, `incident.category.${i.category}`),
            status: valueLabel(locale, 'incidentStatus', i.status),
            secrecyLabel: i.secrecy ? valueLabel(locale, 'secrecy', i.secrecy) : '',
          })),
        may: { edit: mayEditRisks(viewer.person, viewer.personId, a), plan: canSetStatus(viewer.person, a.committeeCode) },
        measureStatuses: MEASURE_STATUSES.map((s) => ({ value: s, label: valueLabel(locale, 'measureStatus', s) })),
        measureOwners,
        planOwners,
        targets: targetQuarters(deps.clock.now()),
        today,
        reviewMonths: months,
      };
      res.json(200, response);
    }),
  );

  server.post(
    '/api/tab/assets/:id/analyses',
    onAsset(async (req, res, viewer, found) => {
      const b = body(req);
      const formId = formIdOf(b.formId);
      if (!formId) return fail(res, 400, say('api.reason.formLost'));
      const measures = Array.isArray(b.measures) ? (b.measures as Record<string, unknown>[]).slice(0, 100) : [];
      const owners = (await measureOwnersOf(deps.store, found.item.value)).map((o) => o.id);
      const outcome = await recordRiskAnalysis(
        domain,
        actorOf(viewer),
        found.item.value,
        {
          formId,
          analysedOn: text(b.analysedOn, 20),
          summary: text(b.summary),
          reviewOn: text(b.reviewOn, 20),
          measures: measures.map((m) => ({ what: text(m?.what), ownerId: text(m?.ownerId, 100), dueDate: text(m?.dueDate, 20) })),
        },
        owners,
      );
      if ('refused' in outcome) return fail(res, 403, say('asset.refused.notAllowed'));
      if ('problems' in outcome) {
        const problems = outcome.problems.map((p) => ({ field: p.field, message: riskProblemText(deps.config.defaultLocale, p) }));
        return fail(res, 400, problems.map((p) => p.message).join(' '), { problems });
      }
      deps.logger.info({ personId: viewer.personId, assetId: found.item.value.assetId, measures: outcome.measures.length }, 'riskanalys sparad');
      res.json(201, { analysisKey: outcome.analysis.analysisKey, measures: outcome.measures.length });
    }),
  );

  server.post(
    '/api/tab/assets/:id/measures/:measureId/status',
    onMeasure(async (req, res, viewer, found, measure) => {
      const b = body(req);
      // Without the version the person saw, a change could overwrite someone else's (SharePoint takes an empty If-Match as any version).
      if (!text(b.etag, 200)) return fail(res, 400, say('api.reason.formLost'));
      const outcome = await setMeasureStatus(domain, actorOf(viewer), found.item.value, measure, text(b.status, 50), text(b.etag, 200));
      if ('refused' in outcome) return fail(res, outcome.refused === 'notAllowed' ? 403 : outcome.refused === 'changedMeanwhile' ? 409 : 400, say(`asset.refused.${outcome.refused}`));
      res.json(200, { status: outcome.measure.status });
    }),
  );

  server.post(
    '/api/tab/assets/:id/measures/:measureId/activity',
    onMeasure(async (req, res, viewer, found, measure) => {
      const b = body(req);
      const owners = (await actionOwnersOf(deps.store, found.item.value.committeeCode)).map((o) => o.id);
      const outcome = await measureToActivity(
        domain,
        actorOf(viewer),
        found.item.value,
        measure,
        { title: text(b.title, 1000), target: text(b.target, 20), ownerId: text(b.ownerId, 100) },
        owners,
      );
      if ('refused' in outcome) {
        const { refused } = outcome;
        const status = refused === 'notAllowed' ? 403 : refused === 'alreadyInPlan' || refused === 'changedMeanwhile' ? 409 : 400;
        return fail(res, status, say(refused === 'alreadyInPlan' || refused === 'changedMeanwhile' ? `asset.refused.${refused}` : `incidentAction.refused.${refused}`));
      }
      deps.logger.info({ personId: viewer.personId, measureId: measure.value.measureId, activityId: outcome.created.activityId }, 'åtgärd lagd i handlingsplanen');
      res.json(201, { title: outcome.created.title, year: outcome.created.year, quarter: outcome.created.quarters[0]! });
    }),
  );
}
