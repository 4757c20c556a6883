import { randomUUID } from 'node:crypto';
import { fromStockholmWallTime } from '../../src/clock/stockholm-time';
import type { Incident } from '../../src/incidents/incident';
import { DEADLINE_DONE_FIELDS, type DeadlineDoneField } from '../../src/incidents/incident-rules';
import { openIncidents } from '../../src/incidents/incident-queries';
import { reportIncident } from '../../src/incidents/report-incident';
import { ASSESSMENT_SECTIONS, missingAssessment, type AssessmentSection } from '../../src/incidents/assessment';
import { deadlinesFor, isOverdue } from '../../src/incidents/deadlines';
import { recipientsFor } from '../../src/incidents/incident-recipients';
import { actionOwnersOf, createIncidentAction, targetQuarters } from '../../src/actionplan/incident-action';
import { assetById } from '../../src/assets/asset-store';
import { canSetStatus } from '../../src/actionplan/save-quarter-statuses';
import { canRead, canTriage, type TriageAction, type TriageRefusal } from '../../src/incidents/triage';
import { findIncident, triageIncident } from '../../src/incidents/triage-incident';
import { t } from '../../src/i18n/texts';
import { hasRole, type Person } from '../../src/organisation/organisation';
import { authorityShortName, mayDraft } from '../../src/reports/authority-drafts';
import type { StoredItem } from '../../src/store/store';
import { findPerson } from '../../src/organisation/people';
import { renderCard, type AdaptiveCard } from '../cards/card-templates';
import { cardViewOf } from '../cards/card-view';
import { actionFormData } from '../cards/incident-action-card-data';
import { assessmentInputsFrom } from '../cards/incident-assessment-card-data';
import { assessmentCard, draftCard, incidentCard, incidentFormCard, type CardMessage } from '../cards/incident-card';
import { incidentListData, incidentReceiptData, type ToldPerson } from '../cards/incident-card-data';
import { deadlineLabel, triageRefusalText, triageSavedText } from '../cards/incident-texts';
import type { BotDeps } from './bot-deps';
import { cardReply, replaceCard, textReply, type Flow, type Who } from './flow';

/** `rapportera`, or the welcome card's button: the form, with the person's own förvaltning chosen. */
export const startIncidentFlow: Flow = async (who, _input, deps) => [replaceCard(await incidentFormCard(cardViewOf(deps, who.locale), await findPerson(deps.store, who.personId)))];

/** The form's submission id as the card sent it back (a UUID), or undefined: what makes sending it twice store one report. */
export const submissionIdOf = (data: Record<string, unknown>) => (typeof data.submissionId === 'string' && /^[0-9a-f-]{36}$/.test(data.submissionId) ? data.submissionId : undefined);

/** "Skicka" on the form: the receipt replaces the form, or the form comes back with what is wrong. */
export const submitIncidentFlow: Flow = async (who, { data }, deps) => {
  const { store, ops, clock } = deps;
  const submissionId = submissionIdOf(data);
  if (!who.personId || !submissionId) return [textReply(t(who.locale, 'error.generic'))];
  const committees = await deps.committees.list();
  let outcome: Awaited<ReturnType<typeof reportIncident>>;
  try {
    outcome = await reportIncident(
      { store, ops, clock },
      { reporterId: who.personId, submissionId, form: data, committees: committees.map((c) => c.code), findAsset: async (assetId) => (await assetById(store, assetId))?.value },
    );
  } catch (err) {
    // Nothing was accepted (the year's numbering could not be read): the form stays as it is, to send again.
    deps.logger.error({ err: (err as Error).message }, 'rapport kunde inte tas emot');
    return [textReply(t(who.locale, 'incident.error.notReceived'))];
  }
  if (outcome.outcome === 'invalid') {
    return [replaceCard(await incidentFormCard(cardViewOf(deps, who.locale), await findPerson(store, who.personId), { submissionId, values: data, errors: outcome.errors }))];
  }
  if (outcome.outcome === 'alreadySent') {
    // What they wrote is kept in a fresh form: sending it makes a new report.
    const notice = t(who.locale, 'incident.form.alreadySent', { reference: outcome.incident.reference });
    return [replaceCard(await incidentFormCard(cardViewOf(deps, who.locale), await findPerson(store, who.personId), { submissionId: randomUUID(), values: data, errors: {}, notice }))];
  }
  return [replaceCard(await receiptCard(who, outcome, committees, deps))];
};

