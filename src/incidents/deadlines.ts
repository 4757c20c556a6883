import { fromStockholmWallTime, stockholmWallTime } from '../clock/stockholm-time';
import type { Incident } from './incident';
import type { DeadlineRule, IncidentRules } from './incident-rules';

/** A legal clock running for one incident. */
export interface Deadline {
  id: string;
  label: string;
  labelEn?: string;
  dueAt: string;
  owner: DeadlineRule['owner'];
  doneField: DeadlineRule['doneField'];
  /** When the action was recorded, if it has been. */
  doneAt?: string;
}

function applies(rule: DeadlineRule, incident: Incident): boolean {
  if (incident.kind === 'weakness') return false; // nothing has happened yet: no clock runs
  if (rule.appliesWhen === 'personalData') return incident.personalData;
  if (rule.appliesWhen === 'essentialService') return incident.essentialService;
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

export function deadlinesFor(incident: Incident, rules: IncidentRules): Deadline[] {
  return rules.deadlines
    .filter((rule) => applies(rule, incident))
    .map((rule) => {
      const start = new Date(incident[rule.from]);
      const due = rule.hours !== undefined ? new Date(start.getTime() + rule.hours * 3_600_000) : addMonthsStockholm(start, rule.months!);
      const doneAt = incident[rule.doneField];
      return { id: rule.id, label: rule.label, ...(rule.labelEn ? { labelEn: rule.labelEn } : {}), dueAt: due.toISOString(), owner: rule.owner, doneField: rule.doneField, ...(doneAt ? { doneAt } : {}) };
    });
}

/** Reminder steps that are due at `now` for deadlines nobody has acted on: one per rule and step, so each is sent once. */
export function dueReminders(incident: Incident, rules: IncidentRules, now: Date): { deadline: Deadline; hoursBefore: number }[] {
  if (incident.status === 'Stängd') return [];
  const out: { deadline: Deadline; hoursBefore: number }[] = [];
  for (const deadline of deadlinesFor(incident, rules)) {
    if (deadline.doneAt) continue;
    const rule = rules.deadlines.find((r) => r.id === deadline.id)!;
    const due = Date.parse(deadline.dueAt);
    // Only the latest step that has been reached: a report found late does not get every earlier reminder at once.
    const reached = rule.remindHoursBefore.filter((h) => now.getTime() >= due - h * 3_600_000).sort((a, b) => a - b)[0];
    if (reached !== undefined) out.push({ deadline, hoursBefore: reached });
  }
  return out;
}
