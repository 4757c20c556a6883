import en from './en.json';
import sv from './sv.json';

/** UI texts in Swedish (default) and English. Keys are checked at compile time against sv.json. */
export type Locale = 'sv' | 'en';
export type TextKey = keyof typeof sv;

const TEXTS: Record<Locale, Record<TextKey, string>> = { sv, en };

/** Maps a Teams locale such as "sv-SE" or "en-US" to one we have texts for. */
export function localeFrom(teamsLocale: string | undefined, fallback: Locale = 'sv'): Locale {
  const language = teamsLocale?.toLowerCase().split(/[-_]/)[0];
  return language === 'en' || language === 'sv' ? language : fallback;
}

export function t(locale: Locale, key: TextKey, vars: Record<string, string | number> = {}): string {
  const template = TEXTS[locale][key] ?? TEXTS.sv[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Stored values (kept in Swedish in the records) and the prefix of their display labels in the text tables. */
const VALUE_LABELS = {
  incidentStatus: 'value.incidentStatus',
  severity: 'value.severity',
  activityStatus: 'value.activityStatus',
  measureStatus: 'value.measureStatus',
  criticality: 'asset.criticality',
  category: 'incident.category',
  aspect: 'incident.aspect',
  kind: 'incident.kind',
  riskLevel: 'value.riskLevel',
  subjectCategory: 'value.subjectCategory',
  dataCategory: 'value.dataCategory',
  tristate: 'value.tristate',
  subjectException: 'value.subjectException',
  secrecy: 'value.secrecy',
} as const;
export type ValueKind = keyof typeof VALUE_LABELS;

/** The label of a stored value in the reader's language; a value the tables do not know is shown as stored. */
export function valueLabel(locale: Locale, kind: ValueKind, value: string): string {
  const key = `${VALUE_LABELS[kind]}.${value}`;
  return Object.hasOwn(TEXTS.sv, key) ? t(locale, key as TextKey) : value;
}
