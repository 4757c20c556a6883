import { randomUUID } from 'node:crypto';
import type { AssessmentErrors, AssessmentSection } from '../../src/incidents/assessment';
import { deadlinesFor } from '../../src/incidents/deadlines';
import type { Incident } from '../../src/incidents/incident';
import type { FormErrors } from '../../src/incidents/incident-report';
import type { IncidentRules } from '../../src/incidents/incident-rules';
import { canTriage } from '../../src/incidents/triage';
import { actionsOf } from '../../src/actionplan/incident-action';
import { assetChoices } from '../../src/assets/asset-store';
import { t } from '../../src/i18n/texts';
import { ALL_COMMITTEES, homeCommitteeOf, type Person } from '../../src/organisation/organisation';
import { authorityDraft, authorityShortName, DRAFT_KINDS, mayDraft, type DraftKind } from '../../src/reports/authority-drafts';
import { TRIAGER_ROLES } from '../../src/incidents/triage-roles';
import type { StoredItem } from '../../src/store/store';
import { renderCard, type AdaptiveCard } from './card-templates';
import type { CardView } from './card-view';
import { holdersOf, nameLookup } from '../../src/organisation/people';
import { abilitiesOf } from './incident-abilities';
import { lessonModuleFor, lessonOf, maySendLesson } from '../../src/admin/incident-lesson';
import { assessmentCardData } from './incident-assessment-card-data';
import { formValuesFrom, incidentCardData, incidentFormData, type LessonOffer } from './incident-card-data';
import { draftCardData } from './incident-draft-card-data';

export { abilitiesOf } from './incident-abilities';
export type CardMessage = { text: string; kind: 'good' | 'attention' };


/**
 * The Teams user ids (MRIs, "29:…") of the people who may triage an incident: Teams refreshes the
 * card for them whenever they open it. Known from their personal chat with the bot.
 */
async function triagerUserIds(view: CardView, incident: Incident): Promise<string[]> {
  const people = new Set<string>();
  for (const holders of await Promise.all(TRIAGER_ROLES.map((role) => holdersOf(view.store, role)))) {
    for (const value of holders) {
      if (value.committeeCode === incident.committeeCode || value.committeeCode === ALL_COMMITTEES) people.add(value.personId);
    }
  }
  const chats = await Promise.all([...people].map((id) => view.ops.conversations.personalChatOf(id)));
  return chats.map((c) => (c?.reference.user as { id?: string } | undefined)?.id).filter((id): id is string => Boolean(id));
}

/** The short lesson the security officer may send after this incident, and the one already sent (incident-lesson.ts). */
async function lessonOffer(view: CardView, incident: Incident, rules: IncidentRules, viewer: Person | undefined): Promise<LessonOffer | undefined> {
  if (!view.library || !maySendLesson(viewer)) return undefined;
  const moduleId = lessonModuleFor(incident, rules, { library: view.library });
  if (!moduleId) return undefined;
  const sent = await lessonOf(view, incident, moduleId);
  return { moduleTitle: view.library.byId(moduleId)!.title, ...(sent ? { sent } : {}) };
}

/** The plan's actions taken after the incident, for its card: what, by when, who answers for it. */
async function actionLinesOf(view: CardView, incident: Incident): Promise<{ title: string; value: string }[]> {
  const actions = await actionsOf(view.store, incident, view.clock.now());
  const names = await nameLookup(view.store, actions.map((a) => a.ownerId));
  return actions.map((a) => ({
    title: a.title,
    value: t(view.locale, 'incidentAction.line', { when: t(view.locale, 'incidentAction.form.quarter', { quarter: a.quarters[0]!, year: a.year }), owner: names(a.ownerId ?? '') }),
  }));
}

const namesFor = (view: CardView, incident: Incident) =>
  nameLookup(view.store, [incident.acknowledgedBy, incident.assigneeId, incident.assessedBy, incident.imyDecidedBy, incident.significantDecidedBy]);

