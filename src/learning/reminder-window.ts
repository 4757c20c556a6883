import { stockholmWallTime } from '../clock/stockholm-time';
import { isSwedishWorkingDay } from '../clock/working-days';

/** Reminders are gentle: working days, 08:00–17:00 in Stockholm, never evenings, weekends or holidays. */
export const REMINDER_HOURS = { from: 8, to: 17 } as const;

export function isWithinReminderWindow(now: Date): boolean {
  const wall = stockholmWallTime(now);
  if (!isSwedishWorkingDay(wall.year, wall.month, wall.day)) return false;
  return wall.hour >= REMINDER_HOURS.from && wall.hour < REMINDER_HOURS.to;
}

/** Whole days from one YYYY-MM-DD date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
