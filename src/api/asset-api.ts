import type restify from 'restify';
import { assetCommitteesOf } from '../assets/asset-access';
import { analysisCurrent, assetCoverage, classificationCurrent, isLate, isOpen, latestAnalysis, reviewDue } from '../assets/asset-coverage';
import { ofCommittees } from '../assets/asset-store';
import { isCritical, type InformationAsset } from '../assets/information-asset';
import { stockholmDate } from '../clock/stockholm-time';
import { t } from '../i18n/texts';
import type { Committee } from '../organisation/organisation';
import { nameLookup } from '../organisation/people';
import { localeOf } from './request-params';
import type { TabApiDeps, WithViewer } from './tab-api';
import type { AssetRow, AssetsResponse } from './tab-api-types';

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
        const [byCommittee, owned] = await Promise.all([
          ofCommittees(deps.store.assets, committees),
          deps.store.assets.query({ field: 'systemOwnerId', op: 'eq', value: viewer.personId }),
        ]);
        const assets = new Map<string, InformationAsset>();
        for (const item of [...byCommittee, ...owned]) assets.set(item.value.assetId, item.value);
        if (committees.length === 0 && assets.size === 0) {
          res.json(403, { error: 'forbidden', reason: t(deps.config.defaultLocale, 'api.reason.assetsNotForYou') });
          return;
        }
        const shownCommittees = [...new Set([...committees, ...[...assets.values()].map((a) => a.committeeCode)])];
        const values = <T>(items: Promise<{ value: T }[]>) => items.then((found) => found.map((i) => i.value));
        const [analyses, measures] = await Promise.all([values(ofCommittees(deps.store.riskAnalyses, shownCommittees)), values(ofCommittees(deps.store.assetMeasures, shownCommittees))]);
        const today = stockholmDate(deps.clock.now());
        const months = deps.config.assetReviewMonths;
        const names = new Map(all.map((c) => [c.code, c.name]));
        const owners = await nameLookup(deps.store, [...assets.values()].map((a) => a.systemOwnerId));
        const coverage = assetCoverage({ assets: [...assets.values()], analyses, measures, committees }, today, months).map((c) => ({ ...c, committee: names.get(c.committeeCode) ?? c.committeeCode }));
        const level = (l: number | undefined) => (l === undefined ? null : l);
        const rows: AssetRow[] = [...assets.values()].map((a) => {
          const analysis = latestAnalysis(analyses, a.assetId);
          const own = measures.filter((m) => m.assetId === a.assetId);
          return {
            assetId: a.assetId,
            assetName: a.assetName,
            committeeCode: a.committeeCode,
            committee: names.get(a.committeeCode) ?? a.committeeCode,
            critical: isCritical(a),
            criticalityLabel: t(locale, `asset.criticality.${a.criticality}`),
            levels: { confidentiality: level(a.confidentiality), integrity: level(a.integrity), availability: level(a.availability), traceability: level(a.traceability) },
            classifiedOn: a.classifiedOn ?? '',
            classificationDue: a.classifiedOn ? reviewDue(a.classifiedOn, a.classificationReviewOn, months) : '',
            classificationCurrent: classificationCurrent(a, today, months),
            analysedOn: analysis?.analysedOn ?? '',
            analysisCurrent: analysisCurrent(analysis, today, months),
            measuresOpen: own.filter(isOpen).length,
            measuresLate: own.filter((m) => isLate(m, today)).length,
            systemOwner: a.systemOwnerId ? owners(a.systemOwnerId) : '',
          };
        });
        rows.sort((x, y) => Number(y.critical) - Number(x.critical) || x.committee.localeCompare(y.committee, 'sv') || x.assetName.localeCompare(y.assetName, 'sv'));
        const body: AssetsResponse = { today, reviewMonths: months, coverage, assets: rows };
        deps.logger.info({ personId: viewer.personId, committees, assets: rows.length }, 'registret över informationstillgångar läst');
        res.json(200, body);
      },
      { anyRole: true },
    ),
  );
}
