import type { RequeueSelection } from '../ops/outbox-types';

/**
 * Only incident notifications are sent again: bot/notifiers/incident-notifier.ts gives the incident
 * card the campaign id `incident:<reference>`, and a triager who misses it misses a 72-hour clock.
 * Deadline reminders (`deadline:`) are left out because they speak of a moment that has usually
 * passed, and the incident card shows the deadlines itself; learning cards (`learning:`) and
 * action-plan reminders (`actionplan:`) wait for their own next round.
 */
export const RESENT_CAMPAIGN_PREFIX = 'incident:';

/** The outcomes that mean "no chat to write in" rather than a refusal: Blocked and Failed are never resent. */
export const UNREACHED_STATUSES = ['AppNotInstalled', 'RecipientNotFound'] as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Which of a person's messages go back in the queue now that they have a personal chat with the
 * bot: incident notifications that did not reach them, enqueued within the last `days` days.
 * Undefined when resending is turned off (0 days).
 */
export function unreachedSelection(personId: string, now: Date, days: number): RequeueSelection | undefined {
  if (days <= 0) return undefined;
  return {
    personId,
    statuses: UNREACHED_STATUSES,
    campaignPrefix: RESENT_CAMPAIGN_PREFIX,
    enqueuedSince: new Date(now.getTime() - days * DAY_MS).toISOString(),
  };
}
