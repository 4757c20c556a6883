// The UMD bundle: the package's ES module build cannot be loaded by Node (extensionless imports).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

/** Parses a card as a Teams client would and returns every parse and validation message. */
export function adaptiveCardProblems(card: object): string[] {
  const adaptiveCard = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(new AC.Version(1, 5));
  adaptiveCard.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of adaptiveCard.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  return problems;
}
