import type { TableClient } from '@azure/data-tables';
import type { IncidentSummary, IncidentTallyRow } from '../../status/incident-tally';
import { safeKey } from './azure-tables';
import { applyInBatches, commit, getRow, purgeGone, put, retrying, scan, type Change, type Delta, type Row } from './azure-status-tallies-rows';

/**
 * The incident tallies, in the tallies table's partition "incidents" (see azure-status-tallies.ts):
 *   i|<item id>                                              one incident's summary (or its removal mark)
 *   c|<year>|<committee>|<quarter>|<category>|<kind>|<open>  how many incidents have that summary
 * Both in one partition, so a note changes an incident and its counts in one transaction, and a
 * year's figures are one RowKey range ("c|2026|") of a few dozen rows.
 */
export const INCIDENTS = 'incidents';

const itemKey = (itemId: string) => `i|${safeKey(itemId)}`;
const countOf = (s: IncidentSummary | Row, by: number): Delta => {
  const v = 'committeeCode' in s ? { year: s.year, quarter: s.quarter, committee: s.committeeCode, category: s.category, kind: s.kind, open: s.open } : { year: s.year, quarter: s.quarter, committee: s.committee, category: s.category, kind: s.kind, open: s.open };
  return { rowKey: `c|${String(v.year)}|${safeKey(String(v.committee))}|${String(v.quarter)}|${safeKey(String(v.category))}|${safeKey(String(v.kind))}|${v.open ? 1 : 0}`, props: v, by };
};
const sameSummary = (r: Row, s: IncidentSummary) => r.year === s.year && r.quarter === s.quarter && r.committee === s.committeeCode && r.category === s.category && r.kind === s.kind && r.open === s.open;
const live = (row: Row | undefined) => (row && !row.gone ? row : undefined);
const entityOf = (itemId: string, s: IncidentSummary, noted: number) => ({ partitionKey: INCIDENTS, rowKey: itemKey(itemId), year: s.year, quarter: s.quarter, committee: s.committeeCode, category: s.category, kind: s.kind, open: s.open, deleted: false, noted });

export class AzureIncidentTallies {
  constructor(
    private readonly table: TableClient,
    /** The newest recount's number: what a note is marked with. */
    private readonly begun: () => Promise<number>,
  ) {}

  async incidents(year: number): Promise<IncidentTallyRow[]> {
    const rows = await scan(this.table, INCIDENTS, `c|${year}|`);
    return rows
      .filter((r) => (r.n as number) > 0)
      .map((r) => ({ committeeCode: r.committee as string, quarter: r.quarter as IncidentTallyRow['quarter'], category: r.category as string, kind: r.kind as IncidentTallyRow['kind'], open: r.open as boolean, count: r.n as number }));
  }

  /** An item id is never used again: a note of a removed incident is late, not new. A note marked before a newer recount began is older than what that recount read. */
  async noteIncident(itemId: string, s: IncidentSummary): Promise<void> {
    await retrying(async () => {
      const noted = await this.begun();
      const row = await getRow(this.table, INCIDENTS, itemKey(itemId));
      const was = live(row);
      if (was?.deleted || (was && (was.noted as number) > noted)) return;
      if (was && sameSummary(was, s)) return;
      await commit(this.table, INCIDENTS, [{ actions: [put(entityOf(itemId, s, noted), row)], deltas: [...(was ? [countOf(was, -1)] : []), countOf(s, 1)] }]);
    });
  }

  /** Kept as removed until the next recount, also when it was never noted: a recount that read it before it went must not bring it back. */
  async forgetIncident(itemId: string): Promise<void> {
    await retrying(async () => {
      const noted = await this.begun();
      const row = await getRow(this.table, INCIDENTS, itemKey(itemId));
      const was = live(row);
      if (was?.deleted) return;
      const entity = { partitionKey: INCIDENTS, rowKey: itemKey(itemId), deleted: true, gone: false, noted: Math.max(noted, (was?.noted as number | undefined) ?? 0) };
      await commit(this.table, INCIDENTS, [{ actions: [row ? ['update', entity, 'Merge', { etag: row.etag }] : ['create', entity]], deltas: was ? [countOf(was, -1)] : [] }]);
    });
  }

  async recount(incidents: { itemId: string; summary: IncidentSummary }[], since: number, guard: () => Promise<void>): Promise<void> {
    await guard();
    const rows = await scan(this.table, INCIDENTS, 'i|');
    const listed = new Map<string, IncidentSummary>();
    for (const { itemId, summary } of incidents) if (!listed.has(itemKey(itemId))) listed.set(itemKey(itemId), summary);
    const keys = [...listed.keys(), ...rows.filter((r) => !listed.has(r.rowKey)).map((r) => r.rowKey)];
    const decide = (rowKey: string, row: Row | undefined): Change | undefined => {
      const was = live(row);
      if (was && (was.noted as number) >= since) return undefined; // noted after the recount began: newer than what it read
      const counted = was && !was.deleted ? [countOf(was, -1)] : [];
      const s = listed.get(rowKey);
      if (!s) return was ? { actions: [['update', { partitionKey: INCIDENTS, rowKey, gone: true, noted: since }, 'Merge', { etag: was.etag }]], deltas: counted } : undefined;
      if (was && !was.deleted && sameSummary(was, s)) return undefined;
      return { actions: [put({ ...entityOf('', s, since), rowKey }, row)], deltas: [...counted, countOf(s, 1)] };
    };
    await applyInBatches(this.table, INCIDENTS, keys, new Map(rows.map((r) => [r.rowKey, r])), decide, guard);
    await purgeGone(this.table, rows.filter((r) => r.gone));
  }
}
