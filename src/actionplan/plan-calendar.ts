import { fromStockholmWallTime, stockholmQuarter } from '../clock/stockholm-time';
import type { Quarter } from './activity';

/**
 * The action plan's year in Europe/Stockholm: when each quarter's reminders go out.
 * - quarter start: the first weekday of the quarter, 08:00;
 * - before quarter end: `daysBeforeEnd` days before the quarter's last day, 08:00, moved back to a weekday;
 * - overdue summary: the first weekday after the quarter has ended, 09:00.
 */
export type PlanEventKind = 'quarterStart' | 'beforeEnd' | 'overdue';

export interface PlanEvent {
  kind: PlanEventKind;
  year: number;
  quarter: Quarter;
  at: Date;
}

const at = (year: number, month: number, day: number, hour: number) => fromStockholmWallTime({ year, month, day, hour, minute: 0, second: 0 });

function firstWeekdayFrom(year: number, month: number, day: number): [number, number, number] {
  const d = new Date(Date.UTC(year, month - 1, day));
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

function weekdayOnOrBefore(year: number, month: number, day: number): [number, number, number] {
  const d = new Date(Date.UTC(year, month - 1, day));
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() - 1);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

export function planEvents(year: number, quarter: Quarter, daysBeforeEnd: number): PlanEvent[] {
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastDay = new Date(Date.UTC(year, firstMonth + 2, 0));
  const beforeEnd = new Date(lastDay);
  beforeEnd.setUTCDate(beforeEnd.getUTCDate() - daysBeforeEnd);
  const next = quarter === 4 ? { year: year + 1, month: 1 } : { year, month: firstMonth + 3 };
  return [
    { kind: 'quarterStart', year, quarter, at: at(...firstWeekdayFrom(year, firstMonth, 1), 8) },
    { kind: 'beforeEnd', year, quarter, at: at(...weekdayOnOrBefore(beforeEnd.getUTCFullYear(), beforeEnd.getUTCMonth() + 1, beforeEnd.getUTCDate()), 8) },
    { kind: 'overdue', year, quarter, at: at(...firstWeekdayFrom(next.year, next.month, 1), 9) },
  ];
}

/**
 * The reminders that should have gone out by `now` and still matter: this quarter's start and
 * before-end reminders, and the overdue summary of the quarter just ended. A server that was down
 * catches up on these when it starts; older ones are history.
 */
export function duePlanEvents(now: Date, daysBeforeEnd: number): PlanEvent[] {
  const { year, quarter } = stockholmQuarter(now);
  const previous = quarter === 1 ? { year: year - 1, quarter: 4 as Quarter } : { year, quarter: (quarter - 1) as Quarter };
  return [...planEvents(year, quarter, daysBeforeEnd).filter((e) => e.kind !== 'overdue'), ...planEvents(previous.year, previous.quarter, daysBeforeEnd).filter((e) => e.kind === 'overdue')].filter(
    (e) => e.at.getTime() <= now.getTime(),
  );
}
