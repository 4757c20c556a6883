import Holidays from 'date-holidays';

/**
 * Swedish working days, for reminders and the plan's calendar: not Saturday or Sunday, not a public
 * holiday (röda dagar), and not midsommarafton, julafton or nyårsafton, which workplaces keep as days
 * off though the law does not. From date-holidays (maintained, with the moving feasts worked out),
 * not from a hand-written list.
 */
const swedish = new Holidays('SE');
/** date-holidays' types for days off: "public" (röd dag) and "bank" (the three aftnar above). */
const DAYS_OFF = new Set(['public', 'bank']);
const daysOffByYear = new Map<number, Set<string>>();

function daysOff(year: number): Set<string> {
  let days = daysOffByYear.get(year);
  if (!days) {
    days = new Set(swedish.getHolidays(year).filter((h) => DAYS_OFF.has(h.type)).map((h) => h.date.slice(0, 10)));
    daysOffByYear.set(year, days);
  }
  return days;
}

/** Whether a calendar date (year, month 1–12, day) is a working day in Sweden. */
export function isSwedishWorkingDay(year: number, month: number, day: number): boolean {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !daysOff(year).has(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}
