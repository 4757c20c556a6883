import { yearCommitteeKey, yearPrefix } from '../store/derived-columns';
import type { Store, StoredItem } from '../store/store';
import { wholeOrByCommittee } from '../store/past-threshold';
import { INCIDENT_STATUSES, type Incident } from './incident';

/**
 * The incident list's queries, each narrowed on an indexed column to fewer items than SharePoint's
 * list view threshold at a large municipality's size (README, "Records in SharePoint").
 */

/** The statuses an incident is open in: every one but Stängd. */
const OPEN_STATUSES = INCIDENT_STATUSES.filter((s) => s !== 'Stängd');

/**
 * Open incidents: one `eq` per open status, since `ne 'Stängd'` can use no index. Open ones are
 * the few being handled now, however many have been closed over the years.
 */
export async function openIncidents(store: Store): Promise<StoredItem<Incident>[]> {
  const byStatus = await Promise.all(OPEN_STATUSES.map((status) => store.incidents.query({ field: 'status', op: 'eq', value: status })));
  return byStatus.flat().sort((a, b) => Number(a.id) - Number(b.id));
}

/**
 * Every incident reported in a year (Stockholm), all committees: one query while a year holds fewer
 * than the threshold (hundreds at 50,000 staff), else one per committee's year.
 */
export async function incidentsOfYear(store: Store, year: number): Promise<StoredItem<Incident>[]> {
  return wholeOrByCommittee(
    store,
    () => store.incidents.query({ field: 'yearCommittee', op: 'startswith', value: yearPrefix(year) }),
    (code) => committeeIncidentsOfYear(store, year, code),
  );
}

/** Incidents reported in these years, of every committee or of the committees named: one query per year, or per committee and year. */
export async function incidentsReportedIn(store: Store, years: readonly number[], committeeCodes?: readonly string[]): Promise<StoredItem<Incident>[]> {
  const queries = years.flatMap((y) => (committeeCodes ? committeeCodes.map((code) => committeeIncidentsOfYear(store, y, code)) : [incidentsOfYear(store, y)]));
  return (await Promise.all(queries)).flat();
}

/** One committee's incidents reported in a year. */
export async function committeeIncidentsOfYear(store: Store, year: number, committeeCode: string): Promise<StoredItem<Incident>[]> {
  return store.incidents.query({ field: 'yearCommittee', op: 'eq', value: yearCommitteeKey(year, committeeCode) });
}
