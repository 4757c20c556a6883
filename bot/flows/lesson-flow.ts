import { sendLesson } from '../../src/admin/incident-lesson';
import { formatDay } from '../../src/clock/stockholm-time';
import { findIncident } from '../../src/incidents/triage-incident';
import { t } from '../../src/i18n/texts';
import { findPerson } from '../../src/organisation/people';
import { cardViewOf } from '../cards/card-view';
import { incidentCard } from '../cards/incident-card';
import { replaceCard, textReply, type Flow } from './flow';

/**
 * "Skicka en kort utbildning till <förvaltning>" on a confirmed incident: the security officer's one
 * click makes a campaign of the category's module for the incident's committee. The card comes back
 * with what happened, and from then on says which lesson was sent, instead of the button.
 */
export const lessonFlow: Flow = async (who, { data }, deps) => {
  const reference = typeof data.reference === 'string' ? data.reference.slice(0, 40) : '';
  if (!who.personId) return [textReply(t(who.locale, 'incident.error.forbidden'))];
  const [item, person] = await Promise.all([findIncident(deps.store, reference), findPerson(deps.store, who.personId)]);
  if (!item) return [textReply(t(who.locale, 'incident.error.notFoundRef', { reference }))];
  const rules = deps.incidents.rules;
  const result = await sendLesson(deps.campaigns, rules, item.value, { personId: who.personId, person });
  if (result.outcome === 'forbidden') return [textReply(t(who.locale, 'incident.lesson.forbidden'))];
  const view = cardViewOf(deps, who.locale);
  const committee = (await deps.committees.byCode(item.value.committeeCode))?.administration ?? item.value.committeeCode;
  const moduleTitle = (id: string) => deps.learning.library.byId(id)?.title ?? id;
  const message = (() => {
    switch (result.outcome) {
      case 'created':
        return { kind: 'good' as const, text: t(who.locale, 'incident.lesson.created', { module: moduleTitle(result.campaign.moduleId), committee }) };
      case 'alreadySent':
        return {
          kind: 'attention' as const,
          text: t(who.locale, 'incident.lesson.alreadySent', { module: moduleTitle(result.campaign.moduleId), committee, reference: result.campaign.origin?.incidentReference ?? '', due: formatDay(result.campaign.dueDate, who.locale) }),
        };
      case 'noLesson':
        return { kind: 'attention' as const, text: t(who.locale, 'incident.lesson.none') };
      case 'refused':
        return { kind: 'attention' as const, text: t(who.locale, 'incident.lesson.refused', { reason: result.message }) };
    }
  })();
  return [replaceCard(await incidentCard(view, item, rules, person, message))];
};
