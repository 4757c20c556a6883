import type { Clock } from '../clock/clock';
import { stockholmQuarter } from '../clock/stockholm-time';
import type { OperationalStore } from '../ops/operational-store';
import { FieldValueError } from '../store/field-values';
import { sameStoredValue } from '../store/same-value';
import type { Store } from '../store/store';
import { ListViewThresholdError } from '../store/store-errors';
import { incidentsOfYear } from './incident-queries';
import type { Incident } from './incident';
import { validateIncidentForm, type FormErrors } from './incident-report';
import type { ReportedMessage } from './reported-message';

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
  | { outcome: 'pending'; incident: Incident }
  /** The same form was sent before with other content: that report stands, this one is not stored. */
  | { outcome: 'alreadySent'; incident: Incident };

export const STORE_INCIDENT_TASK = 'incident.store';
export const FOLLOW_UP_TASK = 'incident.followUp';

export const submissionKey = (submissionId: string) => `incident:${submissionId}`;

export function formatReference(year: number, n: number): string {
  return `INC-${year}-${String(n).padStart(4, '0')}`;
}

/** The highest number already used this year, from the store: where the counter starts on first use. */
async function highestReference(store: Store, year: number): Promise<number> {
  const numberOf = (reference: string) => Number(reference.split('-')[2]) || 0;
  try {
    const [latest] = await store.incidents.query({ field: 'reference', op: 'startswith', value: `INC-${year}-` }, { orderBy: { field: 'reference', descending: true }, top: 1 });
    return latest ? numberOf(latest.value.reference) : 0;
  } catch (err) {
    // A year of more reports than the list view threshold: the year's, committee by committee.
    if (!(err instanceof ListViewThresholdError)) throw err;
    return Math.max(0, ...(await incidentsOfYear(store, year)).map((i) => numberOf(i.value.reference)));
  }
}

export async function reportIncident(
  deps: ReportDeps,
  input: {
    reporterId: string;
    submissionId: string;
    form: unknown;
    committees: string[];
    reportedMessage?: ReportedMessage;
    /** The register's asset of an id, where the form offers the register (src/assets/asset-store.ts assetById). */
    findAsset?: (assetId: string) => Promise<{ assetId: string; assetName: string } | undefined>;
  },
): Promise<ReportOutcome> {
  const now = deps.clock.now();
  // The chosen system is looked up by its id (one read), so the form may offer the whole register.
  const assetId = (input.form as { assetId?: unknown } | null)?.assetId;
  const chosen = typeof assetId === 'string' && assetId && input.findAsset ? await input.findAsset(assetId) : undefined;
  const checked = validateIncidentForm(input.form, now, input.committees, chosen ? [chosen] : []);
  if ('errors' in checked) return { outcome: 'invalid', errors: checked.errors };

  const key = submissionKey(input.submissionId);
  const report = { ...checked.report, ...(input.reportedMessage ? { reportedMessage: input.reportedMessage } : {}), reporterId: input.reporterId };
  const waiting = await deps.ops.tasks.get(key);
  if (waiting?.kind === STORE_INCIDENT_TASK) {
    const earlier = waiting.payload as Incident;
    return { outcome: sameReport(earlier, report) ? 'pending' : 'alreadySent', incident: earlier };
  }

  const { year } = stockholmQuarter(now);
  // The number belongs to the form: sending it again (a double click, a retry) uses up no other.
  const number = await deps.ops.counters.next(`INC-${year}`, () => highestReference(deps.store, year), input.submissionId);
  const incident: Incident = { ...report, reference: formatReference(year, number), reportedAt: now.toISOString(), status: 'Ny' };

  try {
    const { item, created } = await deps.store.incidents.create(key, incident);
    if (created) await deps.ops.tasks.add({ key, kind: FOLLOW_UP_TASK, payload: item.value }, now.toISOString());
    else if (!sameReport(item.value, report)) return { outcome: 'alreadySent', incident: item.value };
    return { outcome: 'stored', incident: item.value, firstTime: created };
  } catch (err) {
    if (err instanceof FieldValueError) throw err; // a bug, not an outage: do not hide it in a queue
    await deps.ops.tasks.add({ key, kind: STORE_INCIDENT_TASK, payload: incident }, now.toISOString());
    return { outcome: 'pending', incident };
  }
}

/**
 * The durable task that stores a report accepted while the store was unavailable. Whether the
 * create wrote the item now or an earlier attempt did (its answer lost), the follow-up is still
 * owed: it is idempotent by key, and the receipt promised it.
 */
export async function storePendingIncident(deps: ReportDeps, key: string, incident: Incident): Promise<void> {
  const { item } = await deps.store.incidents.create(key, incident);
  await deps.ops.tasks.replace(key, FOLLOW_UP_TASK, item.value, deps.clock.now().toISOString());
}

/** Whether a stored report says what a form says: every field the reporter filled in, nothing the triagers changed since. */
function sameReport(stored: Incident, report: Omit<Incident, 'reference' | 'reportedAt' | 'status'>): boolean {
  return (Object.keys(report) as (keyof typeof report)[]).every((field) => sameStoredValue(stored[field], report[field]));
}
