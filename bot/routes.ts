import { helpFlow } from './flows/help-flow';
import { notEnabledFlow, statusLinkFlow } from './flows/pointer-flows';
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

const reportIncident = notEnabledFlow('feature.incidents');
const myIncidents = notEnabledFlow('feature.myIncidents');
const learning = notEnabledFlow('feature.learning');
const myActivities = notEnabledFlow('feature.activities');

/** Checked in order: the first match wins, so whole phrases come before single words. */
export const TEXT_ROUTES: TextRoute[] = [
  { name: 'help', phrases: ['hjälp', 'hjalp', 'help', '?', 'kommandon', 'commands', 'meny', 'menu'], flow: helpFlow },
  { name: 'incident.mine', phrases: ['mina incidenter', 'mina rapporter', 'my incidents', 'my reports'], flow: myIncidents },
  { name: 'actionplan.mine', phrases: ['mina aktiviteter', 'aktiviteter', 'handlingsplan', 'my activities'], flow: myActivities },
  { name: 'learning.list', phrases: ['utbildning', 'utbildningar', 'min utbildning', 'training', 'my training', 'learning'], flow: learning },
  { name: 'status', phrases: ['status', 'öppna status', 'open status'], flow: statusLinkFlow },
  {
    name: 'incident.start',
    words: ['rapportera', 'rapport', 'anmäl', 'anmäla', 'anmälan', 'incident', 'incidenten', 'brist', 'report', 'weakness'],
    flow: reportIncident,
  },
];

/** Card actions by verb (Action.Submit data.verb, or Action.Execute verb). */
export const CARD_VERBS: Record<string, Flow> = {
  help: helpFlow,
  'incident.start': reportIncident,
  'learning.list': learning,
  'actionplan.mine': myActivities,
};

export function routeText(text: string): TextRoute | undefined {
  const normalised = text.toLocaleLowerCase('sv-SE').replace(/[.!]+$/, '').trim();
  const words = new Set(normalised.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  return TEXT_ROUTES.find((r) => r.phrases?.includes(normalised) || r.words?.some((w) => words.has(w)));
}
