import { swedishIn } from '../support/swedish-words';
import { allCards } from './card-samples';

/** What a person reads on a card: every string the card shows, not its ids, verbs or data. */
function shownTexts(card: unknown, out: string[] = [], hiddenValues = false): string[] {
  if (Array.isArray(card)) card.forEach((c) => shownTexts(c, out, hiddenValues));
  else if (card && typeof card === 'object') {
    // An input's value and a choice's value are stored values, sent back and never shown as such.
    const isInput = String((card as { type?: unknown }).type ?? '').startsWith('Input.');
    for (const [key, value] of Object.entries(card)) {
      const shown = ['text', 'title', 'label', 'placeholder', 'errorMessage', 'altText', 'fallbackText', 'speak'].includes(key) || (key === 'value' && !isInput && !hiddenValues);
      if (shown && typeof value === 'string') out.push(value);
      else if (key !== 'data' && key !== 'verb' && key !== 'id') shownTexts(value, out, key === 'choices');
    }
  }
  return out;
}

describe('every card in English', () => {
  it.each(allCards('en').map((c) => [`${c.name} (${c.state})`, c.card] as const))('%s shows no Swedish', (_name, card) => {
    const swedish = shownTexts(card).flatMap((text) => swedishIn(text).map((word) => `${word} in "${text}"`));
    expect(swedish).toEqual([]);
  });

  it('the check finds Swedish when it is there', () => {
    const swedish = allCards('sv').flatMap(({ card }) => shownTexts(card).flatMap(swedishIn));
    expect(swedish.length).toBeGreaterThan(50);
  });
});
