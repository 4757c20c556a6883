import type restify from 'restify';
import { assetCommitteesOf } from '../assets/asset-access';
import { analysisCurrent, assetCoverage, classificationCurrent, isLate, isOpen, latestAnalysis, reviewDue } from '../assets/asset-coverage';
import { registerOf } from '../assets/asset-store';
import { isCritical, type AssetMeasure, type InformationAsset, type RiskAnalysis } from '../assets/information-asset';
import { stockholmDate } from '../clock/stockholm-time';
import { t, type Locale } from '../i18n/texts';
import type { Committee } from '../organisation/organisation';
import { nameLookup } from '../organisation/people';
import { localeOf } from './request-params';
import type { TabApiDeps, WithViewer } from './tab-api';
import type { AssetRow, AssetsResponse } from './tab-api-types';

/** An asset as a row of the register in the tab, from the records and today; the same in the list and in the asset opened. */
export function assetRowOf(
  a: InformationAsset,
  ctx: { committee: string; analyses: readonly RiskAnalysis[]; measures: readonly AssetMeasure[]; owner: (id: string) => string; today: string; months: number; locale: Locale },
): AssetRow {
  const analysis = latestAnalysis(ctx.analyses, a.assetId);
  const own = ctx.measures.filter((m) => m.assetId === a.assetId);
  const level = (l: number | undefined) => (l === undefined ? null : l);
  return {
    assetId: a.assetId,
    assetName: a.assetName,
    committeeCode: a.committeeCode,
    committee: ctx.committee,
    critical: isCritical(a),
    criticalityLabel: t(ctx.locale, `asset.criticality.${a.criticality}`),
    levels: { confidentiality: level(a.confidentiality), integrity: level(a.integrity), availability: level(a.availability), traceability: level(a.traceability) },
    classifiedOn: a.classifiedOn ?? '',
    classificationDue: a.classifiedOn ? reviewDue(a.classifiedOn, a.classificationReviewOn, ctx.months) : '',
    classificationCurrent: classificationCurrent(a, ctx.today, ctx.months),
    analysedOn: analysis?.analysedOn ?? '',
    analysisCurrent: analysisCurrent(analysis, ctx.today, ctx.months),
    measuresOpen: own.filter(isOpen).length,
    measuresLate: own.filter((m) => isLate(m, ctx.today)).length,
    systemOwner: a.systemOwnerId ? ctx.owner(a.systemOwnerId) : '',
  };
}

/**
 * The register of information assets in the tab: per nämnd the person may read, its critical
 * systems' coverage; then the assets with their levels and dates. A systemägare who may read no
 * nämnd's register sees the assets they own; anyone else is refused. Each nämnd is read on its own
 * (its assets, analyses and measures: one indexed query each), below SharePoint's threshold.
 */
export function registerAssetRoutes(server: restify.Server, deps: TabApiDeps, shared: { withViewer: WithViewer; allCommittees: () => Promise<Committee[]> }): void {
  server.get(
    '/api/tab/assets',
    shared.withViewer(
      async (req, res, viewer) => {
        const locale = localeOf(req);
        const all = await shared.allCommittees();
        const committees = assetCommitteesOf(viewer.person, all.map((c) => c.code));
        const owned = await deps.store.assets.query({ field: 'systemOwnerId', op: 'eq', value: viewer.personId });
        if (committees.length === 0 && owned.length === 0) {
          res.json(403, { error: 'forbidden', reason: t(deps.config.defaultLocale, 'api.reason.assetsNotForYou') });
          return;
        }
        // The nämnder whose register the person reads, and those of the systems they own: of the latter, their own systems only.
        const register = await registerOf(deps.store, [...new Set([...committees, ...owned.map((a) => a.value.committeeCode)])]);
        const { analyses, measures } = register;
        const assets = new Map(register.assets.filter((a) => committees.includes(a.committeeCode) || a.systemOwnerId === viewer.personId).map((a) => [a.assetId, a]));
        const today = stockholmDate(deps.clock.now());
        const months = deps.config.assetReviewMonths;
        const names = new Map(all.map((c) => [c.code, c.name]));
        const owners = await nameLookup(deps.store, [...assets.values()].map((a) => a.systemOwnerId));
        const coverage = assetCoverage({ assets: [...assets.values()], analyses, measures, committees }, today, months).map((c) => ({ ...c, committee: names.get(c.committeeCode) ?? c.committeeCode }));
        const rows = [...assets.values()].map((a) => assetRowOf(a, { committee: names.get(a.committeeCode) ?? a.committeeCode, analyses, measures, owner: owners, today, months, locale }));
        rows.sort((x, y) => Number(y.critical) - Number(x.critical) || x.committee.localeCompare(y.committee, 'sv') || x.assetName.localeCompare(y.assetName, 'sv'));
        const body: AssetsResponse = { today, reviewMonths: months, coverage, assets: rows };
        deps.logger.info({ personId: viewer.personId, committees, assets: rows.length }, 'registret över informationstillgångar läst');
        res.json(200, body);
      },
      { anyRole: true },
    ),
  );
}