/** The receipt of an accepted report, the same wherever it was sent from; the follow-up (telling people) starts now. */
export async function receiptCard(
  who: Who,
  outcome: { outcome: 'stored' | 'pending'; incident: Incident },
  committees: { code: string; administration: string }[],
  deps: BotDeps,
): Promise<AdaptiveCard> {
  deps.incidents.nudgeFollowUp();
  const committeeName = committees.find((c) => c.code === outcome.incident.committeeCode)?.administration ?? outcome.incident.committeeCode;
  const told = await reachableRecipients(deps, outcome.incident);
  return renderCard('incidentReceipt', incidentReceiptData(who.locale, outcome.incident, committeeName, outcome.outcome === 'pending', told, deps.incidents.rules));
}

/**
 * Whom the receipt may name: the recipients the rules pick who have a chat with the bot, so the
 * card reaches them now. The others get it when they first open the app, and are not promised.
 */
async function reachableRecipients(deps: BotDeps, incident: Incident): Promise<ToldPerson[]> {
  try {
    const recipients = await recipientsFor(incident, deps.incidents.rules, deps.store);
    const chats = await Promise.all(recipients.map((r) => deps.ops.conversations.personalChatOf(r.personId)));
    return recipients.filter((_, i) => chats[i]).map((r) => ({ name: r.displayName, role: r.role }));
  } catch {
    return []; // the store is down (the report waits as a task): the receipt says where the report is, and names nobody
  }
}

/** The card's inputs as a triage action, or why they cannot be one. */
function triageActionFrom(verb: TriageVerb, data: Record<string, unknown>): TriageAction | TriageRefusal {
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
    case 'incident.assess': {
      const section = text(data.section);
      if (!(ASSESSMENT_SECTIONS as readonly string[]).includes(section)) return { code: 'unknownSection' };
      return { type: 'assess', section: section as AssessmentSection, input: assessmentInputsFrom(data) };
    }
    case 'incident.deadlineDone': {
      const field = text(data.field);
      if (!(DEADLINE_DONE_FIELDS as readonly string[]).includes(field)) return { code: 'unknownDeadline' };
      const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text(data.doneDate));
      const time = /^(\d{2}):(\d{2})/.exec(text(data.doneTime));
      if (!date || !time) return { code: 'noDoneTime' };
      const at = fromStockholmWallTime({ year: +date[1]!, month: +date[2]!, day: +date[3]!, hour: +time[1]!, minute: +time[2]!, second: 0 });
      return { type: 'deadlineDone', field: field as DeadlineDoneField, at: at.toISOString() };
    }
  }
}

export const TRIAGE_VERBS = ['incident.acknowledge', 'incident.assignToMe', 'incident.severity', 'incident.status', 'incident.deadlineDone', 'incident.close', 'incident.assess'] as const;
export type TriageVerb = (typeof TRIAGE_VERBS)[number];

