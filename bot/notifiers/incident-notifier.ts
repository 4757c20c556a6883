import { formatDateTime } from '../../src/clock/stockholm-time';
import type { OutboundMessage } from '../../src/ops/outbox-types';
import type { Deadline } from '../../src/incidents/deadlines';
import type { Incident } from '../../src/incidents/incident';
import type { IncidentNotifier } from '../../src/incidents/incident-follow-up';
import type { IncidentRecipient } from '../../src/incidents/incident-recipients';
import type { IncidentRules } from '../../src/incidents/incident-rules';
import { canTriage } from '../../src/incidents/triage';
import { findIncident } from '../../src/incidents/triage-incident';
import { t } from '../../src/i18n/texts';
import type { Logger } from '../../src/logging/logger';
import { findPerson } from '../../src/organisation/people';
import { cardAttachment } from '../cards/card-templates';
import { cardViewOf } from '../cards/card-view';
import { incidentCard } from '../cards/incident-card';
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
  const cardsFor = async (incident: Incident) => {
    const item = await findIncident(deps.store, incident.reference);
    if (!item) throw new Error(`${incident.reference} saknas i registret`);
    const rendered = new Map<boolean, Promise<Record<string, unknown>>>();
    return async (personId: string) => {
      const person = await findPerson(deps.store, personId);
      const triager = canTriage(person, item.value);
      if (!rendered.has(triager)) rendered.set(triager, incidentCard(view, item, deps.rules, person, { text: t(deps.locale, 'incident.card.new'), kind: 'good' }));
      return rendered.get(triager)!;
    };
  };
  return {
    async newIncident(incident: Incident, recipients: IncidentRecipient[]) {
      const cardFor = await cardsFor(incident);
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
        due: formatDateTime(new Date(deadline.dueAt), deps.locale),
        hours: hoursBefore,
      })}`;
      const cardFor = await cardsFor(incident);
      const messages: OutboundMessage[] = [];
      for (const r of recipients) {
        messages.push({
          key: `deadline:${incident.reference}:${deadline.id}:${hoursBefore}:${r.personId}`,
          campaignId: `deadline:${incident.reference}`,
          personId: r.personId,
          activity: { type: 'message', text, attachments: [cardAttachment(await cardFor(r.personId))] },
        });
      }
      await deps.enqueue(messages);
    },
  };
}
