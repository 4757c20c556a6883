import type restify from 'restify';
import type { Locale } from '../i18n/texts';

/** The language the page asks its texts in (`?locale=en`); Swedish otherwise. */
export const localeOf = (req: restify.Request): Locale => ((req.query as Record<string, unknown> | undefined)?.locale === 'en' ? 'en' : 'sv');