/** A triage button on the incident card (or a save on the assessment card): that card comes back as the incident now is, with what happened. */
export const triageFlow =
  (verb: TriageVerb): Flow =>
  async (who, { data }, deps) => {
    const { store } = deps;
    const rules = deps.incidents.rules;
    const reference = typeof data.reference === 'string' ? data.reference.slice(0, 40) : '';
    if (!who.personId) return [textReply(t(who.locale, 'incident.error.forbidden'))];
    // Looked up while the incident is read: the two do not wait for each other.
    const personRead = findPerson(store, who.personId);
    // Whatever happens before it is awaited (a refusal, an error reading the card), a failed read is not left unhandled.
    personRead.catch(() => undefined);
    const action = triageActionFrom(verb, data);
    const view = cardViewOf(deps, who.locale);
    const assessing = action && 'type' in action && action.type === 'assess' ? action : undefined;
    const cardFor = async (item: StoredItem<Incident>, message: CardMessage, refusal?: TriageRefusal, saved = false, person?: Person) =>
      assessing
        ? assessmentCard(view, item, rules, person, {
            message,
            typed: { values: assessing.input, ...(saved ? { except: assessing.section } : {}) },
            ...(refusal?.code === 'invalidAssessment' ? { retry: { section: refusal.section, errors: refusal.errors } } : {}),
          })
        : incidentCard(view, item, rules, person, message);
    if ('code' in action) {
      const [item, person] = await Promise.all([findIncident(store, reference), personRead]);
      if (!item || !canTriage(person, item.value)) return [textReply(t(who.locale, 'incident.error.forbidden'))];
      return [replaceCard(await cardFor(item, { text: triageRefusalText(who.locale, action), kind: 'attention' }, undefined, false, person))];
    }
    const etag = typeof data.etag === 'string' && data.etag ? data.etag : undefined;
    // The audit entry and the history are promised in the operational store: the card's answer does not wait for them.
    const later = (work: () => Promise<void>) =>
      void work().catch((err: unknown) => deps.logger.warn({ err: (err as Error).message, reference }, 'ändringens spår skrivs senare av uppgiftskörningen'));
    const result = await triageIncident({ store, ops: deps.ops, clock: deps.clock, rules, later }, { personId: who.personId, person: personRead }, reference, etag, action);
    const person = await personRead;
    switch (result.outcome) {
      case 'notFound':
        return [textReply(t(who.locale, 'incident.error.notFoundRef', { reference }))];
      case 'forbidden':
        return [textReply(t(who.locale, action.type === 'assess' ? 'incident.error.notYourDecision' : action.type === 'deadlineDone' ? 'incident.error.notYourReport' : 'incident.error.forbiddenTriage'))];
      case 'updated':
        // Saving the facts may have found personal data: the task that tells the DPO runs now, not at the next tick.
        if (action.type === 'assess') deps.incidents.nudgeFollowUp();
        return [replaceCard(await cardFor(result.item, { text: triageSavedText(who.locale, action, person?.displayName ?? '', rules), kind: 'good' }, undefined, true, person))];
      case 'conflict':
        return [replaceCard(await cardFor(result.item, { text: t(who.locale, `incident.conflict.${result.reason}`), kind: 'attention' }, undefined, false, person))];
      case 'refused':
        return [replaceCard(await cardFor(result.item, { text: triageRefusalText(who.locale, result.reason), kind: 'attention' }, result.reason, false, person))];
    }
  };

/** The incident a card names and the person pressing, read together: neither waits for the other. */
const incidentAndPerson = (who: Who, data: Record<string, unknown>, deps: BotDeps) =>
  Promise.all([findIncident(deps.store, typeof data.reference === 'string' ? data.reference.slice(0, 40) : ''), findPerson(deps.store, who.personId)]);

/** The incident for a card button, if the person may triage it; otherwise the text to answer with. */
async function triagedIncident(who: Who, data: Record<string, unknown>, deps: BotDeps): Promise<{ item: StoredItem<Incident>; person: Person | undefined } | string> {
  const [item, person] = await incidentAndPerson(who, data, deps);
  if (!item) return t(who.locale, 'incident.error.notFound');
  if (!who.personId || !canTriage(person, item.value)) return t(who.locale, 'incident.error.forbiddenTriage');
  return { item, person };
}

/** "Bedömning" on the incident card: the assessment card takes its place. */
export const assessmentFlow: Flow = async (who, { data }, deps) => {
  const found = await triagedIncident(who, data, deps);
  if (typeof found === 'string') return [textReply(found)];
  return [replaceCard(await assessmentCard(cardViewOf(deps, who.locale), found.item, deps.incidents.rules, found.person))];
};

