import { stockholmQuarter } from '../clock/stockholm-time';
import type { ListDefinition, RepositoryName } from './list-schema';

/**
 * Columns the store writes itself, from other fields of the record, so that a query can narrow to
 * what one view needs: a committee's year is a few hundred items where the committee's every year,
 * or the whole year, could pass SharePoint's list view threshold (list-view-threshold.ts). They are
 * in lists.json (marked `derived`) to be provisioned and indexed, but not part of the records: the
 * store adds them on every write and leaves them out of what it reads.
 */
interface DerivedColumn {
  column: string;
  /** The fields it is made from: an update that changes one of them writes it again. */
  from: readonly string[];
  value(record: Record<string, unknown>): string;
}

/** The first year a record can belong to: the first action plan the app holds. The tab's years and the retention's walk start here. */
export const FIRST_YEAR = 2022;

/** A committee's year as a key, "2026:KS": the year first, so that `startswith '2026:'` is the whole year. */
export function yearCommitteeKey(year: number, committeeCode: string): string {
  return `${year}:${committeeCode.toUpperCase()}`;
}

/** The keys of a year, for `startswith`. */
export function yearPrefix(year: number): string {
  return `${year}:`;
}

const DERIVED: Partial<Record<RepositoryName, DerivedColumn[]>> = {
  // An incident belongs to the year it was reported in, in Stockholm: the year the status figures count it in.
  incidents: [
    {
      column: 'yearCommittee',
      from: ['reportedAt', 'committeeCode'],
      value: (r) => yearCommitteeKey(stockholmQuarter(new Date(String(r.reportedAt))).year, String(r.committeeCode)),
    },
  ],
  activityStatuses: [{ column: 'yearCommittee', from: ['year', 'committeeCode'], value: (r) => yearCommitteeKey(Number(r.year), String(r.committeeCode)) }],
};

function derivedOf(list: ListDefinition): DerivedColumn[] {
  return DERIVED[list.repository] ?? [];
}

export function isDerived(list: ListDefinition, field: string): boolean {
  return derivedOf(list).some((d) => d.column === field);
}

/** The derived columns' values for a whole record (one whose inputs are missing gets none). */
export function derivedValues(list: ListDefinition, record: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of derivedOf(list)) if (d.from.every((f) => record[f] !== undefined && record[f] !== null)) out[d.column] = d.value(record);
  return out;
}

/** Whether a patch changes a field some derived column is made from: then the whole record is needed to write it. */
export function touchesDerivedInputs(list: ListDefinition, patch: object): boolean {
  return derivedOf(list).some((d) => d.from.some((f) => f in patch));
}

/** The derived columns the code writes for a list: the same as those marked derived in lists.json (test/unit/derived-columns.test.ts). */
export function derivedColumnNames(repository: RepositoryName): string[] {
  return (DERIVED[repository] ?? []).map((d) => d.column);
}
