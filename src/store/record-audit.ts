import type { AuditEntry } from './audit-entry';
import type { Store } from './store';

/**
 * Records one change in the audit trail (who, what, when, before, after). The key makes it
 * idempotent: a retried step does not log the same change twice.
 */
export async function recordAudit(store: Store, key: string, entry: AuditEntry): Promise<void> {
  await store.audit.create(`audit:${key}`, entry);
}

/** Only the fields a change touched, before and after, as JSON. */
export function changedFields(before: object, patch: object): { before: string; after: string } {
  const keys = Object.keys(patch);
  const pick = (source: object) => JSON.stringify(Object.fromEntries(keys.map((k) => [k, (source as Record<string, unknown>)[k] ?? null])));
  return { before: pick(before), after: pick(patch) };
}
