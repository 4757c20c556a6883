import type { Clock } from '../clock/clock';
import type { Store } from '../store/store';
import { recordAudit } from '../store/record-audit';
import { deadlinesFor, dueReminders, type Deadline } from './deadlines';
import type { Incident } from './incident';
import { openIncidents } from './incident-queries';
import { peopleHolding, recipientsFor, type IncidentRecipient } from './incident-recipients';
import type { IncidentRules } from './incident-rules';

/** Tells people, through the delivery service; implemented in bot/ where the cards are. */
export interface IncidentNotifier {
  newIncident(incident: Incident, recipients: IncidentRecipient[], deadlines: Deadline[]): Promise<void>;
  deadlineReminder(incident: Incident, deadline: Deadline, hoursBefore: number, recipients: IncidentRecipient[]): Promise<void>;
  /** The live incident card to one person's chat with the bot (the tab's "Öppna"); notReachable when they have no chat with it yet. */
  openInChat(reference: string, personId: string): Promise<'sent' | 'notReachable'>;
}

export interface FollowUpDeps {
  store: Store;
  clock: Clock;
  rules: IncidentRules;
  notifier: IncidentNotifier;
}

/**
 * What follows a stored report, off the critical path and safe to repeat: the audit entry, the
 * first line of its history, and the notifications (each keyed, so a repeat sends nothing twice).
 */
export async function followUpIncident(deps: FollowUpDeps, incident: Incident): Promise<void> {
  const { store } = deps;
  await recordAudit(store, `incident:${incident.reference}:reported`, {
    at: incident.reportedAt,
    actorId: incident.reporterId,
    recordKind: 'incident',
    recordKey: incident.reference,
    action: 'rapporterad',
    before: '',
    after: JSON.stringify(incident),
  });
  await store.incidentEvents.create(`event:${incident.reference}:reported`, {
    reference: incident.reference,
    at: incident.reportedAt,
    actorId: incident.reporterId,
    action: incident.kind === 'weakness' ? 'brist rapporterad' : 'incident rapporterad',
    detail: '',
  });
  const recipients = await recipientsFor(incident, deps.rules, store);
  await deps.notifier.newIncident(incident, recipients, deadlinesFor(incident, deps.rules));
}

/** Tells the roles the rules name for personal data (the DPO) of an incident that triage found to involve it; keyed per person, so sent once. */
export async function tellOfPersonalData(deps: FollowUpDeps, incident: Incident): Promise<void> {
  const recipients = await peopleHolding(deps.store, deps.rules.notify.personalData, incident.committeeCode);
  await deps.notifier.newIncident(incident, recipients, deadlinesFor(incident, deps.rules));
}

/** Scheduled: reminds the owners (by default the committee's coordinators and the security officer) of legal deadlines that draw near while nobody has recorded the action. */
export async function remindIncidentDeadlines(deps: FollowUpDeps): Promise<number> {
  const open = await openIncidents(deps.store);
  let reminders = 0;
  for (const { value: incident } of open) {
    const due = dueReminders(incident, deps.rules, deps.clock.now());
    if (due.length === 0) continue;
    for (const { deadline, hoursBefore } of due) {
      // The deadline's owners for this committee: coordinators of another committee are not reminded.
      const owners = await peopleHolding(deps.store, deadline.owners, incident.committeeCode);
      await deps.notifier.deadlineReminder(incident, deadline, hoursBefore, owners);
      reminders += owners.length;
    }
  }
  return reminders;
}
