import { formatDateTime } from '../../src/clock/stockholm-time';
import type { OutboundMessage } from '../../src/ops/outbox-types';
import type { Deadline } from '../../src/incidents/deadlines';
import type { Incident } from '../../src/incidents/incident';
import type { IncidentNotifier } from '../../src/incidents/incident-follow-up';
import type { IncidentRecipient } from '../../src/incidents/incident-recipients';
import type { IncidentRules } from '../../src/incidents/incident-rules';
import { findIncident } from '../../src/incidents/triage-incident';
import { t } from '../../src/i18n/texts';
import type { Logger } from '../../src/logging/logger';
import { findPerson } from '../../src/organisation/people';
import { cardAttachment } from '../cards/card-templates';
import { cardViewOf } from '../cards/card-view';
import { abilitiesOf, incidentCard } from '../cards/incident-card';
import { deadlineLabel } from '../cards/incident-texts';
import type { OutboxNotifierDeps } from './outbox-notifier-deps';

/**
 * Tells people of incidents through the delivery service's outbox: the incident card to each
 * recipient (with the triage actions their role allows) and deadline reminders. Every message has
 * an idempotency key, so a repeated follow-up or reminder run sends nothing twice.
 */
export function incidentNotifier(deps: OutboxNotifierDeps & { logger: Logger; rules: IncidentRules }): IncidentNotifier {
  const view = cardViewOf(deps, deps.locale);
  /** The incident's card for each recipient: read once, rendered once for triagers and once for anyone else. */
  const cardsFor = async (reference: string, message?: string) => {
    const item = await findIncident(deps.store, reference);
    if (!item) throw new Error(`${reference} saknas i registret`);
    const rendered = new Map<string, Promise<Record<string, unknown>>>();
    return async (personId: string) => {
      const person = await findPerson(deps.store, personId);
      // People whose roles allow the same actions see the same card: it is rendered once for each such group.
      const may = abilitiesOf(person, item.value, deps.rules);
      const key = JSON.stringify(may);
      if (!rendered.has(key)) rendered.set(key, incidentCard(view, item, deps.rules, person, message ? { text: message, kind: 'good' } : undefined));
      return rendered.get(key)!;
    };
  };
  return {
    async newIncident(incident: Incident, recipients: IncidentRecipient[]) {
      const cardFor = await cardsFor(incident.reference, t(deps.locale, 'incident.card.new'));
      const messages: OutboundMessage[] = [];
      for (const r of recipients) {
        messages.push({
          key: `incident:${incident.reference}:new:${r.personId}`,
          campaignId: `incident:${incident.reference}`,
          personId: r.personId,
          activity: { type: 'message', attachments: [cardAttachment(await cardFor(r.personId))] },
        });
      }
      await deps.enqueue(messages);
      deps.logger.info({ reference: incident.reference, recipients: messages.length }, 'incident skickad till mottagare');
    },
    async deadlineReminder(incident: Incident, deadline: Deadline, hoursBefore: number, recipients: IncidentRecipient[]) {
      const text = `**${t(deps.locale, 'incident.reminder.title', { label: deadlineLabel(deps.locale, deadline), reference: incident.reference })}**\n\n${t(deps.locale, 'incident.reminder.text', {
        due: formatDateTime(new Date(deadline.dueAt!), deps.locale), // reminders are only for running clocks, which have a due time
        hours: hoursBefore,
      })}`;
      const cardFor = await cardsFor(incident.reference);
      const messages: OutboundMessage[] = [];
      for (const r of recipients) {
        messages.push({
          // The due time is part of the key: a clock that moves (the final report after a progress report, a
          // significance judged again) is reminded again; the same clock at the same step is reminded once.
          key: `deadline:${incident.reference}:${deadline.id}:${deadline.dueAt}:${hoursBefore}:${r.personId}`,
          campaignId: `deadline:${incident.reference}`,
          personId: r.personId,
          activity: { type: 'message', text, attachments: [cardAttachment(await cardFor(r.personId))] },
        });
      }
      await deps.enqueue(messages);
    },
    async openInChat(reference: string, personId: string) {
      if (!(await deps.ops.conversations.personalChatOf(personId))) return 'notReachable';
      const cardFor = await cardsFor(reference);
      // Each press sends the card as it is now: the key carries the moment, so a second press is a second message.
      await deps.enqueue([
        { key: `incident:${reference}:open:${personId}:${deps.clock.now().toISOString()}`, campaignId: `incident:${reference}`, personId, activity: { type: 'message', attachments: [cardAttachment(await cardFor(personId))] } },
      ]);
      return 'sent';
    },
  };
}
