import { randomUUID } from 'node:crypto';
import { deadlinesFor } from '../../src/incidents/deadlines';
import type { Incident } from '../../src/incidents/incident';
import type { FormErrors } from '../../src/incidents/incident-report';
import type { IncidentRules } from '../../src/incidents/incident-rules';
import { canTriage } from '../../src/incidents/triage';
import { ALL_COMMITTEES, homeCommitteeOf, type Person } from '../../src/organisation/organisation';
import type { StoredItem } from '../../src/store/store';
import { renderCard, type AdaptiveCard } from './card-templates';
import { nameLookup, type CardView } from './card-view';
import { formValuesFrom, incidentCardData, incidentFormData } from './incident-card-data';

export type CardMessage = { text: string; kind: 'good' | 'attention' };

/**
 * The Teams user ids (MRIs, "29:…") of the people who may triage an incident: Teams refreshes the
 * card for them whenever they open it. Known from their personal chat with the bot.
 */
async function triagerUserIds(view: CardView, incident: Incident): Promise<string[]> {
  const people = new Set<string>();
  for (const role of ['samordnare', 'sakerhetsansvarig', 'dataskyddsombud'] as const) {
    for (const { value } of await view.store.roles.query({ field: 'role', op: 'eq', value: role })) {
      if (value.committeeCode === incident.committeeCode || value.committeeCode === ALL_COMMITTEES) people.add(value.personId);
    }
  }
  const chats = await Promise.all([...people].map((id) => view.ops.conversations.personalChatOf(id)));
  return chats.map((c) => (c?.reference.user as { id?: string } | undefined)?.id).filter((id): id is string => Boolean(id));
}

/** The incident as the viewer may see it, with the triage actions their role allows. */
export async function incidentCard(view: CardView, item: StoredItem<Incident>, rules: IncidentRules, viewer: Person | undefined, message?: CardMessage): Promise<AdaptiveCard> {
  const incident = item.value;
  const committee = await view.committees.byCode(incident.committeeCode);
  const names = await nameLookup(view.store, [incident.acknowledgedBy, incident.assigneeId]);
  return renderCard(
    'incident',
    incidentCardData(view.locale, {
      item,
      committeeName: committee?.administration ?? incident.committeeCode,
      deadlines: deadlinesFor(incident, rules),
      canTriage: canTriage(viewer, incident),
      refreshUserIds: await triagerUserIds(view, incident),
      names,
      now: view.clock.now(),
      ...(message ? { message } : {}),
    }),
  );
}

/** The report form, with the person's own förvaltning chosen; shown again with what they typed and its errors. */
export async function incidentFormCard(
  view: CardView,
  person: Person | undefined,
  form?: { submissionId: string; values: unknown; errors: FormErrors; notice?: string },
): Promise<AdaptiveCard> {
  const committees = await view.committees.list();
  const home = person ? homeCommitteeOf(person) : undefined;
  return renderCard(
    'incidentForm',
    incidentFormData(view.locale, {
      submissionId: form?.submissionId ?? randomUUID(),
      committees,
      values: { ...(home ? { committeeCode: home } : {}), ...formValuesFrom(form?.values) },
      ...(form ? { errors: form.errors } : {}),
      ...(form?.notice ? { notice: form.notice } : {}),
    }),
  );
}
