import type { Activity } from '../actionplan/activity';
import { checkPlanAction, type ActionInput, type ActionRefusal } from '../actionplan/incident-action';
import type { Clock } from '../clock/clock';
import { isCalendarDate, stockholmDate } from '../clock/stockholm-time';
import { hasRole, type Person } from '../organisation/organisation';
import { changedFields, recordAudit } from '../store/record-audit';
import { ConcurrencyConflictError } from '../store/store-errors';
import type { Store, StoredItem } from '../store/store';
import { checkFreeText } from '../text/free-text';
import { MEASURE_STATUSES, type AssetMeasure, type InformationAsset, type MeasureStatus, type RiskAnalysis } from './information-asset';

/**
 * A risk analysis of an asset, recorded with the measures it requires, and each measure followed
 * to its end: its status set, or made an activity of the nämnd's action plan so the coordinator
 * follows it up in the quarter card like any other. Who may: the security officers and the
 * nämnd's coordinator, and the asset's systemägare (who answers for its risk analysis).
 */
export const MEASURE_ACTION_AREA = 'Åtgärder efter riskanalyser';
export const MAX_MEASURES_PER_ANALYSIS = 20;

export function mayEditRisks(person: Person | undefined, personId: string, asset: Pick<InformationAsset, 'committeeCode' | 'systemOwnerId'>): boolean {
  if (asset.systemOwnerId && asset.systemOwnerId === personId) return true;
  return Boolean(person && (['sakerhetsansvarig', 'itsakerhetsansvarig', 'samordnare'] as const).some((role) => hasRole(person, role, asset.committeeCode)));
}

export interface MeasureInput {
  what: string;
  /** Empty: the systemägare answers for it. */
  ownerId: string;
  dueDate: string;
}

export interface AnalysisInput {
  /** The form's own id: sending it twice stores the analysis and its measures once. */
  formId: string;
  analysedOn: string;
  summary: string;
  reviewOn: string;
  measures: MeasureInput[];
}

/** What is wrong, field by field; the tab and its tests name the field and show the text of `code`. */
export interface RiskProblem {
  field: string;
  code: 'required' | 'tooLong' | 'badCharacters' | 'notADate' | 'inFuture' | 'reviewNotAfter' | 'unknownOwner' | 'tooMany' | 'exists';
  max?: number;
}

const text = (field: string, value: string, max: number, problems: RiskProblem[], required = true) => {
  const v = value.trim();
  if (required && !v) problems.push({ field, code: 'required' });
  else if (v.length > max) problems.push({ field, code: 'tooLong', max });
  else if (checkFreeText(v)) problems.push({ field, code: 'badCharacters' });
  return v;
};

/** Checks an analysis form: nothing is stored unless all of it is right. */
export function checkAnalysis(input: AnalysisInput, today: string, owners: readonly string[]): { problems: RiskProblem[] } | { analysis: Omit<RiskAnalysis, 'assetId' | 'committeeCode' | 'analysisKey'>; measures: MeasureInput[] } {
  const problems: RiskProblem[] = [];
  const analysedOn = input.analysedOn.trim();
  if (!analysedOn) problems.push({ field: 'analysedOn', code: 'required' });
  else if (!isCalendarDate(analysedOn)) problems.push({ field: 'analysedOn', code: 'notADate' });
  else if (analysedOn > today) problems.push({ field: 'analysedOn', code: 'inFuture' });
  const summary = text('summary', input.summary, 4000, problems);
  const reviewOn = input.reviewOn.trim();
  if (reviewOn && !isCalendarDate(reviewOn)) problems.push({ field: 'reviewOn', code: 'notADate' });
  else if (reviewOn && isCalendarDate(analysedOn) && reviewOn <= analysedOn) problems.push({ field: 'reviewOn', code: 'reviewNotAfter' });
  if (input.measures.length > MAX_MEASURES_PER_ANALYSIS) problems.push({ field: 'measures', code: 'tooMany', max: MAX_MEASURES_PER_ANALYSIS });
  const measures = input.measures.slice(0, MAX_MEASURES_PER_ANALYSIS).map((m, i) => {
    const what = text(`measures.${i}.what`, m.what, 1000, problems);
    const dueDate = m.dueDate.trim();
    if (!dueDate) problems.push({ field: `measures.${i}.dueDate`, code: 'required' });
    else if (!isCalendarDate(dueDate)) problems.push({ field: `measures.${i}.dueDate`, code: 'notADate' });
    if (m.ownerId && !owners.includes(m.ownerId)) problems.push({ field: `measures.${i}.ownerId`, code: 'unknownOwner' });
    return { what, ownerId: m.ownerId, dueDate };
  });
  if (problems.length > 0) return { problems };
  return { analysis: { analysedOn, summary, ...(reviewOn ? { reviewOn } : {}) }, measures };
}

type Actor = { personId: string; person: Person | undefined };

/**
 * Stores a checked analysis and its measures. One analysis per asset and day (its key); the form
 * sent again stores nothing twice (the measures are keyed by the form), and a different analysis
 * for a day that has one is refused rather than overwriting it.
 */