/** "IMY-underlag" / "CERT-SE-underlag": the draft to copy into the authority's e-service; nothing is sent by the app. */
export const draftFlow: Flow = async (who, { data }, deps) => {
  const found = await triagedIncident(who, data, deps);
  if (typeof found === 'string') return [textReply(found)];
  const kind = data.kind === 'imy' || data.kind === 'csirt' ? data.kind : undefined;
  const view = cardViewOf(deps, who.locale);
  if (!kind || !mayDraft(kind, found.item.value)) {
    const text = kind ? t(who.locale, `draftCard.notYet.${kind}`, { csirt: authorityShortName(deps.incidents.rules.authorities.csirt) }) : t(who.locale, 'draftCard.unknown');
    return [replaceCard(await incidentCard(view, found.item, deps.incidents.rules, found.person, { text, kind: 'attention' }))];
  }
  return [replaceCard(await draftCard(view, found.item, deps.incidents.rules, kind))];
};

/** "Öppna" in `mina incidenter`: the live incident card as a message of its own, the list left as it was. */
export const openIncidentFlow: Flow = async (who, { data }, deps) => {
  const [item, person] = await incidentAndPerson(who, data, deps);
  if (!item) return [textReply(t(who.locale, 'incident.error.notFound'))];
  if (!who.personId || !canRead(person, who.personId, item.value)) return [textReply(t(who.locale, 'incident.error.forbidden'))];
  const [list, card] = await Promise.all([myIncidentsFlow(who, { text: '', data: {} }, deps), incidentCard(cardViewOf(deps, who.locale), item, deps.incidents.rules, person)]);
  return [...list, cardReply(card)];
};

/** Universal Actions refresh: whoever opens the card sees the incident as it is now, with the actions their role allows. */
export const refreshIncidentFlow: Flow = async (who, { data }, deps) => {
  const [item, person] = await incidentAndPerson(who, data, deps);
  if (!item) return [textReply(t(who.locale, 'incident.error.notFound'))];
  if (!who.personId || !canRead(person, who.personId, item.value)) return [textReply(t(who.locale, 'incident.error.forbidden'))];
  return [replaceCard(await incidentCard(cardViewOf(deps, who.locale), item, deps.incidents.rules, person))];
};

/** `mina incidenter`: the reporter's own reports, and for triagers the open ones of their committees. */
export const myIncidentsFlow: Flow = async (who, _input, deps) => {
  const { store } = deps;
  if (!who.personId) return [textReply(t(who.locale, 'incident.list.empty'))];
  const [person, own] = await Promise.all([findPerson(store, who.personId), store.incidents.query({ field: 'reporterId', op: 'eq', value: who.personId })]);
  const mine = own.map((i) => i.value);
  const sections: { heading: string; incidents: Incident[]; own?: boolean }[] = [{ heading: t(who.locale, 'incident.list.mine'), incidents: mine.reverse(), own: true }];
  if (person && (hasRole(person, 'sakerhetsansvarig') || hasRole(person, 'itsakerhetsansvarig') || hasRole(person, 'dataskyddsombud'))) {
    const open = (await openIncidents(store)).map((i) => i.value).sort((a, b) => b.reportedAt.localeCompare(a.reportedAt));
    sections.push({ heading: t(who.locale, 'incident.list.all'), incidents: open });
  } else if (person) {
    // The open incidents (few, whatever the years hold), then each committee coordinated, in the order of the roles.
    const coordinated = person.assignments.filter((x) => x.role === 'samordnare');
    const open = coordinated.length > 0 ? (await openIncidents(store)).map((i) => i.value) : [];
    const perCommittee = await Promise.all(
      coordinated.map(async (a) => {
        const committee = await deps.committees.byCode(a.committeeCode);
        const incidents = open.filter((i) => i.committeeCode.toUpperCase() === a.committeeCode.toUpperCase()).reverse();
        return { heading: t(who.locale, 'incident.list.committee', { committee: committee?.administration ?? a.committeeCode }), incidents };
      }),
    );
    sections.push(...perCommittee);
  }
  const now = deps.clock.now();
  // What a triager must not miss, on the row: a legal clock run out, or a decision nobody has made.
  const alertOf = (incident: Incident) => {
    if (!person || !canTriage(person, incident)) return '';
    const late = deadlinesFor(incident, deps.incidents.rules).filter((d) => isOverdue(d, now));
    if (late.length > 0) return t(who.locale, 'incident.list.late', { label: deadlineLabel(who.locale, late[0]!) });
    const missing = missingAssessment(incident);
    return missing.length > 0 ? t(who.locale, 'incident.list.missing', { parts: missing.map((m) => t(who.locale, `assessment.section.${m}`)).join(', ') }) : '';
  };
  return [replaceCard(renderCard('incidentList', incidentListData(who.locale, sections, alertOf)))];
};

