import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock/clock';
import type { Person } from '../organisation/organisation';
import type { OperationalStore } from '../ops/operational-store';
import { dropTrail, promiseTrail, writeTrail, type ChangeTrail } from '../store/change-trail';
import { changedFields } from '../store/record-audit';
import type { StoredItem, Store } from '../store/store';
import { ConcurrencyConflictError } from '../store/store-errors';
import type { Incident } from './incident';
import type { IncidentRules } from './incident-rules';
import { applyTriage, mayTakeAction, type TriageAction, type TriageRefusal } from './triage';

export type TriageResult =
  | { outcome: 'updated'; item: StoredItem<Incident> }
  | { outcome: 'refused'; item: StoredItem<Incident>; reason: TriageRefusal }
  /** changedSince: the card showed an older version; changedConcurrently: someone saved in the same moment. */
  | { outcome: 'conflict'; item: StoredItem<Incident>; reason: 'changedSince' | 'changedConcurrently' }
  | { outcome: 'forbidden' }
  | { outcome: 'notFound' };

/** The durable task that tells the personal-data roles of an incident marked as a personal data breach at triage. */
export const PERSONAL_DATA_FOUND_TASK = 'incident.personalDataFound';

export async function findIncident(store: Store, reference: string): Promise<StoredItem<Incident> | undefined> {
  const [item] = await store.incidents.query({ field: 'reference', op: 'eq', value: reference }, { top: 1 });
  return item;
}

/**
 * One triage action from a card. The card carries the version (eTag) it showed; if the incident
 * changed since, nothing is written and the person sees the current state with a message — of two
 * people acting at once, one wins and the other is told.
 */
export async function triageIncident(
  deps: {
    store: Store;
    ops: OperationalStore;
    clock: Clock;
    rules: IncidentRules;
    /** Runs work the answer need not wait for (the change's trail); without it, that work is done before returning. */
    later?: (work: () => Promise<void>) => void;
  },
  /** The person may still be being looked up: it is read beside the incident, not before it. */
  actor: { personId: string; person: Person | undefined | Promise<Person | undefined> },
  reference: string,
  seenEtag: string | undefined,
  action: TriageAction,
): Promise<TriageResult> {
  const [item, person] = await Promise.all([findIncident(deps.store, reference), actor.person]);
  if (!item) return { outcome: 'notFound' };
  if (!mayTakeAction(person, item.value, action, deps.rules)) return { outcome: 'forbidden' };
  if (seenEtag && seenEtag !== item.etag) {
    return { outcome: 'conflict', item, reason: 'changedSince' };
  }
  const now = deps.clock.now();
  const result = applyTriage(item.value, action, actor.personId, now, deps.rules);
  if ('refused' in result) return { outcome: 'refused', item, reason: result.refused };
  // Keyed by the version the change starts from: one trail per change, however often it is written.
  const changeKey = `${reference}:${item.etag}`;
  const trail: ChangeTrail = {
    id: randomUUID(),
    record: { list: 'incidents', id: item.id, seenEtag: item.etag },
    patch: result.patch,
    audit: {
      key: `incident:${changeKey}`,
      entry: { at: now.toISOString(), actorId: actor.personId, recordKind: 'incident', recordKey: reference, action: result.event, ...changedFields(item.value, result.patch) },
    },
    event: { key: `event:${changeKey}`, value: { reference, at: now.toISOString(), actorId: actor.personId, action: result.event, detail: '' } },
  };
  await promiseTrail(deps.ops, trail, now);
  let updated: StoredItem<Incident>;
  try {
    updated = await deps.store.incidents.update(item.id, item.etag, result.patch);
  } catch (err) {
    if (!(err instanceof ConcurrencyConflictError)) throw err;
    await dropTrail(deps.ops, trail);
    const current = (await findIncident(deps.store, reference))!;
    return { outcome: 'conflict', item: current, reason: 'changedConcurrently' };
  }
  // The trail is promised in the operational store, so a caller may let it be written after its answer:
  // if that write fails, the task runner writes it when the promise falls due.
  const trailWritten = () => writeTrail(deps.store, deps.ops, trail);
  if (deps.later) deps.later(trailWritten);
  else await trailWritten();
  // Personal data found at triage: those the rules tell of personal data (the DPO) hear of it now, as they would have at the report.
  if (!item.value.personalData && updated.value.personalData) {
    await deps.ops.tasks.add({ key: `incident:${reference}:personalDataFound`, kind: PERSONAL_DATA_FOUND_TASK, payload: updated.value }, now.toISOString());
  }
  return { outcome: 'updated', item: updated };
}
