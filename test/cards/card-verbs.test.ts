import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CARD_ACTIONS, cardActionFor, TEXT_ROUTES } from '../../bot/routes';
import { VERBS } from '../../bot/cards/verbs';
import { projectRoot } from '../../src/config/config';
import { allCards, verbsIn } from './card-samples';

/** The verb table checked both ways against what the cards really send. */
describe('card verbs', () => {
  const sent = new Set(allCards('sv').flatMap(({ card }) => [...verbsIn(card)]));
  // Literal verbs in the templates themselves, whatever data fills them.
  const cardsDir = path.join(projectRoot(), 'bot', 'cards');
  const inTemplates = readdirSync(cardsDir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => [...readFileSync(path.join(cardsDir, f), 'utf8').matchAll(/"verb":\s*"([^"$]+)"/g)].map((m) => m[1]!));

  it('has a route for every verb a card sends', () => {
    const unrouted = [...sent, ...inTemplates].filter((verb) => !cardActionFor(verb));
    expect(unrouted).toEqual([]);
  });

  it('has no route whose verb no card or command sends', () => {
    const commands = new Set(TEXT_ROUTES.map((r) => r.name));
    const unused = Object.keys(CARD_ACTIONS).filter((verb) => !sent.has(verb) && !inTemplates.includes(verb) && !commands.has(verb));
    expect(unused).toEqual([]);
    expect(Object.keys(CARD_ACTIONS).sort()).toEqual([...VERBS].sort());
  });

  it('finds no flow for names an object inherits', () => {
    for (const verb of ['toString', 'valueOf', 'constructor', '__proto__', 'hasOwnProperty', '']) expect(cardActionFor(verb)).toBeUndefined();
  });
});
