import { myActivitiesFlow, saveStatusesFlow } from './flows/actionplan-flows';
import type { Flow } from './flows/flow';
import { helpFlow } from './flows/help-flow';
import { actionFormFlow, assessmentFlow, createActionFlow, draftFlow, myIncidentsFlow, openIncidentFlow, refreshIncidentFlow, startIncidentFlow, submitIncidentFlow, triageFlow } from './flows/incident-flows';
import { learningListFlow, moveInModuleFlow, startModuleFlow } from './flows/learning-flows';
import { lessonFlow } from './flows/lesson-flow';
import { statusLinkFlow } from './flows/pointer-flows';
import { isVerb, type Verb } from './cards/verbs';

/**
 * Routing as data: a message or a card verb names a flow. Adding a command or a card action is
 * one line here and one function in flows/.
 */
interface TextRoute {
  name: string;
  /** Whole-message phrases, lower case. */
  phrases?: string[];
  /** Words that, anywhere in the message, mean this route. */
  words?: string[];
  flow: Flow;
}

/** Checked in order: the first match wins, so whole phrases come before single words. */
export const TEXT_ROUTES: readonly TextRoute[] = [
  { name: 'help', phrases: ['hjälp', 'hjalp', 'help', '?', 'kommandon', 'commands', 'meny', 'menu'], flow: helpFlow },
  { name: 'incident.mine', phrases: ['mina incidenter', 'mina rapporter', 'my incidents', 'my reports'], flow: myIncidentsFlow },
  { name: 'actionplan.mine', phrases: ['mina aktiviteter', 'aktiviteter', 'handlingsplan', 'my activities'], flow: myActivitiesFlow },
  { name: 'learning.list', phrases: ['utbildning', 'utbildningar', 'min utbildning', 'training', 'my training', 'learning'], flow: learningListFlow },
  { name: 'status', phrases: ['status', 'öppna status', 'open status'], flow: statusLinkFlow },
  {
    name: 'incident.start',
    words: ['rapportera', 'rapport', 'anmäl', 'anmäla', 'anmälan', 'incident', 'incidenten', 'brist', 'report', 'weakness'],
    flow: startIncidentFlow,
  },
];

/**
 * The verb table: every card verb and its flow (Action.Execute, and the Action.Submit fallback).
 * Typed by the verb list, so a verb without a flow does not compile.
 */
export const CARD_ACTIONS: Readonly<Record<Verb, Flow>> = {
  'incident.start': startIncidentFlow,
  'incident.submit': submitIncidentFlow,
  'incident.refresh': refreshIncidentFlow,
  'incident.acknowledge': triageFlow('incident.acknowledge'),
  'incident.assignToMe': triageFlow('incident.assignToMe'),
  'incident.severity': triageFlow('incident.severity'),
  'incident.status': triageFlow('incident.status'),
  'incident.deadlineDone': triageFlow('incident.deadlineDone'),
  'incident.close': triageFlow('incident.close'),
  'incident.open': openIncidentFlow,
  'incident.assessment': assessmentFlow,
  'incident.assess': triageFlow('incident.assess'),
  'incident.draft': draftFlow,
  'incident.actionForm': actionFormFlow,
  'incident.createAction': createActionFlow,
  'incident.lesson': lessonFlow,
  'actionplan.mine': myActivitiesFlow,
  'actionplan.save': saveStatusesFlow,
  'learning.list': learningListFlow,
  'learning.start': startModuleFlow,
  'learning.next': moveInModuleFlow('next'),
  'learning.back': moveInModuleFlow('back'),
  'learning.answer': moveInModuleFlow('answer'),
};

/** The flow for a verb a card sent; anything else (including "toString" and other inherited names) has none. */
export function cardActionFor(verb: unknown): Flow | undefined {
  return isVerb(verb) && Object.hasOwn(CARD_ACTIONS, verb) ? CARD_ACTIONS[verb] : undefined;
}

export function routeText(text: string): TextRoute | undefined {
  const normalised = text.toLocaleLowerCase('sv-SE').replace(/[.!]+$/, '').trim();
  const words = new Set(normalised.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  return TEXT_ROUTES.find((r) => r.phrases?.includes(normalised) || r.words?.some((w) => words.has(w)));
}
