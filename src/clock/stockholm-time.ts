/** Calendar helpers in Europe/Stockholm, the time zone every date shown to a user is in. */
export const TIME_ZONE = 'Europe/Stockholm';

// Formatters are made once: constructing an Intl.DateTimeFormat costs far more than using one,
// and the status views convert thousands of dates per request.
const DATE_TIME = {
  sv: new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }),
};
const YEAR_MONTH = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: 'numeric' });
const WALL_TIME = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

export function formatDateTime(date: Date, locale = 'sv'): string {
  return (locale === 'en' ? DATE_TIME.en : DATE_TIME.sv).format(date);
}

/** The calendar year and quarter (1–4) a moment falls in, as seen in Stockholm. */
export function stockholmQuarter(date: Date): { year: number; quarter: 1 | 2 | 3 | 4 } {
  const parts = YEAR_MONTH.formatToParts(date);
  const year = Number(parts.find((p) => p.type === 'year')?.value);
  const month = Number(parts.find((p) => p.type === 'month')?.value);
  return { year, quarter: (Math.floor((month - 1) / 3) + 1) as 1 | 2 | 3 | 4 };
}

export interface WallTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock time in Stockholm at an instant. */
export function stockholmWallTime(date: Date): WallTime {
  const parts = WALL_TIME.formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** Milliseconds Stockholm is ahead of UTC at an instant (1 h in winter, 2 h in summer). */
function offsetMs(utcMs: number): number {
  const w = stockholmWallTime(new Date(utcMs));
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(utcMs / 1000) * 1000;
}

/** The instant a Stockholm wall-clock time stands for (in the repeated autumn hour, the later one; in the skipped spring hour, an hour later). */
export function fromStockholmWallTime(w: WallTime): Date {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const first = asUtc - offsetMs(asUtc);
  return new Date(asUtc - offsetMs(first));
}

/** The calendar date in Stockholm, YYYY-MM-DD. */
export function stockholmDate(date: Date): string {
  const w = stockholmWallTime(date);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** The instant a Stockholm day begins, for a YYYY-MM-DD date. */
export function startOfStockholmDay(day: string): Date {
  const [year, month, d] = day.split('-').map(Number) as [number, number, number];
  return fromStockholmWallTime({ year, month, day: d, hour: 0, minute: 0, second: 0 });
}

/** An instant as a card's date and time inputs take it in Stockholm: "2026-03-02" and "10:00". */
export function stockholmDateAndTime(date: Date): { date: string; time: string } {
  const w = stockholmWallTime(date);
  const p = (n: number) => String(n).padStart(2, '0');
  return { date: `${w.year}-${p(w.month)}-${p(w.day)}`, time: `${p(w.hour)}:${p(w.minute)}` };
}

/** A day as people say it, "18 december 2026": for a YYYY-MM-DD date, or the Stockholm date of an instant. */
export function formatDay(day: string | Date, locale = 'sv'): string {
  const ymd = typeof day === 'string' ? day.slice(0, 10) : stockholmDate(day);
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${ymd}T12:00:00Z`));
}

/** A YYYY-MM-DD date moved by whole days, as dates (a day with a clock change is still one day). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whether a string is a calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(d: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T12:00:00Z`).toISOString().startsWith(d);
}
