import { formatDateTime } from '../../src/clock/stockholm-time';
import { isOverdue, wasLate, type Deadline } from '../../src/incidents/deadlines';
import { t, type Locale } from '../../src/i18n/texts';
import { deadlineLabel } from './incident-texts';

/**
 * A legal deadline as a triager reads it: a countdown first ("om 5 timmar", "försenad 3 timmar"),
 * the exact time after it, and an urgency the card shows as colour — red when late, amber within a day.
 */
const HOUR = 3_600_000;

/** 3 h 20 min → "3 timmar"; 50 min → "50 minuter"; 3 days → "3 dygn" — the largest unit that says enough. */
export function durationText(locale: Locale, ms: number): string {
  const abs = Math.abs(ms);
  const [value, unit] = abs < HOUR ? [Math.max(1, Math.round(abs / 60_000)), 'minute'] : abs < 48 * HOUR ? [Math.floor(abs / HOUR), 'hour'] : [Math.floor(abs / (24 * HOUR)), 'day'];
  // CLDR's Swedish says "dygn" for a day unit: 72 hours read as three days and nights, not working days.
  return new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

export type Urgency = 'late' | 'soon' | 'calm' | 'done' | 'idle';

export interface DeadlineRow {
  id: string;
  label: string;
  value: string;
  urgency: Urgency;
  doneField: string;
  state: Deadline['state'];
}

export function deadlineRow(locale: Locale, d: Deadline, now: Date): DeadlineRow {
  const at = (iso: string) => formatDateTime(new Date(iso), locale);
  let value: string;
  let urgency: Urgency;
  switch (d.state) {
    case 'done':
      value = wasLate(d) ? t(locale, 'incident.deadline.doneLate', { done: at(d.doneAt!), late: durationText(locale, Date.parse(d.doneAt!) - Date.parse(d.dueAt!)) }) : t(locale, 'incident.deadline.done', { done: at(d.doneAt!) });
      urgency = 'done';
      break;
    case 'waiting':
      value = t(locale, `incident.deadline.waiting.${d.waitingFor ?? 'discoveredAt'}`);
      urgency = 'idle';
      break;
    case 'notRequired':
      value = t(locale, 'incident.deadline.notRequired');
      urgency = 'idle';
      break;
    case 'running': {
      const left = Date.parse(d.dueAt!) - now.getTime();
      if (isOverdue(d, now)) {
        value = t(locale, 'incident.deadline.late', { late: durationText(locale, left), due: at(d.dueAt!) });
        urgency = 'late';
      } else {
        value = t(locale, 'incident.deadline.left', { left: durationText(locale, left), due: at(d.dueAt!) });
        urgency = left <= 24 * HOUR ? 'soon' : 'calm';
      }
      break;
    }
  }
  return { id: d.id, label: deadlineLabel(locale, d), value, urgency, doneField: d.doneField, state: d.state };
}
