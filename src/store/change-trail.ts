import type { IncidentEvent } from '../incidents/incident';
import type { OperationalStore } from '../ops/operational-store';
import type { AuditEntry } from './audit-entry';
import { recordAudit } from './record-audit';
import { sameStoredValue } from './same-value';
import type { Store } from './store';

/**
 * A change to a record and the trail it must leave (the audit entry, and for incidents the history
 * event), made durable together. The trail is promised in the operational store before the record
 * is written; if the process stops between the write and the trail, the task runner finds the
 * promise and writes the trail — but only if the change did land. Every write is keyed, so doing
 * it twice changes nothing.
 */
export const CHANGE_TRAIL_TASK = 'record.changeTrail';

export interface ChangeTrail {
  /** This attempt's own id: of two people changing the same version at once, each keeps its own promise. */
  id: string;
  /** The record as the change found it: by item id, or by key when the change creates it. */
  record: { list: 'incidents' | 'activityStatuses'; id?: string; key?: string; seenEtag?: string };
  /** The fields the change sets: the change landed if the record now holds them in a newer version. */
  patch: Record<string, unknown>;
  audit: { key: string; entry: AuditEntry };
  event?: { key: string; value: IncidentEvent };
}

const taskKey = (trail: ChangeTrail) => `trail:${trail.id}`;

/** Promises the trail before the record is written. */
export async function promiseTrail(ops: OperationalStore, trail: ChangeTrail, now: Date): Promise<void> {
  // Due later than now: the runner takes it only if the one making the change did not finish it.
  await ops.tasks.add({ key: taskKey(trail), kind: CHANGE_TRAIL_TASK, payload: trail }, new Date(now.getTime() + 60_000).toISOString());
}

/** The record was written: the trail, then the promise is kept. */
export async function writeTrail(store: Store, ops: OperationalStore, trail: ChangeTrail): Promise<void> {
  await recordAudit(store, trail.audit.key, trail.audit.entry);
  if (trail.event) await store.incidentEvents.create(trail.event.key, trail.event.value);
  await ops.tasks.done(taskKey(trail));
}

/** The record was not written (a conflict, a refusal): nothing to trail. */
export async function dropTrail(ops: OperationalStore, trail: ChangeTrail): Promise<void> {
  await ops.tasks.done(taskKey(trail));
}

/** The task runner's side: writes the trail of a change that landed, forgets one that did not. */
export async function resumeTrail(store: Store, ops: OperationalStore, trail: ChangeTrail): Promise<void> {
  const repository = store[trail.record.list] as unknown as { getById(id: string): Promise<{ etag: string; value: object } | undefined>; getByKey(key: string): Promise<{ etag: string; value: object } | undefined> };
  const current = trail.record.id ? await repository.getById(trail.record.id) : await repository.getByKey(trail.record.key!);
  const landed =
    current !== undefined &&
    current.etag !== trail.record.seenEtag &&
    Object.entries(trail.patch).every(([field, value]) => sameStoredValue((current.value as Record<string, unknown>)[field], value));
  if (landed) await writeTrail(store, ops, trail);
  else await dropTrail(ops, trail);
}
