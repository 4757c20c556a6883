import { CARD_TEMPLATES, type CardName } from '../../bot/cards/card-templates';
import { allCards } from './card-samples';

/**
 * What Teams does with a required input, checked on every card: it adds its own `*` to the label
 * (so a label with one of its own shows two), and shows the input's errorMessage when the person
 * sends it empty (so without one the person is told nothing, and a message that repeats the label
 * does not say what to do).
 */
type Element = Record<string, unknown>;

/** Every list of elements in a card (body, a container's items, a column's items), with each element's neighbours. */
function elementLists(node: unknown, out: Element[][] = []): Element[][] {
  if (Array.isArray(node)) {
    if (node.some((e) => e && typeof e === 'object' && 'type' in e)) out.push(node.filter((e): e is Element => Boolean(e && typeof e === 'object')));
    node.forEach((e) => elementLists(e, out));
  } else if (node && typeof node === 'object') Object.values(node).forEach((v) => elementLists(v, out));
  return out;
}

const isRequiredInput = (e: Element) => String(e.type ?? '').startsWith('Input.') && e.isRequired === true;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const hasOwnAsterisk = (s: string) => /(^|\s)\*(\s|$)|\*\s*$/.test(s);

/** What is wrong with the card's required inputs, in words a failing test can show. */
function requiredInputProblems(card: unknown): string[] {
  const problems: string[] = [];
  for (const list of elementLists(card)) {
    list.forEach((element, i) => {
      if (!isRequiredInput(element)) return;
      const id = String(element.id ?? '?');
      const label = text(element.label);
      if (hasOwnAsterisk(label)) problems.push(`${id}: the label "${label}" has its own *`);
      // A TextBlock standing in for the label, just above the input (an Input.Toggle has no label of its own).
      const before = list[i - 1];
      if (before?.type === 'TextBlock' && /\*\s*$/.test(text(before.text))) problems.push(`${id}: the text above it, "${text(before.text)}", has its own *`);
      const message = text(element.errorMessage);
      if (!message) problems.push(`${id}: isRequired without an errorMessage`);
      else if (label && message.replace(/\s*\*$/, '') === label.replace(/\s*\*$/, '')) problems.push(`${id}: the errorMessage only repeats the label "${label}"`);
    });
  }
  return problems;
}

describe('required inputs, in every card template as written', () => {
  it.each(Object.keys(CARD_TEMPLATES) as CardName[])('%s: each isRequired input has an errorMessage', (name) => {
    // Bound texts are checked filled in below; here that none is missing in a state no sample shows.
    const missing = elementLists(CARD_TEMPLATES[name])
      .flat()
      .filter((e) => isRequiredInput(e) && !text(e.errorMessage))
      .map((e) => String(e.id));
    expect(missing).toEqual([]);
  });
});

describe.each(['sv', 'en'] as const)('required inputs, in every card as sent (%s)', (locale) => {
  const cards = allCards(locale);

  it('the samples include forms with required inputs, so the check below can find something', () => {
    expect(cards.filter((c) => elementLists(c.card).flat().some(isRequiredInput)).map((c) => c.name)).toEqual(expect.arrayContaining(['incidentForm']));
  });

  it.each(cards.map((c) => [`${c.name} (${c.state})`, c.card] as const))('%s: no label with its own *, every required input says what to do', (_name, card) => {
    expect(requiredInputProblems(card)).toEqual([]);
  });
});

describe('the check', () => {
  it('finds a doubled asterisk, a missing errorMessage and one that repeats the label', () => {
    const card = {
      type: 'AdaptiveCard',
      body: [
        { type: 'Input.Text', id: 'a', label: 'Beskrivning *', isRequired: true, errorMessage: 'Beskriv vad som har hänt' },
        { type: 'TextBlock', text: 'Godkänner du? *' },
        { type: 'Input.Toggle', id: 'b', title: 'Ja', isRequired: true },
        { type: 'Container', items: [{ type: 'Input.Date', id: 'c', label: 'Datum', isRequired: true, errorMessage: 'Datum' }] },
        { type: 'Input.Text', id: 'd', label: 'Fritt', errorMessage: '' },
      ],
    };
    expect(requiredInputProblems(card)).toEqual([
      'a: the label "Beskrivning *" has its own *',
      'b: the text above it, "Godkänner du? *", has its own *',
      'b: isRequired without an errorMessage',
      'c: the errorMessage only repeats the label "Datum"',
    ]);
  });
});
