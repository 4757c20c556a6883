import type { Clock } from '../clock/clock';
import type { OperationalStore } from '../ops/operational-store';
import { recordAudit } from '../store/record-audit';
import { FIRST_YEAR } from '../store/derived-columns';
import type { Store } from '../store/store';
import { incidentsOfYear } from '../incidents/incident-queries';
import { stockholmQuarter } from '../clock/stockholm-time';

/**
 * How long records are kept (gallring), as the municipality's dokumenthanteringsplan decides:
 * closed incidents and weaknesses, counted from their last change; and the bookkeeping of learning
 * deliveries (sent cards and reminders), counted from when they were queued. Open incidents and
 * completions (the training record itself) are never removed here.
 */
export interface RetentionRules {
  closedIncidentMonths: number;
  learningDeliveryDays: number;
}

export interface RetentionOutcome {
  incidents: string[];
  events: number;
  auditEntries: number;
  deliveries: number;
  ledgerEntries: number;
}

/** The same moment `months` calendar months earlier (in UTC; a day either way does not matter here). */
function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/**
 * Removes what has passed its time, each incident with its history and its earlier audit entries,
 * and leaves one audit entry per removal saying what was removed (reference, category, when it
 * was closed; nothing personal), by the system, so the removal itself can be accounted for.
 * Idempotent: a second run finds nothing more.
 */
export async function applyRetention(deps: { store: Store; ops: OperationalStore; clock: Clock }, rules: RetentionRules): Promise<RetentionOutcome> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const incidentCutoff = monthsBefore(now, rules.closedIncidentMonths).toISOString();
  const outcome: RetentionOutcome = { incidents: [], events: 0, auditEntries: 0, deliveries: 0, ledgerEntries: 0 };

  // Closed before the cutoff, so reported before it too: the years up to the cutoff's, one at a time
  // (all closed incidents at once would be every incident of every year, past the list view threshold).
  const lastYear = stockholmQuarter(new Date(incidentCutoff)).year;
  const closed = [];
  for (let year = FIRST_YEAR; year <= lastYear; year++) {
    closed.push(...(await incidentsOfYear(deps.store, year)).filter((i) => i.value.status === 'Stängd' && i.value.reportedAt < incidentCutoff));
  }
  for (const item of closed) {
    const { reference, category, kind } = item.value;
    const events = await deps.store.incidentEvents.query({ field: 'reference', op: 'eq', value: reference });
    // When it was closed: its history says (the last "stängd"); the item's own time of change is only
    // a stand-in, since anything that touches the item moves it (provisioning writing a new key does).
    const closedAt = events.filter((e) => e.value.action === 'stängd').reduce<string | undefined>((last, e) => (last && last > e.value.at ? last : e.value.at), undefined) ?? item.modifiedAt;
    if (closedAt >= incidentCutoff) continue;
    const audit = await deps.store.audit.query({ field: 'recordKey', op: 'eq', value: reference });
    // The history first and the incident last: a run stopped half-way is finished by the next one.
    for (const e of events) await deps.store.incidentEvents.delete(e.id);
    for (const a of audit) if (a.value.action !== 'gallrad') await deps.store.audit.delete(a.id);
    await deps.store.incidents.delete(item.id);
    await recordAudit(deps.store, `gallring:${reference}`, {
      at,
      actorId: 'system',
      recordKind: 'incident',
      recordKey: reference,
      action: 'gallrad',
      before: JSON.stringify({ reference, kind, category, closedBefore: incidentCutoff.slice(0, 10) }),
      after: '',
    });
    outcome.incidents.push(reference);
    outcome.events += events.length;
    outcome.auditEntries += audit.filter((a) => a.value.action !== 'gallrad').length;
  }

  const deliveryCutoff = new Date(now.getTime() - rules.learningDeliveryDays * 86_400_000).toISOString();
  outcome.deliveries = await deps.ops.outbox.deleteFinished('learning:', deliveryCutoff);
  outcome.ledgerEntries = await deps.ops.ledger.deleteBefore('learning:', deliveryCutoff);
  if (outcome.deliveries + outcome.ledgerEntries > 0) {
    await recordAudit(deps.store, `gallring:learning:${at}`, {
      at,
      actorId: 'system',
      recordKind: 'learningDeliveries',
      recordKey: `learning-before-${deliveryCutoff.slice(0, 10)}`,
      action: 'gallrad',
      before: JSON.stringify({ queuedBefore: deliveryCutoff, messages: outcome.deliveries, ledgerEntries: outcome.ledgerEntries }),
      after: '',
    });
  }
  return outcome;
}
