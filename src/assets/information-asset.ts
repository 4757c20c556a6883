/**
 * The municipality's information assets (systems and information), their KLASSA classification,
 * their risk analyses and the measures those require. Infosäk does not replace KLASSA's
 * questionnaire: it keeps its results and follows them up, nämnd by nämnd.
 */

/**
 * KLASSA's consequence levels (SKR, after MSB's model 0040-09): 0 ingen eller försumbar, 1 måttlig,
 * 2 betydande, 3 allvarlig, 4 synnerligen allvarlig (security-protected information, outside the
 * requirement catalogues).
 */
export const KLASSA_LEVELS = [0, 1, 2, 3, 4] as const;
export type KlassaLevel = (typeof KLASSA_LEVELS)[number];

/** The aspects KLASSA classifies; spårbarhet is used by some municipalities and left out by others. */
export const CLASSIFIED_ASPECTS = ['confidentiality', 'integrity', 'availability', 'traceability'] as const;
export type ClassifiedAspect = (typeof CLASSIFIED_ASPECTS)[number];

/**
 * How critical the asset is: samhällsviktig (a service to residents that must not fail: the
 * cybersecurity act's essential services, emergency preparedness), verksamhetskritisk (the
 * committee's own work stops without it), or neither.
 */
export const CRITICALITIES = ['samhallsviktig', 'verksamhetskritisk', 'ovrig'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

export interface InformationAsset {
  /** Lower-case letters, digits and hyphens: the key a file and the tab name it by. */
  assetId: string;
  assetName: string;
  description: string;
  committeeCode: string;
  /** Entra object ids of the systemägare and the informationsägare, when known. */
  systemOwnerId?: string;
  informationOwnerId?: string;
  criticality: Criticality;
  confidentiality?: KlassaLevel;
  integrity?: KlassaLevel;
  availability?: KlassaLevel;
  traceability?: KlassaLevel;
  /** Dates in Stockholm, YYYY-MM-DD: when KLASSA's classification was made, and when it is to be reviewed. */
  classifiedOn?: string;
  classificationReviewOn?: string;
}

export interface RiskAnalysis {
  /** `<assetId>:<date>`: one analysis per asset and day. */
  analysisKey: string;
  assetId: string;
  committeeCode: string;
  analysedOn: string;
  summary: string;
  /** When the next analysis is due (YYYY-MM-DD). */
  reviewOn?: string;
  /** The form it was recorded with: the same form sent again is a repeat, another form for the same day is refused. */
  formId?: string;
}

export const MEASURE_STATUSES = ['Ej påbörjad', 'Pågående', 'Genomförd', 'Struken'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** A measure a risk analysis requires: what, who answers for it, by when, and where it stands. */
export interface AssetMeasure {
  measureId: string;
  assetId: string;
  committeeCode: string;
  analysisKey?: string;
  what: string;
  ownerId?: string;
  dueDate: string;
  status: MeasureStatus;
  /** The action plan's activity it became, when it was made one (followed up in the quarter card). */
  activityId?: string;
}

/** Whether an asset is one the follow-up counts as critical. */
export const isCritical = (asset: Pick<InformationAsset, 'criticality'>) => asset.criticality !== 'ovrig';
