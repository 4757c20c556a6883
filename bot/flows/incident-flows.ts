import { randomUUID } from 'node:crypto';
import { deadlinesFor } from '../../src/incidents/deadlines';
import type { Incident } from '../../src/incidents/incident';
import type { IncidentRules } from '../../src/incidents/incident-rules';
import { reportIncident } from '../../src/incidents/report-incident';
import { canRead, canTriage, type TriageAction } from '../../src/incidents/triage';
import { findIncident, triageIncident } from '../../src/incidents/triage-incident';
import { t, type Locale } from '../../src/i18n/texts';
import { homeCommitteeOf, hasRole, ALL_COMMITTEES, type Committee, type Person } from '../../src/organisation/organisation';
import { findPerson } from '../../src/organisation/people';
import type { OperationalStore } from '../../src/ops/operational-store';
import type { StoredItem, Store } from '../../src/store/store';
import type { Clock } from '../../src/clock/clock';
import { fromStockholmWallTime } from '../../src/clock/stockholm-time';
import { renderCard } from '../cards/card-templates';
import { formValuesFrom, incidentCardData, incidentFormData, incidentListData, incidentReceiptData } from '../cards/incident-card-data';
import type { Turn } from './turn';

/** Card actions answer with a card that replaces the one acted on (Universal Actions), or a text. */
export type CardReply = { card: Record<string, unknown> } | { text: string };

export interface IncidentFlowDeps {
  rules: IncidentRules;
  /** Starts the follow-up (audit, history, notifications) at once instead of at the next poll. */
  nudgeFollowUp: () => void;
}

/** Committees change a few times a year: kept for a minute, so a report's critical path does not read them from SharePoint. */
const COMMITTEE_CACHE_MS = 60_000;
const committeeCache = new WeakMap<Store, { at: number; list: Committee[] }>();

export async function committeeList(store: Store): Promise<Committee[]> {
  const cached = committeeCache.get(store);
  if (cached && Date.now() - cached.at < COMMITTEE_CACHE_MS) return cached.list;
  const list = (await store.committees.query()).map((c) => c.value).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  committeeCache.set(store, { at: Date.now(), list });
  return list;
}

/** Display names for the people an incident card mentions. */
export async function nameLookup(store: Store, ids: (string | undefined)[]): Promise<(id: string) => string> {
  const names = new Map<string, string>();
  await Promise.all(
    [...new Set(ids.filter((id): id is string => Boolean(id)))].map(async (id) => {
      const person = await findPerson(store, id);
      if (person) names.set(id, person.displayName);
    }),
  );
  return (id) => names.get(id) ?? id;
}

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

/** Where an incident card is rendered: in a turn, or in the notifier outside any turn. */
export interface CardView {
  store: Store;
  ops: OperationalStore;
  clock: Clock;
  locale: Locale;
}

export const viewOf = (turn: Turn): CardView => ({ store: turn.deps.store, ops: turn.deps.ops, clock: turn.deps.clock, locale: turn.locale });

export async function incidentCard(
  view: CardView,
  item: StoredItem<Incident>,
  rules: IncidentRules,
  viewer: Person | undefined,
  message?: { text: string; kind: 'good' | 'attention' },
): Promise<Record<string, unknown>> {
  const { store, clock } = view;
  const incident = item.value;
  const committees = await committeeList(store);
  const names = await nameLookup(store, [incident.acknowledgedBy, incident.assigneeId]);
  return renderCard(
    'incident',
    incidentCardData(view.locale, {
      item,
      committeeName: committees.find((c) => c.code === incident.committeeCode)?.administration ?? incident.committeeCode,
      deadlines: deadlinesFor(incident, rules),
      canTriage: canTriage(viewer, incident),
      refreshUserIds: await triagerUserIds(view, incident),
      names,
      now: clock.now(),
      ...(message ? { message } : {}),
    }),
  );
}

export async function incidentFormCard(turn: Turn, person: Person | undefined, form?: { submissionId: string; values: unknown; errors: Record<string, string> }) {
  const committees = await committeeList(turn.deps.store);
  const home = person ? homeCommitteeOf(person) : undefined;
  return renderCard(
    'incidentForm',
    incidentFormData(turn.locale, {
      submissionId: form?.submissionId ?? randomUUID(),
      committees,
      values: { ...(home ? { committeeCode: home } : {}), ...formValuesFrom(form?.values) },
      ...(form ? { errors: form.errors } : {}),
    }),
  );
}

/** `rapportera`, or the welcome card's button: the form, with the person's own förvaltning chosen. */
export async function startIncidentFlow(turn: Turn): Promise<CardReply> {
  return { card: await incidentFormCard(turn, await findPerson(turn.deps.store, turn.personId)) };
}

export async function submitIncidentFlow(turn: Turn, data: Record<string, unknown>, deps: IncidentFlowDeps): Promise<CardReply> {
  const { store, ops, clock } = turn.deps;
  const submissionId = typeof data.submissionId === 'string' && /^[0-9a-f-]{36}$/.test(data.submissionId) ? data.submissionId : undefined;
  if (!turn.personId || !submissionId) return { text: t(turn.locale, 'error.generic') };
  const committees = await committeeList(store);
  const outcome = await reportIncident(
    { store, ops, clock },
    { reporterId: turn.personId, submissionId, form: data, committees: committees.map((c) => c.code) },
  );
  if (outcome.outcome === 'invalid') {
    return { card: await incidentFormCard(turn, await findPerson(store, turn.personId), { submissionId, values: data, errors: outcome.errors as Record<string, string> }) };
  }
  deps.nudgeFollowUp();
  const committeeName = committees.find((c) => c.code === outcome.incident.committeeCode)?.administration ?? outcome.incident.committeeCode;
  return { card: renderCard('incidentReceipt', incidentReceiptData(turn.locale, outcome.incident, committeeName, outcome.outcome === 'pending')) };
}

