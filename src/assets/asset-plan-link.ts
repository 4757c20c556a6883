import { quarterStatusKey } from '../actionplan/quarter-status';
import type { Clock } from '../clock/clock';
import { changedFields, recordAudit } from '../store/record-audit';
import { ConcurrencyConflictError } from '../store/store-errors';
import type { Store, StoredItem } from '../store/store';
import { isOpen } from './asset-coverage';
import type { AssetMeasure } from './information-asset';

/**
 * A measure made an activity of the plan is followed up in the quarter card; when the coordinator
 * sets that activity Genomförd there, the measure is done too, so the register does not go on
 * calling it open or late. Done at the save (the quarter card's flow), and swept daily by the
 * reminders' job for a save whose follow-up was cut off.
 */

/** The measure an activity was made from: its id is `<year>-riskatgard-<measureId>` (asset-risk.ts). */
export const measureIdOf = (activityId: string): string | undefined => /^\d{4}-riskatgard-(.+)$/.exec(activityId)?.[1];

/** Marks each open measure whose plan activity stands at Genomförd as Genomförd, with an audit entry; returns how many. */
export async function closeMeasuresDoneInPlan(deps: { store: Store; clock: Clock }, measures: readonly StoredItem<AssetMeasure>[], actorId: string): Promise<number> {
  let closed = 0;
  for (const m of measures) {
    if (!m.value.activityId || !isOpen(m.value)) continue;
    const activity = await deps.store.activities.getByKey(`activity:${m.value.activityId}`);
    const quarter = activity?.value.quarters[0];
    if (!quarter) continue;
    const status = await deps.store.activityStatuses.getByKey(quarterStatusKey(m.value.activityId, m.value.committeeCode, quarter));
    if (status?.value.status !== 'Genomförd') continue;
    const patch = { status: 'Genomförd' as const };
    try {
      await deps.store.assetMeasures.update(m.id, m.etag, patch);
    } catch (err) {
      // Changed by someone meanwhile: theirs stands, and the next sweep looks again.
      if (err instanceof ConcurrencyConflictError) continue;
      throw err;
    }
    const at = deps.clock.now().toISOString();
    await recordAudit(deps.store, `measure:${m.value.measureId}:status:${at}`, {
      at, actorId, recordKind: 'assetMeasure', recordKey: m.value.measureId, action: 'genomförd i handlingsplanen', ...changedFields(m.value, patch),
    });
    closed++;
  }
  return closed;
}

/** After a save in the quarter card: the measures behind the activities it set Genomförd. */
export async function closeMeasuresOfActivities(deps: { store: Store; clock: Clock }, activityIds: readonly string[], actorId: string): Promise<number> {
  const ids = activityIds.map(measureIdOf).filter((id): id is string => id !== undefined);
  const measures = (await Promise.all(ids.map((measureId) => deps.store.assetMeasures.query({ field: 'measureId', op: 'eq', value: measureId })))).flat();
  return closeMeasuresDoneInPlan(deps, measures, actorId);
}
