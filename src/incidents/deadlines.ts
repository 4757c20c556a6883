import { fromStockholmWallTime, stockholmWallTime } from '../clock/stockholm-time';
import type { Role } from '../organisation/organisation';
import type { Incident } from './incident';
import type { DeadlineRule, IncidentRules } from './incident-rules';

/**
 * A legal clock for one incident, in one of four states:
 * - running: due at `dueAt`, nobody has recorded the action yet;
 * - done: the action was recorded at `doneAt` (late if after `dueAt`);
 * - waiting: the clock has not started, because what it counts from has not happened (`waitingFor`);
 * - notRequired: a decision made it unnecessary (not reportable to IMY): no reminders, never late.
 */
export type DeadlineState = 'running' | 'done' | 'waiting' | 'notRequired';

export interface Deadline {
  id: string;
  label: string;
  labelEn?: string;
  state: DeadlineState;
  dueAt?: string;
  owners: Role[];
  doneField: DeadlineRule['doneField'];
  doneAt?: string;
  waitingFor?: DeadlineRule['from'] | 'resolvedAt';
}

function applies(rule: DeadlineRule, incident: Incident): boolean {
  if (incident.kind === 'weakness') return false; // nothing has happened yet: no clock runs
  if (rule.appliesWhen === 'personalData') return incident.personalData;
  if (rule.appliesWhen === 'significant') return incident.significant === true;
  return true;
}

/** Adds calendar months the way a person counts them in Stockholm: 15 March 10:00 + 1 month = 15 April 10:00 local time. */
export function addMonthsStockholm(from: Date, months: number): Date {
  const w = stockholmWallTime(from);
  const target = w.month - 1 + months;
  const year = w.year + Math.floor(target / 12);
  const month = (((target % 12) + 12) % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return fromStockholmWallTime({ ...w, year, month, day: Math.min(w.day, lastDay) });
}

function dueFrom(start: string, rule: { hours?: number | undefined; months?: number | undefined }): string {
  const at = new Date(start);
  return (rule.hours !== undefined ? new Date(at.getTime() + rule.hours * 3_600_000) : addMonthsStockholm(at, rule.months!)).toISOString();
}

function clock(base: Omit<Deadline, 'state'>): Deadline {
  if (base.doneAt) return { ...base, state: 'done' };
  if (base.dueAt) return { ...base, state: 'running' };
  return { ...base, state: 'waiting' };
}

/** The clocks that apply to an incident, from what is recorded on it. */
export function deadlinesFor(incident: Incident, rules: IncidentRules): Deadline[] {
  const out: Deadline[] = [];
  for (const rule of rules.deadlines) {
    if (!applies(rule, incident)) continue;
    const base = { id: rule.id, label: rule.label, ...(rule.labelEn ? { labelEn: rule.labelEn } : {}), owners: rule.owners, doneField: rule.doneField };
    const doneAt = incident[rule.doneField];
    if (rule.stopsWhen === 'notReportableToImy' && incident.imyReportable === false) {
      out.push({ ...base, state: 'notRequired' });
      continue;
    }
    const start = incident[rule.from];
    if (!start) {
      out.push({ ...base, state: 'waiting', waitingFor: rule.from, ...(doneAt ? { doneAt } : {}) });
      continue;
    }
    const dueAt = dueFrom(start, rule);
    const ongoing = rule.whileOngoing;
    // Until it is handled, an incident is still going on at the final report's date: a progress report is
    // due then, and the final report a month after it is handled. Handled before the date: one final report.
    const finalInTime = doneAt !== undefined && Date.parse(doneAt) <= Date.parse(dueAt);
    const stillGoingOn = ongoing && !finalInTime && (!incident.resolvedAt || Date.parse(incident.resolvedAt) > Date.parse(dueAt));
    if (ongoing && stillGoingOn) {
      const progressDone = incident[ongoing.progressDoneField];
      out.push(clock({ id: `${rule.id}-progress`, label: ongoing.label, ...(ongoing.labelEn ? { labelEn: ongoing.labelEn } : {}), owners: rule.owners, doneField: ongoing.progressDoneField, dueAt, ...(progressDone ? { doneAt: progressDone } : {}) }));
      out.push(clock({ ...base, ...(incident.resolvedAt ? { dueAt: dueFrom(incident.resolvedAt, ongoing) } : { waitingFor: 'resolvedAt' as const }), ...(doneAt ? { doneAt } : {}) }));
      continue;
    }
    out.push(clock({ ...base, dueAt, ...(doneAt ? { doneAt } : {}) }));
  }
  return out;
}

export const isOverdue = (d: Deadline, now: Date): boolean => d.state === 'running' && Date.parse(d.dueAt!) < now.getTime();
export const wasLate = (d: Deadline): boolean => d.state === 'done' && d.dueAt !== undefined && Date.parse(d.doneAt!) > Date.parse(d.dueAt);

/** The reminder steps of the rule a deadline came from (a progress report reminds as its final report does). */
function stepsOf(rules: IncidentRules, deadline: Deadline): number[] {
  return rules.deadlines.find((r) => r.id === deadline.id || `${r.id}-progress` === deadline.id)?.remindHoursBefore ?? [];
}

/** Reminder steps that are due at `now` for running deadlines: one per deadline and step, so each is sent once. */
export function dueReminders(incident: Incident, rules: IncidentRules, now: Date): { deadline: Deadline; hoursBefore: number }[] {
  if (incident.status === 'Stängd') return [];
  const out: { deadline: Deadline; hoursBefore: number }[] = [];
  for (const deadline of deadlinesFor(incident, rules)) {
    if (deadline.state !== 'running') continue;
    const due = Date.parse(deadline.dueAt!);
    // Only the latest step that has been reached: a report found late does not get every earlier reminder at once.
    const reached = stepsOf(rules, deadline).filter((h) => now.getTime() >= due - h * 3_600_000).sort((a, b) => a - b)[0];
    if (reached !== undefined) out.push({ deadline, hoursBefore: reached });
  }
  return out;
}
