import * as ACData from 'adaptivecards-templating';
import actionPlanCard from './actionplan-card.json';
import helpCard from './help-card.json';
import incidentActionCard from './incident-action-card.json';
import incidentAssessmentCard from './incident-assessment-card.json';
import incidentCard from './incident-card.json';
import incidentDraftCard from './incident-draft-card.json';
import incidentFormCard from './incident-form-card.json';
import incidentListCard from './incident-list-card.json';
import incidentMessageFormCard from './incident-message-form-card.json';
import incidentReceiptCard from './incident-receipt-card.json';
import learningListCard from './learning-list-card.json';
import learningModuleCard from './learning-module-card.json';
import welcomeCard from './welcome-card.json';

/** Every card template the bot sends, by name. The card test parses each of them. */
export const CARD_TEMPLATES = {
  welcome: welcomeCard,
  help: helpCard,
  incidentForm: incidentFormCard,
  incidentMessageForm: incidentMessageFormCard,
  incidentReceipt: incidentReceiptCard,
  incident: incidentCard,
  incidentAssessment: incidentAssessmentCard,
  incidentDraft: incidentDraftCard,
  incidentAction: incidentActionCard,
  incidentList: incidentListCard,
  actionPlan: actionPlanCard,
  learningModule: learningModuleCard,
  learningList: learningListCard,
} as const;
export type CardName = keyof typeof CARD_TEMPLATES;

/** Teams refuses a message whose card payload exceeds about 28 KB. */
export const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;

/** An Adaptive Card as plain JSON, ready to send. */
export type AdaptiveCard = Record<string, unknown>;

/** Binds a template to data with adaptivecards-templating; the result is a plain Adaptive Card object. */
export function renderCard(name: CardName, data: object): AdaptiveCard {
  const template = new ACData.Template(CARD_TEMPLATES[name]);
  return template.expand({ $root: data }) as AdaptiveCard;
}

/** A card as a message attachment, the shape the Bot Connector expects: for replies and proactive messages alike. */
export function cardAttachment(card: AdaptiveCard): { contentType: string; content: AdaptiveCard } {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}
