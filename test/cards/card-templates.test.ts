import { CARD_TEMPLATES, renderCard, TEAMS_CARD_LIMIT_BYTES, type CardName } from '../../bot/cards/card-templates';
import { helpCardData, welcomeCardData } from '../../bot/cards/card-data';
import { adaptiveCardProblems } from '../support/adaptive-card-validation';

/** Data for each template, as the flows fill it in; the test fails for a template without sample data. */
const SAMPLES: Record<CardName, object> = {
  welcome: welcomeCardData('sv', 'http://localhost:3978/tab/'),
  help: helpCardData('sv', 'Du är Sara Lind – informationssäkerhetssamordnare i Socialnämnden.', 'http://localhost:3978/tab/'),
};

describe.each(Object.keys(CARD_TEMPLATES) as CardName[])('card template %s', (name) => {
  const template = CARD_TEMPLATES[name];

  it('is an Adaptive Card of schema 1.5', () => {
    expect(template).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  });

  it('parses without a single warning, as a template and once filled in', () => {
    expect(adaptiveCardProblems(template)).toEqual([]);
    expect(adaptiveCardProblems(renderCard(name, SAMPLES[name]))).toEqual([]);
  });

  it('leaves no binding unfilled and stays under Teams’ size limit', () => {
    const json = JSON.stringify(renderCard(name, SAMPLES[name]));
    expect(json).not.toContain('${');
    expect(Buffer.byteLength(json)).toBeLessThan(TEAMS_CARD_LIMIT_BYTES);
  });
});

describe('the validator', () => {
  it('does complain about a broken card, so the checks above can fail', () => {
    const problems = adaptiveCardProblems({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'NoSuchElement' }, { type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }],
    });
    expect(problems.length).toBeGreaterThanOrEqual(2);
  });
});
