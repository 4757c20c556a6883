import { t, valueLabel, type Locale, type TextKey, type ValueKind } from '../../src/i18n/texts';

/**
 * The tab's texts come from the same tables as the bot's (src/i18n/sv.json and en.json, keys
 * under "tab."): Swedish first, English when the app or Teams says so.
 */
export type Lang = Locale;

/** The tab's own keys: those under "tab." in the shared tables. */
type TabKey = TextKey extends infer K ? (K extends `tab.${infer Rest}` ? Rest : never) : never;

export function textsFor(lang: Lang) {
  return (key: TabKey, vars: Record<string, string | number> = {}) => t(lang, `tab.${key}` as TextKey, vars);
}

/** The register's column names, shared with its CSV export (keys under "register.col."). */
type RegisterColumn = TextKey extends infer K ? (K extends `register.col.${infer Rest}` ? Rest : never) : never;
export const registerColumn = (lang: Lang, key: RegisterColumn, vars: Record<string, string | number> = {}) => t(lang, `register.col.${key}` as TextKey, vars);

/** A role's name as the bot says it ("informationssäkerhetssamordnare"), in the reader's language. */
export const roleLabel = (lang: Lang, role: string) => t(lang, `role.${role}` as TextKey);

/** A stored value (a status, a severity) in the reader's language. */
export const labelOf = (lang: Lang, kind: ValueKind, value: string) => valueLabel(lang, kind, value);
export type T = ReturnType<typeof textsFor>;

export const percent = (rate: number | null, lang: Lang) => (rate === null ? '–' : new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'sv-SE', { style: 'percent', maximumFractionDigits: 0 }).format(rate));

export const day = (iso: string, lang: Lang) =>
  iso ? new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso)) : '';

/** A text as a sentence for a screen reader: a full stop at the end, unless it already ends in one (or ! or ?). */
export const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
