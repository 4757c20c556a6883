import type restify from 'restify';
import type { Clock } from '../clock/clock';
import { stockholmQuarter } from '../clock/stockholm-time';
import type { Locale } from '../i18n/texts';
import { FIRST_YEAR } from '../store/derived-columns';

/** The language the page asks its texts in (`?locale=en`); Swedish otherwise. */
export const localeOf = (req: restify.Request): Locale => ((req.query as Record<string, unknown> | undefined)?.locale === 'en' ? 'en' : 'sv');

/** `?year=` within the plans' years, or this year in Stockholm; undefined for anything else. */
export function yearOf(req: restify.Request, clock: Clock): number | undefined {
  const current = stockholmQuarter(clock.now()).year;
  const raw = (req.query as Record<string, unknown> | undefined)?.year;
  if (raw === undefined || raw === '') return current;
  const year = Number(raw);
  return Number.isInteger(year) && year >= FIRST_YEAR && year <= current + 1 ? year : undefined;
}
