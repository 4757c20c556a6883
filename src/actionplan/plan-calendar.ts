import { fromStockholmWallTime, stockholmQuarter } from '../clock/stockholm-time';
import { isSwedishWorkingDay } from '../clock/working-days';
import type { Quarter } from './activity';

/**
 * The action plan's year in Europe/Stockholm: when each quarter's reminders go out.
 * - quarter start: the first working day of the quarter, 08:00 (2 January when New Year's Day is a Thursday: the 1st is a holiday);
 * - before quarter end: `daysBeforeEnd` days before the quarter's last day, 08:00, moved back to a working day;
 * - overdue summary: the first working day after the quarter has ended, 09:00.
 * Working days are Swedish ones (clock/working-days.ts): no weekend, public holiday, midsommarafton, julafton or nyårsafton.
 */
export type PlanEventKind = 'quarterStart' | 'beforeEnd' | 'overdue';

export interface PlanEvent {
  kind: PlanEventKind;
  year: number;
  quarter: Quarter;
  at: Date;
}

const at = (year: number, month: number, day: number, hour: number) => fromStockholmWallTime({ year, month, day, hour, minute: 0, second: 0 });

const isWorkingDay = (d: Date) => isSwedishWorkingDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());

function firstWorkingDayFrom(year: number, month: number, day: number): [number, number, number] {
  const d = new Date(Date.UTC(year, month - 1, day));
  while (!isWorkingDay(d)) d.setUTCDate(d.getUTCDate() + 1);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

function workingDayOnOrBefore(year: number, month: number, day: number): [number, number, number] {
  const d = new Date(Date.UTC(year, month - 1, day));
  while (!isWorkingDay(d)) d.setUTCDate(d.getUTCDate() - 1);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

export function planEvents(year: number, quarter: Quarter, daysBeforeEnd: number): PlanEvent[] {
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastDay = new Date(Date.UTC(year, firstMonth + 2, 0));
  const beforeEnd = new Date(lastDay);
  beforeEnd.setUTCDate(beforeEnd.getUTCDate() - daysBeforeEnd);
  const next = quarter === 4 ? { year: year + 1, month: 1 } : { year, month: firstMonth + 3 };
  return [
    { kind: 'quarterStart', year, quarter, at: at(...firstWorkingDayFrom(year, firstMonth, 1), 8) },
    { kind: 'beforeEnd', year, quarter, at: at(...workingDayOnOrBefore(beforeEnd.getUTCFullYear(), beforeEnd.getUTCMonth() + 1, beforeEnd.getUTCDate()), 8) },
    { kind: 'overdue', year, quarter, at: at(...firstWorkingDayFrom(next.year, next.month, 1), 9) },
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