/** The incident as the viewer may see it, with exactly the actions their role allows in its present state. */
export async function incidentCard(view: CardView, item: StoredItem<Incident>, rules: IncidentRules, viewer: Person | undefined, message?: CardMessage): Promise<AdaptiveCard> {
  const incident = item.value;
  // Nothing here depends on anything else read here: one round trip, not one per part.
  const [committee, actionLines, refreshUserIds, names, lesson] = await Promise.all([
    view.committees.byCode(incident.committeeCode),
    actionLinesOf(view, incident),
    triagerUserIds(view, incident),
    namesFor(view, incident),
    lessonOffer(view, incident, rules, viewer),
  ]);
  const abilities = abilitiesOf(viewer, incident, rules);
  return renderCard(
    'incident',
    incidentCardData(view.locale, {
      item,
      committeeName: committee?.administration ?? incident.committeeCode,
      deadlines: deadlinesFor(incident, rules),
      abilities,
      // Drafts stay available after closing: a final report may still be owed.
      drafts: canTriage(viewer, incident) ? DRAFT_KINDS.filter((k) => mayDraft(k, incident)) : [],
      actionLines,
      csirt: authorityShortName(rules.authorities.csirt),
      refreshUserIds,
      names,
      ...(lesson ? { lesson } : {}),
      now: view.clock.now(),
      ...(message ? { message } : {}),
    }),
  );
}

/** The assessment at triage: each part editable by those who decide it, shown as facts to the other triagers. */
export async function assessmentCard(
  view: CardView,
  item: StoredItem<Incident>,
  rules: IncidentRules,
  viewer: Person | undefined,
  extra: { message?: CardMessage; retry?: { section: AssessmentSection; errors: AssessmentErrors }; typed?: { values: Record<string, unknown>; except?: AssessmentSection } } = {},
): Promise<AdaptiveCard> {
  const incident = item.value;
  const [committee, names] = await Promise.all([view.committees.byCode(incident.committeeCode), namesFor(view, incident)]);
  return renderCard(
    'incidentAssessment',
    assessmentCardData(view.locale, {
      item,
      abilities: abilitiesOf(viewer, incident, rules),
      rules,
      names,
      committeeName: committee?.administration ?? incident.committeeCode,
      ...(extra.message ? { message: extra.message } : {}),
      ...(extra.retry ? { retry: extra.retry } : {}),
      ...(extra.typed ? { typed: extra.typed } : {}),
    }),
  );
}

/** A draft for IMY or the CSIRT, to read and copy into the authority's e-service. */
export async function draftCard(view: CardView, item: StoredItem<Incident>, rules: IncidentRules, kind: DraftKind): Promise<AdaptiveCard> {
  const incident = item.value;
  const [committee, names] = await Promise.all([view.committees.byCode(incident.committeeCode), namesFor(view, incident)]);
  const draft = authorityDraft(kind, incident, {
    locale: view.locale,
    rules,
    committee: { name: committee?.name ?? incident.committeeCode, administration: committee?.administration ?? incident.committeeCode },
    names,
    now: view.clock.now(),
  });
  return renderCard('incidentDraft', draftCardData(view.locale, incident.reference, draft));
}

/** The report form, with the person's own förvaltning chosen; shown again with what they typed and its errors. */
export async function incidentFormCard(
  view: CardView,
  person: Person | undefined,
  form?: { submissionId: string; values: unknown; errors: FormErrors; notice?: string },
): Promise<AdaptiveCard> {
  const committees = await view.committees.list();
  const home = person ? homeCommitteeOf(person) : undefined;
  const assets = await assetChoices(view.store, home);
  return renderCard(
    'incidentForm',
    incidentFormData(view.locale, {
      submissionId: form?.submissionId ?? randomUUID(),
      committees,
      assets,
      values: { ...(home ? { committeeCode: home } : {}), ...formValuesFrom(form?.values) },
      ...(form ? { errors: form.errors } : {}),
      ...(form?.notice ? { notice: form.notice } : {}),
    }),
  );
}
