import type { Incident, IncidentCategory } from '../incidents/incident';
import type { IncidentRules } from '../incidents/incident-rules';
import { deadlinesFor, isOverdue, wasLate } from '../incidents/deadlines';
import type { ReportIncidents, ReportSummary } from './annual-report';

/**
 * How the year's incidents were handled, counted for Ledningens genomgång: the split the audit
 * asks for, the decisions on IMY and CERT-SE and whether they were in time, and how long reports
 * took to be acknowledged and closed. Counts only: nothing a reporter or triager wrote. Pure.
 */

/** The audit's "it-incidenter": attacks on and failures of the IT systems. Lost equipment and personal data are counted apart. */
const IT_CATEGORIES: readonly IncidentCategory[] = ['natfiske', 'skadlig-kod', 'obehorig-atkomst', 'avbrott'];

const HOUR = 3_600_000;

/** The first two reports to CERT-SE under cybersäkerhetslagen (the rules' ids): the early warning and the notification. */
const CSIRT_FIRST_REPORTS = ['nis-early-warning', 'nis-notification'];

/** The middle value (the mean of the two middle ones for an even count), or null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const hoursBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / HOUR;

export function incidentProcessFigures(
  reports: Incident[],
  input: { rules: IncidentRules; now: Date; closedAt: ReadonlyMap<string, string> },
): Pick<ReportIncidents, 'byAuditGroup' | 'imy' | 'csirt' | 'medianHours'> & { deadlines: ReportSummary['deadlines'] } {
  // A weakness is something that could happen: no clock runs, and the audit's split counts what happened.
  const incidents = reports.filter((i) => i.kind === 'incident');
  const byAuditGroup = { it: 0, lostOrStolen: 0, personalData: 0, other: 0 };
  for (const i of incidents) {
    const it = IT_CATEGORIES.includes(i.category);
    const lost = i.category === 'forlorad-utrustning';
    if (it) byAuditGroup.it++;
    if (lost) byAuditGroup.lostOrStolen++;
    if (i.personalData) byAuditGroup.personalData++;
    if (!it && !lost && !i.personalData) byAuditGroup.other++;
  }

  const deadlines = { total: 0, met: 0, late: 0, running: 0 };
  const imy = { personalData: 0, reported: 0, inTime: 0, notReportable: 0, undecided: 0 };
  const csirt = { judged: 0, significant: 0, reported: 0, inTime: 0, notSignificant: 0 };
  const imyRule = input.rules.deadlines.find((r) => r.id === 'imy');
  for (const i of incidents) {
    const clocks = deadlinesFor(i, input.rules);
    for (const d of clocks) {
      if (d.state !== 'done' && d.state !== 'running') continue;
      deadlines.total++;
      if (wasLate(d) || isOverdue(d, input.now)) deadlines.late++;
      else if (d.state === 'done') deadlines.met++;
      else deadlines.running++;
    }
    if (i.personalData) {
      imy.personalData++;
      if (i.imyReportable === false) imy.notReportable++;
      else if (i.imyReportable === undefined && !i.imyNotifiedAt) imy.undecided++;
      if (i.imyNotifiedAt) {
        imy.reported++;
        // Against the 72 hours themselves: a notification made although judged not reportable has no running clock, and is still late or not.
        const start = imyRule ? i[imyRule.from] : undefined;
        if (imyRule && start && Date.parse(i.imyNotifiedAt) <= Date.parse(start) + (imyRule.hours ?? 0) * HOUR) imy.inTime++;
      }
    }
    if (i.significant !== undefined) {
      csirt.judged++;
      if (i.significant) csirt.significant++;
      else csirt.notSignificant++;
    }
    if (i.nisEarlyWarningAt || i.nisNotificationAt) {
      csirt.reported++;
      // In time only when both the early warning and the notification were made, each within its own time.
      const toCsirt = clocks.filter((d) => CSIRT_FIRST_REPORTS.includes(d.id));
      if (toCsirt.length > 0 && toCsirt.every((d) => d.state === 'done' && !wasLate(d))) csirt.inTime++;
    }
  }

  // Over every report, weaknesses too: each is acknowledged and closed the same way.
  const toAcknowledgement = reports.filter((i) => i.acknowledgedAt).map((i) => hoursBetween(i.reportedAt, i.acknowledgedAt!));
  const toClosure = reports.flatMap((i) => {
    const closed = input.closedAt.get(i.reference);
    return closed ? [hoursBetween(i.reportedAt, closed)] : [];
  });
  return { byAuditGroup, imy, csirt, medianHours: { toAcknowledgement: median(toAcknowledgement), toClosure: median(toClosure) }, deadlines };
}
