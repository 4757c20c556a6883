/**
 * Every verb a card can send (Action.Execute's verb, or data.verb of an Action.Submit). The route
 * table must have a flow for each (the compiler checks), and a test checks that each is sent by
 * some card and that every card sends only these.
 */
export const VERBS = [
  'incident.start',
  'incident.submit',
  'incident.refresh',
  'incident.acknowledge',
  'incident.assignToMe',
  'incident.severity',
  'incident.status',
  'incident.deadlineDone',
  'incident.close',
  'incident.open',
  'incident.assessment',
  'incident.assess',
  'incident.draft',
  'incident.actionForm',
  'incident.createAction',
  'incident.lesson',
  'actionplan.mine',
  'actionplan.save',
  'learning.list',
  'learning.start',
  'learning.next',
  'learning.back',
  'learning.answer',
] as const;
export type Verb = (typeof VERBS)[number];

export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && (VERBS as readonly string[]).includes(value);
}
