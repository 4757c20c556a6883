import { asAt, assetCoverage, reviewDue } from '../../src/assets/asset-coverage';
import type { AssetMeasure, InformationAsset, RiskAnalysis } from '../../src/assets/information-asset';

describe('how far a nämnd’s critical systems are classified and analysed', () => {
  const asset = (assetId: string, committeeCode: string, extra: Partial<InformationAsset> = {}): InformationAsset => ({ assetId, assetName: assetId, description: '', committeeCode, criticality: 'samhallsviktig', ...extra });
  const analysis = (assetId: string, analysedOn: string, reviewOn?: string): RiskAnalysis => ({ analysisKey: `${assetId}:${analysedOn}`, assetId, committeeCode: 'SN', analysedOn, summary: '', ...(reviewOn ? { reviewOn } : {}) });
  const measure = (measureId: string, status: AssetMeasure['status'], dueDate: string): AssetMeasure => ({ measureId, assetId: 'sn-ifo', committeeCode: 'SN', what: 'x', dueDate, status });
  const today = '2026-11-24';

  it('counts a classification or analysis current until its review date, or for the interval when it has none', () => {
    const assets = [
      asset('sn-ifo', 'SN', { classifiedOn: '2026-01-10', classificationReviewOn: '2027-01-10' }),
      // Made 13 months ago with no review date: due after 12 months, so not current.
      asset('sn-larm', 'SN', { classifiedOn: '2025-10-20' }),
      // Its own review date has passed.
      asset('sn-hemtjanst', 'SN', { classifiedOn: '2026-06-01', classificationReviewOn: '2026-11-01' }),
      asset('sn-ny', 'SN', { criticality: 'verksamhetskritisk' }),
      // Not critical: not counted at all.
      asset('sn-intranat', 'SN', { criticality: 'ovrig', classifiedOn: '2026-01-01' }),
      asset('ks-ekonomi', 'KS', { criticality: 'verksamhetskritisk', classifiedOn: '2026-03-01' }),
    ];
    const analyses = [
      analysis('sn-ifo', '2025-01-05'),
      analysis('sn-ifo', '2026-02-01'), // the latest counts
      analysis('sn-larm', '2025-12-01', '2026-06-01'),
      analysis('ks-ekonomi', '2025-11-24'), // exactly twelve months: due today, still current
    ];
    const measures = [measure('a', 'Pågående', '2026-12-31'), measure('b', 'Ej påbörjad', '2026-11-23'), measure('c', 'Genomförd', '2026-01-01'), measure('d', 'Struken', '2026-01-01')];
    expect(assetCoverage({ assets, analyses, measures, committees: ['SN', 'KS', 'BUN'] }, today, 12)).toEqual([
      { committeeCode: 'SN', critical: 4, classified: 1, analysed: 1, measuresOpen: 2, measuresLate: 1 },
      { committeeCode: 'KS', critical: 1, classified: 1, analysed: 1, measuresOpen: 0, measuresLate: 0 },
      { committeeCode: 'BUN', critical: 0, classified: 0, analysed: 0, measuresOpen: 0, measuresLate: 0 },
    ]);
  });

  it('counts months as the calendar has them', () => {
    expect(reviewDue('2026-01-31', undefined, 1)).toBe('2026-02-28');
    expect(reviewDue('2027-01-31', undefined, 13)).toBe('2028-02-29');
    expect(reviewDue('2026-03-15', undefined, 12)).toBe('2027-03-15');
    expect(reviewDue('2026-03-15', '2026-09-01', 12)).toBe('2026-09-01');
  });
});

describe('the register as it stood on a past day', () => {
  it('leaves out a classification, an analysis and its measures made after that day', () => {
    const asset = { assetId: 'x', assetName: 'X', description: '', committeeCode: 'SN', criticality: 'samhallsviktig' as const, confidentiality: 2 as const, integrity: 2 as const, availability: 2 as const, classifiedOn: '2026-02-01' };
    const analysis = { analysisKey: 'x:2026-02-10', assetId: 'x', committeeCode: 'SN', analysedOn: '2026-02-10', summary: 's' };
    const older = { analysisKey: 'x:2025-03-01', assetId: 'x', committeeCode: 'SN', analysedOn: '2025-03-01', summary: 's' };
    const measure = { measureId: 'm', assetId: 'x', committeeCode: 'SN', analysisKey: 'x:2026-02-10', what: 'w', dueDate: '2026-06-01', status: 'Ej påbörjad' as const };
    const then = asAt({ assets: [asset], analyses: [analysis, older], measures: [measure] }, '2025-12-31');
    expect(then.assets[0]!.classifiedOn).toBeUndefined();
    expect(then.analyses).toEqual([older]);
    expect(then.measures).toEqual([]);
    expect(assetCoverage({ ...then, committees: ['SN'] }, '2025-12-31', 12)).toEqual([{ committeeCode: 'SN', critical: 1, classified: 0, analysed: 1, measuresOpen: 0, measuresLate: 0 }]);
    // On a day after all of it, all of it counts.
    expect(asAt({ assets: [asset], analyses: [analysis], measures: [measure] }, '2026-11-24').measures).toEqual([measure]);
  });
});
