import { stockholmQuarter } from '../clock/stockholm-time';
import type { Incident } from '../incidents/incident';
import type { IncidentFigures } from './status-view-types';

/**
 * What the status figures need of one incident: its year and quarter (Stockholm), committee,
 * category, kind and whether it is still open. The operational store keeps one such row per
 * incident, written with every incident write, so the overview counts a year's incidents with one
 * grouped query instead of reading them all from SharePoint.
 */
export interface IncidentSummary {
  year: number;
  quarter: 1 | 2 | 3 | 4;
  committeeCode: string;
  category: string;
  kind: Incident['kind'];
  open: boolean;
}

/** A year's incidents counted by what the figures show. */
export interface IncidentTallyRow {
  committeeCode: string;
  quarter: 1 | 2 | 3 | 4;
  category: string;
  kind: Incident['kind'];
  open: boolean;
  count: number;
}

export function summaryOf(incident: Incident): IncidentSummary {
  const { year, quarter } = stockholmQuarter(new Date(incident.reportedAt));
  return { year, quarter, committeeCode: incident.committeeCode, category: incident.category, kind: incident.kind, open: incident.status !== 'Stängd' };
}

/** The figures of rows counted per summary; the same as computing them from the incidents themselves. */
export function figuresFromTally(rows: IncidentTallyRow[]): IncidentFigures {
  const byCategory: IncidentFigures['byCategory'] = {};
  const byQuarter: IncidentFigures['byQuarter'] = [0, 0, 0, 0];
  let total = 0;
  let open = 0;
  let weaknesses = 0;
  for (const r of rows) {
    const q = r.quarter - 1;
    (byCategory[r.category as keyof IncidentFigures['byCategory']] ??= [0, 0, 0, 0])[q]! += r.count;
    byQuarter[q]! += r.count;
    total += r.count;
    if (r.open) open += r.count;
    if (r.kind === 'weakness') weaknesses += r.count;
  }
  return { total, open, weaknesses, byCategory, byQuarter };
}