export async function recordRiskAnalysis(
  deps: { store: Store; clock: Clock },
  actor: Actor,
  asset: InformationAsset,
  input: AnalysisInput,
  owners: readonly string[],
): Promise<{ refused: 'notAllowed' } | { problems: RiskProblem[] } | { analysis: RiskAnalysis; measures: AssetMeasure[] }> {
  if (!mayEditRisks(actor.person, actor.personId, asset)) return { refused: 'notAllowed' };
  const now = deps.clock.now();
  const checked = checkAnalysis(input, stockholmDate(now), owners);
  if ('problems' in checked) return checked;
  const analysisKey = `${asset.assetId}:${checked.analysis.analysedOn}`;
  const form = input.formId.replace(/[^a-zA-Z0-9-]/g, '').slice(0, 36);
  const analysis: RiskAnalysis = { analysisKey, assetId: asset.assetId, committeeCode: asset.committeeCode, ...checked.analysis, formId: form };
  const made = await deps.store.riskAnalyses.create(`analysis:${analysisKey}`, analysis);
  // The same form again (a double click, a retry after a failure half-way) goes on to store what is missing; another form is refused.
  if (!made.created && made.item.value.formId !== form) return { problems: [{ field: 'analysedOn', code: 'exists' }] };
  const measures: AssetMeasure[] = checked.measures.map((m, i) => ({
    measureId: `${asset.assetId}-${checked.analysis.analysedOn.replaceAll('-', '')}-${form.slice(0, 8)}-${i + 1}`,
    assetId: asset.assetId,
    committeeCode: asset.committeeCode,
    analysisKey,
    what: m.what,
    ...(m.ownerId ? { ownerId: m.ownerId } : {}),
    dueDate: m.dueDate,
    status: 'Ej påbörjad',
  }));
  const stored = await deps.store.assetMeasures.createMany(measures.map((m, i) => ({ key: `measure:${analysisKey}:${form}:${i + 1}`, value: m })));
  if (made.created) {
    await recordAudit(deps.store, `analysis:${analysisKey}:created`, {
      at: now.toISOString(), actorId: actor.personId, recordKind: 'riskAnalysis', recordKey: analysisKey, action: 'skapad', before: '', after: JSON.stringify({ ...analysis, measures: measures.length }),
    });
  }
  return { analysis: made.item.value, measures: stored.map((s) => s.item.value) };
}

export type MeasureRefusal = 'notAllowed' | 'unknownStatus' | 'changedMeanwhile';

/** Sets a measure's status against the version the person saw; someone else's save in between is not overwritten. */
export async function setMeasureStatus(
  deps: { store: Store; clock: Clock },
  actor: Actor,
  asset: InformationAsset,
  measure: StoredItem<AssetMeasure>,
  status: string,
  etag: string,
): Promise<{ refused: MeasureRefusal } | { measure: AssetMeasure }> {
  if (!mayEditRisks(actor.person, actor.personId, asset)) return { refused: 'notAllowed' };
  if (!(MEASURE_STATUSES as readonly string[]).includes(status)) return { refused: 'unknownStatus' };
  if (measure.value.status === status) return { measure: measure.value };
  const patch = { status: status as MeasureStatus };
  try {
    const saved = await deps.store.assetMeasures.update(measure.id, etag, patch);
    await recordAudit(deps.store, `measure:${measure.value.measureId}:status:${deps.clock.now().toISOString()}`, {
      at: deps.clock.now().toISOString(), actorId: actor.personId, recordKind: 'assetMeasure', recordKey: measure.value.measureId, action: 'ändrad', ...changedFields(measure.value, patch),
    });
    return { measure: saved.value };
  } catch (err) {
    if (err instanceof ConcurrencyConflictError) return { refused: 'changedMeanwhile' };
    throw err;
  }
}

/**
 * Makes a measure an activity in the nämnd's action plan, for a quarter to come, with an owner who
 * can report on it (the same rules as an incident's action); the measure keeps the link. The
 * activity's id is the measure's, so asking twice makes one.
 */
export async function measureToActivity(
  deps: { store: Store; clock: Clock },
  actor: Actor,
  asset: InformationAsset,
  measure: StoredItem<AssetMeasure>,
  input: Pick<ActionInput, 'title' | 'target' | 'ownerId'>,
  owners: string[],
): Promise<{ refused: ActionRefusal | 'alreadyInPlan' | 'changedMeanwhile' } | { created: Activity }> {
  const checked = checkPlanAction(deps.clock.now(), actor, asset.committeeCode, input, owners);
  if ('refused' in checked) return checked;
  if (measure.value.activityId && (await deps.store.activities.getByKey(`activity:${measure.value.activityId}`))) return { refused: 'alreadyInPlan' };
  const { title, target } = checked;
  const activityId = `${target.year}-riskatgard-${measure.value.measureId}`;
  // The link is written first, over the version read: of two asking at once, one links and the other is told it is planned.
  // A link whose activity was never made (a stop in between) is made now.
  try {
    await deps.store.assetMeasures.update(measure.id, measure.etag, { activityId });
  } catch (err) {
    if (!(err instanceof ConcurrencyConflictError)) throw err;
    return { refused: (await deps.store.assetMeasures.getById(measure.id))?.value.activityId ? 'alreadyInPlan' : 'changedMeanwhile' };
  }
  const activity: Activity = {
    year: target.year,
    activityId,
    area: MEASURE_ACTION_AREA,
    title,
    description: `${asset.assetName}: ${measure.value.what}`.slice(0, 4000),
    quarters: [target.quarter],
    committees: [asset.committeeCode],
    ownerId: input.ownerId,
  };
  const { item } = await deps.store.activities.create(`activity:${activityId}`, activity);
  return { created: item.value };
}