function triageActionFrom(verb: string, data: Record<string, unknown>): TriageAction | string {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  switch (verb) {
    case 'incident.acknowledge':
      return { type: 'acknowledge' };
    case 'incident.assignToMe':
      return { type: 'assignToMe' };
    case 'incident.severity':
      return { type: 'severity', severity: text(data.severity) };
    case 'incident.status':
      return { type: 'status', status: text(data.status) };
    case 'incident.close':
      return { type: 'close', note: text(data.closingNote) };
    case 'incident.deadlineDone': {
      const field = text(data.field);
      if (!['imyNotifiedAt', 'nisEarlyWarningAt', 'nisNotificationAt', 'nisFinalReportAt'].includes(field)) return 'Okänd tidsfrist.';
      const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text(data.doneDate));
      const time = /^(\d{2}):(\d{2})/.exec(text(data.doneTime));
      if (!date || !time) return 'Ange datum och klockslag då det gjordes.';
      const at = fromStockholmWallTime({ year: +date[1]!, month: +date[2]!, day: +date[3]!, hour: +time[1]!, minute: +time[2]!, second: 0 });
      return { type: 'deadlineDone', field: field as 'imyNotifiedAt', at: at.toISOString() };
    }
    default:
      return 'Okänd åtgärd.';
  }
}

export async function triageFlow(turn: Turn, verb: string, data: Record<string, unknown>, deps: IncidentFlowDeps): Promise<CardReply> {
  const { store } = turn.deps;
  const reference = typeof data.reference === 'string' ? data.reference.slice(0, 40) : '';
  const person = await findPerson(store, turn.personId);
  const action = triageActionFrom(verb, data);
  if (!turn.personId) return { text: t(turn.locale, 'incident.error.forbidden') };
  if (typeof action === 'string') {
    const item = await findIncident(store, reference);
    if (!item || !canTriage(person, item.value)) return { text: t(turn.locale, 'incident.error.forbidden') };
    return { card: await incidentCard(viewOf(turn), item, deps.rules, person, { text: action, kind: 'attention' }) };
  }
  const etag = typeof data.etag === 'string' && data.etag ? data.etag : undefined;
  const result = await triageIncident({ store, clock: turn.deps.clock }, { personId: turn.personId, person }, reference, etag, action);
  switch (result.outcome) {
    case 'notFound':
    case 'forbidden':
      return { text: result.message };
    case 'updated':
      return { card: await incidentCard(viewOf(turn), result.item, deps.rules, person, { text: t(turn.locale, 'incident.card.saved', { what: verb.split('.')[1]! }), kind: 'good' }) };
    default:
      return { card: await incidentCard(viewOf(turn), result.item, deps.rules, person, { text: result.message, kind: 'attention' }) };
  }
}

/** Universal Actions refresh: whoever opens the card sees the incident as it is now, with the actions their role allows. */
export async function refreshIncidentFlow(turn: Turn, data: Record<string, unknown>, deps: IncidentFlowDeps): Promise<CardReply> {
  const { store } = turn.deps;
  const item = await findIncident(store, typeof data.reference === 'string' ? data.reference : '');
  if (!item) return { text: t(turn.locale, 'incident.error.notFound') };
  const person = await findPerson(store, turn.personId);
  if (!turn.personId || !canRead(person, turn.personId, item.value)) return { text: t(turn.locale, 'incident.error.forbidden') };
  return { card: await incidentCard(viewOf(turn), item, deps.rules, person) };
}

/** `mina incidenter`: the reporter's own reports, and for triagers the open ones of their committees. */
export async function myIncidentsFlow(turn: Turn): Promise<CardReply> {
  const { store } = turn.deps;
  if (!turn.personId) return { text: t(turn.locale, 'incident.list.empty') };
  const person = await findPerson(store, turn.personId);
  const mine = (await store.incidents.query({ field: 'reporterId', op: 'eq', value: turn.personId })).map((i) => i.value);
  const sections: { heading: string; incidents: Incident[] }[] = [{ heading: t(turn.locale, 'incident.list.mine'), incidents: mine.reverse() }];
  if (person && (hasRole(person, 'sakerhetsansvarig') || hasRole(person, 'dataskyddsombud'))) {
    const open = await store.incidents.query({ field: 'status', op: 'ne', value: 'Stängd' }, { orderBy: { field: 'reportedAt', descending: true } });
    sections.push({ heading: t(turn.locale, 'incident.list.all'), incidents: open.map((i) => i.value) });
  } else if (person) {
    const committees = await committeeList(store);
    for (const a of person.assignments.filter((x) => x.role === 'samordnare')) {
      const rows = await store.incidents.query({ field: 'committeeCode', op: 'eq', value: a.committeeCode });
      const name = committees.find((c) => c.code === a.committeeCode)?.administration ?? a.committeeCode;
      sections.push({ heading: t(turn.locale, 'incident.list.committee', { committee: name }), incidents: rows.map((r) => r.value).filter((i) => i.status !== 'Stängd').reverse() });
    }
  }
  return { card: renderCard('incidentList', incidentListData(turn.locale as Locale, sections)) };
}
