import { addDays } from '../clock/stockholm-time';
import { isCritical, type AssetMeasure, type InformationAsset, type RiskAnalysis } from './information-asset';

/**
 * "Are our critical systems classified?", per nämnd: of its critical assets, how many have a
 * current KLASSA classification and a current risk analysis, and how its measures stand. A
 * classification or an analysis is current until its own review date, or — where none was set —
 * for the review interval after it was made (ASSET_REVIEW_MONTHS, 12 by default). Pure: the
 * records and today (a Stockholm date) are given.
 */
export interface AssetCoverage {
  committeeCode: string;
  critical: number;
  classified: number;
  analysed: number;
  measuresOpen: number;
  measuresLate: number;
}

/** The day a review falls due: its own date, or the interval after the date it was made. */
export function reviewDue(madeOn: string, reviewOn: string | undefined, reviewMonths: number): string {
  if (reviewOn) return reviewOn;
  const [y, m, d] = madeOn.split('-').map(Number) as [number, number, number];
  // Months as the calendar has them (31 January + 1 month is 28 or 29 February), in whole days.
  const target = new Date(Date.UTC(y, m - 1 + reviewMonths, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return addDays(`${target.toISOString().slice(0, 8)}01`, Math.min(d, lastDay) - 1);
}

/** Whether an asset's classification is current today. */
export function classificationCurrent(asset: InformationAsset, today: string, reviewMonths: number): boolean {
  return Boolean(asset.classifiedOn) && reviewDue(asset.classifiedOn!, asset.classificationReviewOn, reviewMonths) >= today;
}

/** An asset's latest risk analysis, if any. */
export function latestAnalysis(analyses: readonly RiskAnalysis[], assetId: string): RiskAnalysis | undefined {
  return analyses.filter((a) => a.assetId === assetId).sort((a, b) => b.analysedOn.localeCompare(a.analysedOn))[0];
}

export function analysisCurrent(analysis: RiskAnalysis | undefined, today: string, reviewMonths: number): boolean {
  return analysis !== undefined && reviewDue(analysis.analysedOn, analysis.reviewOn, reviewMonths) >= today;
}

const OPEN: readonly AssetMeasure['status'][] = ['Ej påbörjad', 'Pågående'];
export const isOpen = (m: Pick<AssetMeasure, 'status'>) => OPEN.includes(m.status);
export const isLate = (m: AssetMeasure, today: string) => isOpen(m) && m.dueDate < today;

/**
 * The register as it stood on a day: a classification made after it is not yet there (the asset
 * reads as unclassified), nor an analysis made after it, nor the measures such an analysis required.
 * The register keeps the latest classification only, so one renewed since reads as none on that day.
 */
export function asAt<R extends { assets: readonly InformationAsset[]; analyses: readonly RiskAnalysis[]; measures: readonly AssetMeasure[] }>(register: R, day: string): R {
  const analyses = register.analyses.filter((a) => a.analysedOn <= day);
  const kept = new Set(analyses.map((a) => a.analysisKey));
  const CLASSIFICATION = ['confidentiality', 'integrity', 'availability', 'traceability', 'classifiedOn', 'classificationReviewOn'] as const;
  const unclassified = (a: InformationAsset): InformationAsset => {
    const rest = { ...a };
    for (const field of CLASSIFICATION) delete rest[field];
    return rest;
  };
  return {
    ...register,
    assets: register.assets.map((a) => (a.classifiedOn && a.classifiedOn > day ? unclassified(a) : a)),
    analyses,
    measures: register.measures.filter((m) => !m.analysisKey || kept.has(m.analysisKey)),
  };
}

export function assetCoverage(
  input: { assets: readonly InformationAsset[]; analyses: readonly RiskAnalysis[]; measures: readonly AssetMeasure[]; committees: readonly string[] },
  today: string,
  reviewMonths: number,
): AssetCoverage[] {
  return input.committees.map((committeeCode) => {
    const critical = input.assets.filter((a) => a.committeeCode === committeeCode && isCritical(a));
    const measures = input.measures.filter((m) => m.committeeCode === committeeCode);
    return {
      committeeCode,
      critical: critical.length,
      classified: critical.filter((a) => classificationCurrent(a, today, reviewMonths)).length,
      analysed: critical.filter((a) => analysisCurrent(latestAnalysis(input.analyses, a.assetId), today, reviewMonths)).length,
      measuresOpen: measures.filter(isOpen).length,
      measuresLate: measures.filter((m) => isLate(m, today)).length,
    };
  });
}
