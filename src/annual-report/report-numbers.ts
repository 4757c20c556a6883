import { t, valueLabel, type Locale } from '../i18n/texts';
import type { PlanProgress, StatusName, TrainingFigure } from '../status/status-view-types';

/**
 * The report's numbers in the reader's language: "1 234", "62 %", "5,5 timmar" in Swedish,
 * "1,234", "62%", "5.5 hours" in English.
 */

/** The statuses in the plan's order, from not started to done and moved. */
const STATUS_ORDER: StatusName[] = ['Ej påbörjad', 'Påbörjad', 'Delvis påbörjad', 'Pågående', 'Delvis genomförd', 'Genomförd', 'Flyttas till nästa år'];

export interface Fmt {
  locale: Locale;
  number: (n: number) => string;
  percent: (share: number | null) => string;
  signed: (n: number) => string;
}

export function formatters(locale: Locale): Fmt {
  const tag = locale === 'en' ? 'en-GB' : 'sv-SE';
  const number = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  const signed = new Intl.NumberFormat(tag, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  return {
    locale,
    number: (n) => number.format(n),
    percent: (share) => (share === null ? '–' : percent.format(share)),
    signed: (n) => signed.format(n),
  };
}

/** Whole percentage points between two shares, rounded as the shares are shown. */
export const points = (a: number, b: number) => Math.round(a * 100) - Math.round(b * 100);

/** Hours up to two days, whole days (dygn) beyond: "5,5 timmar", "3 dygn". */
export function duration(fmt: Fmt, hours: number | null): string {
  if (hours === null) return '–';
  const { locale } = fmt;
  if (hours < 48) {
    const n = Math.round(hours * 10) / 10;
    return t(locale, n === 1 ? 'report.annual.hours.one' : 'report.annual.hours.other', { n: fmt.number(n) });
  }
  const days = Math.round((hours / 24) * 10) / 10;
  return t(locale, days === 1 ? 'report.annual.days.one' : 'report.annual.days.other', { n: fmt.number(days) });
}

/** "1 234 av 1 990 (62 %)": a training figure as done of asked and the share. */
export function figureText(fmt: Fmt, figure: TrainingFigure): string {
  if (figure.rate === null) return '–';
  return t(fmt.locale, 'report.annual.doneOfShare', { done: fmt.number(figure.completed), total: fmt.number(figure.expected), share: fmt.percent(figure.rate) });
}

export function progressText(fmt: Fmt, progress: PlanProgress): string {
  const share = progress.total > 0 ? progress.done / progress.total : null;
  return t(fmt.locale, 'report.annual.doneOfShare', { done: fmt.number(progress.done), total: fmt.number(progress.total), share: fmt.percent(share) });
}

/** "Genomförd 2, Pågående 1": counts by status in the plan's order, zeros left out. */
export function byStatusText(fmt: Fmt, byStatus: Partial<Record<StatusName, number>>): string {
  return STATUS_ORDER.filter((s) => (byStatus[s] ?? 0) > 0)
    .map((s) => `${valueLabel(fmt.locale, 'activityStatus', s)} ${fmt.number(byStatus[s] ?? 0)}`)
    .join(', ');
}

export const statusText = (fmt: Fmt, status: StatusName | '') => (status === '' ? '' : valueLabel(fmt.locale, 'activityStatus', status));
