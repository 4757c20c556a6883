/** Calendar helpers in Europe/Stockholm, the time zone every date shown to a user is in. */
export const TIME_ZONE = 'Europe/Stockholm';

const dateTimeFormat = (locale: string) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'sv-SE', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

export function formatDateTime(date: Date, locale = 'sv'): string {
  return dateTimeFormat(locale).format(date);
}

/** The calendar year and quarter (1–4) a moment falls in, as seen in Stockholm. */
export function stockholmQuarter(date: Date): { year: number; quarter: 1 | 2 | 3 | 4 } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: 'numeric' }).formatToParts(date);
  const year = Number(parts.find((p) => p.type === 'year')?.value);
  const month = Number(parts.find((p) => p.type === 'month')?.value);
  return { year, quarter: (Math.floor((month - 1) / 3) + 1) as 1 | 2 | 3 | 4 };
}
