import { CardFactory } from 'botbuilder';
import { myActivitiesFlow, saveStatusesFlow } from './flows/actionplan-flows';
import { helpFlow } from './flows/help-flow';
import { myIncidentsFlow, refreshIncidentFlow, startIncidentFlow, submitIncidentFlow, triageFlow, type CardReply } from './flows/incident-flows';
import { learningListFlow, moveInModuleFlow, startModuleFlow } from './flows/learning-flows';
import { statusLinkFlow } from './flows/pointer-flows';
import type { Turn } from './flows/turn';

/**
 * Routing as data: a message or a card verb names a flow. Adding a command or a card action is
 * one line here and one function in flows/.
 */
export type Flow = (turn: Turn) => Promise<void>;

interface TextRoute {
  name: string;
  /** Whole-message phrases, lower case. */
  phrases?: string[];
  /** Words that, anywhere in the message, mean this route. */
  words?: string[];
  flow: Flow;
}

/** Sends what a card flow answered as a message: for typed commands and Action.Submit. */
export async function sendReply(turn: Turn, reply: CardReply): Promise<void> {
  await turn.context.sendActivity('card' in reply ? { attachments: [CardFactory.adaptiveCard(reply.card)] } : reply.text);
}

const reportIncident: Flow = async (turn) => sendReply(turn, await startIncidentFlow(turn));
const myIncidents: Flow = async (turn) => sendReply(turn, await myIncidentsFlow(turn));
const learning: Flow = async (turn) => sendReply(turn, await learningListFlow(turn));

/** Checked in order: the first match wins, so whole phrases come before single words. */
export const TEXT_ROUTES: TextRoute[] = [
  { name: 'help', phrases: ['hjälp', 'hjalp', 'help', '?', 'kommandon', 'commands', 'meny', 'menu'], flow: helpFlow },
  { name: 'incident.mine', phrases: ['mina incidenter', 'mina rapporter', 'my incidents', 'my reports'], flow: myIncidents },
  { name: 'actionplan.mine', phrases: ['mina aktiviteter', 'aktiviteter', 'handlingsplan', 'my activities'], flow: myActivitiesFlow },
  { name: 'learning.list', phrases: ['utbildning', 'utbildningar', 'min utbildning', 'training', 'my training', 'learning'], flow: learning },
  { name: 'status', phrases: ['status', 'öppna status', 'open status'], flow: statusLinkFlow },
  {
    name: 'incident.start',
    words: ['rapportera', 'rapport', 'anmäl', 'anmäla', 'anmälan', 'incident', 'incidenten', 'brist', 'report', 'weakness'],
    flow: reportIncident,
  },
];

/** Buttons that start a conversation flow (Action.Submit with data.verb). */
export const CARD_VERBS: Record<string, Flow> = {
  help: helpFlow,
  'incident.start': reportIncident,
  'actionplan.mine': myActivitiesFlow,
};

/**
 * Card actions that answer with a card (Action.Execute, and their Action.Submit fallback): the
 * verb table. Adding an action is one line here and one function in flows/.
 */
export type CardAction = (turn: Turn, data: Record<string, unknown>) => Promise<CardReply>;

const triage = (verb: string): CardAction => (turn, data) => triageFlow(turn, verb, data, turn.deps.incidents);

export const CARD_ACTIONS: Record<string, CardAction> = {
  'incident.start': (turn) => startIncidentFlow(turn),
  'incident.submit': (turn, data) => submitIncidentFlow(turn, data, turn.deps.incidents),
  'incident.refresh': (turn, data) => refreshIncidentFlow(turn, data, turn.deps.incidents),
  'incident.mine': (turn) => myIncidentsFlow(turn),
  'actionplan.save': (turn, data) => saveStatusesFlow(turn, data),
  'learning.list': (turn) => learningListFlow(turn),
  'learning.start': (turn, data) => startModuleFlow(turn, data),
  'learning.next': (turn, data) => moveInModuleFlow(turn, 'next', data),
  'learning.back': (turn, data) => moveInModuleFlow(turn, 'back', data),
  'learning.answer': (turn, data) => moveInModuleFlow(turn, 'answer', data),
  ...Object.fromEntries(
    ['incident.acknowledge', 'incident.assignToMe', 'incident.severity', 'incident.status', 'incident.deadlineDone', 'incident.close'].map((verb) => [verb, triage(verb)]),
  ),
};

export function routeText(text: string): TextRoute | undefined {
  const normalised = text.toLocaleLowerCase('sv-SE').replace(/[.!]+$/, '').trim();
  const words = new Set(normalised.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  return TEXT_ROUTES.find((r) => r.phrases?.includes(normalised) || r.words?.some((w) => words.has(w)));
}