/** "Skapa åtgärd" on the incident card: the form for an action in the committee's plan. */
export const actionFormFlow: Flow = async (who, { data }, deps) => {
  const [item, person] = await incidentAndPerson(who, data, deps);
  if (!item) return [textReply(t(who.locale, 'incident.error.notFound'))];
  if (!who.personId || !canSetStatus(person, item.value.committeeCode)) return [textReply(t(who.locale, 'incidentAction.refused.notAllowed'))];
  const form = actionFormData(who.locale, { incident: item.value, formId: randomUUID(), targets: targetQuarters(deps.clock.now()), owners: await actionOwnersOf(deps.store, item.value.committeeCode), defaultOwner: who.personId });
  return [replaceCard(renderCard('incidentAction', form))];
};

/** "Skapa åtgärden": the action goes into the plan, and the incident card comes back showing it. */
export const createActionFlow: Flow = async (who, { data }, deps) => {
  const [item, person] = await incidentAndPerson(who, data, deps);
  if (!item) return [textReply(t(who.locale, 'incident.error.notFound'))];
  if (!who.personId) return [textReply(t(who.locale, 'incidentAction.refused.notAllowed'))];
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const formId = /^[0-9a-f-]{36}$/.test(text(data.formId)) ? text(data.formId) : '';
  const owners = await actionOwnersOf(deps.store, item.value.committeeCode);
  const input = { formId, title: text(data.actionTitle).slice(0, 1000), target: text(data.actionTarget), ownerId: text(data.actionOwner) };
  const outcome = formId
    ? await createIncidentAction({ store: deps.store, clock: deps.clock }, { personId: who.personId, person }, item.value, input, owners.map((o) => o.id))
    : ({ refused: 'unknownQuarter' } as const);
  if ('refused' in outcome) {
    if (outcome.refused === 'notAllowed') return [textReply(t(who.locale, 'incidentAction.refused.notAllowed'))];
    // What was typed stays in the form, with what is wrong.
    const form = actionFormData(who.locale, {
      incident: item.value,
      formId: formId || randomUUID(),
      targets: targetQuarters(deps.clock.now()),
      owners,
      defaultOwner: who.personId,
      values: { title: input.title, target: input.target, owner: input.ownerId },
      problem: t(who.locale, `incidentAction.refused.${outcome.refused}`),
    });
    return [replaceCard(renderCard('incidentAction', form))];
  }
  const a = outcome.created.value;
  const ownerName = owners.find((o) => o.id === a.ownerId)?.name ?? a.ownerId ?? '';
  const message = t(who.locale, 'incidentAction.created', { title: a.title, when: t(who.locale, 'incidentAction.form.quarter', { quarter: a.quarters[0]!, year: a.year }), owner: ownerName });
  return [replaceCard(await incidentCard(cardViewOf(deps, who.locale), item, deps.incidents.rules, person, { text: message, kind: 'good' }))];
};
