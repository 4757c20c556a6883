import type { Clock } from '../clock/clock';
import { stockholmQuarter } from '../clock/stockholm-time';
import type { OperationalStore } from '../ops/operational-store';
import { FieldValueError } from '../store/field-values';
import type { Store } from '../store/store';
import type { Incident } from './incident';
import { validateIncidentForm, type FormErrors } from './incident-report';

/**
 * Receiving a report, on the critical path between "Skicka" and the receipt: validate, number,
 * store once, and leave the rest (audit, history, telling people) as a durable task so the
 * receipt never waits for it. If the store cannot be reached the report is kept as a task too,
 * and stored as soon as it can: a report that was accepted is never lost.
 */
export interface ReportDeps {
  store: Store;
  ops: OperationalStore;
  clock: Clock;
}

export type ReportOutcome =
  | { outcome: 'invalid'; errors: FormErrors }
  | { outcome: 'stored'; incident: Incident; firstTime: boolean }
  | { outcome: 'pending'; incident: Incident };

export const STORE_INCIDENT_TASK = 'incident.store';
export const FOLLOW_UP_TASK = 'incident.followUp';

export const submissionKey = (submissionId: string) => `incident:${submissionId}`;

export function formatReference(year: number, n: number): string {
  return `INC-${year}-${String(n).padStart(4, '0')}`;
}

/** The highest number already used this year, from the store: where the counter starts on first use. */
async function highestReference(store: Store, year: number): Promise<number> {
  const [latest] = await store.incidents.query({ field: 'reference', op: 'startswith', value: `INC-${year}-` }, { orderBy: { field: 'reference', descending: true }, top: 1 });
  return latest ? Number(latest.value.reference.split('-')[2]) || 0 : 0;
}

export async function reportIncident(
  deps: ReportDeps,
  input: { reporterId: string; submissionId: string; form: unknown; committees: string[] },
): Promise<ReportOutcome> {
  const now = deps.clock.now();
  const checked = validateIncidentForm(input.form, now, input.committees);
  if ('errors' in checked) return { outcome: 'invalid', errors: checked.errors };

  const key = submissionKey(input.submissionId);
  const waiting = await deps.ops.tasks.get(key);
  if (waiting?.kind === STORE_INCIDENT_TASK) return { outcome: 'pending', incident: waiting.payload as Incident };

  const { year } = stockholmQuarter(now);
  const number = await deps.ops.counters.next(`INC-${year}`, () => highestReference(deps.store, year));
  const incident: Incident = { ...checked.report, reference: formatReference(year, number), reporterId: input.reporterId, reportedAt: now.toISOString(), status: 'Ny' };

  try {
    const { item, created } = await deps.store.incidents.create(key, incident);
    if (created) await deps.ops.tasks.add({ key, kind: FOLLOW_UP_TASK, payload: item.value }, now.toISOString());
    return { outcome: 'stored', incident: item.value, firstTime: created };
  } catch (err) {
    if (err instanceof FieldValueError) throw err; // a bug, not an outage: do not hide it in a queue
    await deps.ops.tasks.add({ key, kind: STORE_INCIDENT_TASK, payload: incident }, now.toISOString());
    return { outcome: 'pending', incident };
  }
}

/** The durable task that stores a report accepted while the store was unavailable. */
export async function storePendingIncident(deps: ReportDeps, key: string, incident: Incident): Promise<void> {
  const { item, created } = await deps.store.incidents.create(key, incident);
  if (created) await deps.ops.tasks.replace(key, FOLLOW_UP_TASK, item.value, deps.clock.now().toISOString());
  else await deps.ops.tasks.done(key);
}
