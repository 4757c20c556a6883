import { statusesOfYear } from './status-queries';
import { sameStoredValue } from '../store/same-value';
import { recordAudit } from '../store/record-audit';
import type { Store } from '../store/store';
import { activityAppliesTo, type Activity, type Quarter } from './activity';
import { latestStatus, quarterStatusKey, statusesByQuarter } from './quarter-status';
import { activityOf, type PlanRow } from './plan-import';

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  statusesCreated: number;
  /** Each activity of the file and what the import does with it, in the file's order: what a dry run shows. */
  activities: { activityId: string; title: string; change: 'created' | 'updated' | 'unchanged' }[];
}

/** The import's outcome in one line of Swedish, as `npm run plan -- import` prints it and the tab shows it. */
export function describeImport(year: number, s: ImportSummary, dryRun: boolean): string {
  return `${dryRun ? 'Provkörning, inget sparat: ' : ''}Handlingsplan ${year}: ${s.created} nya, ${s.updated} ändrade, ${s.unchanged} oförändrade aktiviteter; ${s.statusesCreated} statusar.`;
}

/** Field by field, as stored: the order a store gives the fields back in is its own. */
const same = (a: Activity, b: Activity) => {
  const [x, y] = [a as unknown as Record<string, unknown>, b as unknown as Record<string, unknown>];
  return [...new Set([...Object.keys(x), ...Object.keys(y)])].every((k) => sameStoredValue(x[k], y[k]));
};

/**
 * Writes a checked plan to the store: new activities are created, changed ones updated (with the
 * version read), and a status given in the file is set for each committee the activity applies to
 * where none is recorded yet — a coordinator's own status is never overwritten by an import.
 * Importing the same file again changes nothing.
 */
export async function importPlan(
  store: Store,
  rows: PlanRow[],
  options: { committees: string[]; setBy: string; at: string; dryRun: boolean },
): Promise<ImportSummary> {
  const year = rows[0]!.year;
  const existing = new Map((await store.activities.query({ field: 'year', op: 'eq', value: year })).map((i) => [i.value.activityId, i]));
  const toCreate = rows.filter((r) => !existing.has(r.activityId));
  const toUpdate = rows.filter((r) => existing.has(r.activityId) && !same(existing.get(r.activityId)!.value, activityOf(r)));
  const statuses = (await statusesOfYear(store, year)).map((s) => `${s.value.activityId}:${s.value.committeeCode}`);
  const recorded = new Set(statuses);
  const newStatuses = rows.flatMap((r) =>
    r.status
      ? options.committees
          .filter((c) => activityAppliesTo(activityOf(r), c) && !recorded.has(`${r.activityId}:${c}`))
          .map((c) => {
            // A plan file's status is a follow-up's: where the activity stood at the end of its last quarter.
            const quarter = Math.max(...r.quarters) as Quarter;
            return {
              key: quarterStatusKey(r.activityId, c, quarter),
              value: { year, activityId: r.activityId, committeeCode: c, quarter, status: r.status!, comment: r.comment ?? '', setBy: options.setBy, setAt: options.at },
            };
          })
      : [],
  );
  const changeOf = (r: PlanRow) => (toCreate.includes(r) ? ('created' as const) : toUpdate.includes(r) ? ('updated' as const) : ('unchanged' as const));
  const summary: ImportSummary = {
    created: toCreate.length,
    updated: toUpdate.length,
    unchanged: rows.length - toCreate.length - toUpdate.length,
    statusesCreated: newStatuses.length,
    activities: rows.map((r) => ({ activityId: r.activityId, title: r.title, change: changeOf(r) })),
  };
  if (options.dryRun) return summary;

  await store.activities.createMany(toCreate.map((r) => ({ key: `activity:${r.activityId}`, value: activityOf(r) })));
  for (const r of toUpdate) {
    const item = existing.get(r.activityId)!;
    await store.activities.update(item.id, item.etag, activityOf(r));
  }
  await store.activityStatuses.createMany(newStatuses);
  if (summary.created + summary.updated + summary.statusesCreated > 0) {
    await recordAudit(store, `plan:${year}:${options.at}`, {
      at: options.at,
      actorId: options.setBy,
      recordKind: 'actionPlan',
      recordKey: `plan:${year}`,
      action: 'importerad',
      before: '',
      after: JSON.stringify({ created: summary.created, updated: summary.updated, unchanged: summary.unchanged, statusesCreated: summary.statusesCreated }),
    });
  }
  return summary;
}

/**
 * The year's plan as rows, for export. A status is included when every committee the activity
 * applies to has the same one (as in a municipality-wide follow-up), or for the committee asked for.
 */
export async function exportPlan(store: Store, year: number, committees: string[], committee?: string): Promise<PlanRow[]> {
  const activities = (await store.activities.query({ field: 'year', op: 'eq', value: year })).map((i) => i.value);
  const statuses = (await statusesOfYear(store, year)).map((s) => s.value);
  return activities.map((a) => {
    const applies = committee ? [committee] : committees.filter((c) => activityAppliesTo(a, c));
    // Each committee's standing is its latest quarter's status: a plan file holds one status per activity.
    const mine = applies
      .map((c) => latestStatus(statusesByQuarter(statuses.filter((s) => s.activityId === a.activityId && s.committeeCode === c), a)))
      .filter((s): s is (typeof statuses)[number] => s !== undefined);
    const one = mine.length === applies.length && mine.length > 0 && mine.every((s) => s.status === mine[0]!.status && s.comment === mine[0]!.comment) ? mine[0] : undefined;
    return { ...a, ...(one ? { status: one.status, ...(one.comment ? { comment: one.comment } : {}) } : {}) };
  });
}
