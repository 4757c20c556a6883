import sv from '../../src/i18n/sv.json';
import en from '../../src/i18n/en.json';
import { feedbackWithoutVerdict, learningListData } from '../../bot/cards/learning-card-data';
import { moduleIntroCard, modulePositionCard } from '../../bot/cards/learning-cards';
import { renderCard } from '../../bot/cards/card-templates';
import { loadConfig } from '../../src/config/config';
import { t, type Locale } from '../../src/i18n/texts';
import type { LearningModule } from '../../src/learning/learning-module';
import { loadModuleLibrary, libraryOf } from '../../src/learning/module-library';
import { startState } from '../../src/learning/module-steps';
import { adaptiveCardProblems } from '../support/adaptive-card-validation';

const library = loadModuleLibrary(loadConfig({}).learning.dir);
const settingsFor = (modules: LearningModule[], passScore = 0.8) => ({ library: libraryOf(modules), passScore, secret: 'k'.repeat(32) });

/** The titles of a card's buttons. */
const buttonTitles = (card: object) => ((card as { actions?: { title: string }[] }).actions ?? []).map((a) => a.title);

/** The texts a card shows, in reading order. */
function shownTexts(card: unknown, out: string[] = []): string[] {
  if (Array.isArray(card)) card.forEach((c) => shownTexts(c, out));
  else if (card && typeof card === 'object') {
    for (const [key, value] of Object.entries(card)) {
      if (['text', 'title', 'label', 'errorMessage', 'altText'].includes(key) && typeof value === 'string') out.push(value);
      else if (key !== 'data' && key !== 'verb' && key !== 'id') shownTexts(value, out);
    }
  }
  return out;
}

/** Every text a module shows: steps, questions, choices and feedback. */
const textsOf = (m: LearningModule) => [m.title, m.summary, ...m.steps.flatMap((s) => [s.title, s.text]), ...m.quiz.flatMap((q) => [q.question, ...q.choices.flatMap((c) => [c.text, c.feedback])])];
const wholeText = (id: string) => textsOf(library.byId(id)!).join('\n');

/** The card after answering question q with `choice`, the earlier questions answered right. */
function answeredCard(locale: Locale, module: LearningModule, q: number, choice: number) {
  const right = (i: number) => module.quiz[i]!.choices.findIndex((c) => c.correct);
  const state = { ...startState(module), p: module.steps.length + q, a: [...module.quiz.slice(0, q).map((_, i) => right(i)), choice] };
  return modulePositionCard(locale, settingsFor([module]), 'a1', module, state);
}

/** ”Rätt!” directly followed by a text that starts with ”Rätt” again (and the same for the other verdicts). */
function doubledVerdicts(card: unknown): string[] {
  const texts = shownTexts(card);
  const verdicts = [sv['learning.card.right'], sv['learning.card.wrong'], en['learning.card.right'], en['learning.card.wrong']];
  return texts.flatMap((text, i) =>
    verdicts.includes(text) && /^\s*(rätt|fel|inte rätt|correct|right|wrong|not quite)\b/iu.test(texts[i + 1] ?? '') ? [`${text} ${texts[i + 1]}`] : [],
  );
}

describe('the verdict is said once', () => {
  const cases = library.modules.flatMap((m) => m.quiz.flatMap((q, qi) => q.choices.map((_, ci) => [m.id, qi, ci] as const)));

  it.each(cases)('%s, question %i, choice %i: no ”Rätt!” followed by ”Rätt.”', (id, q, choice) => {
    const card = answeredCard('sv', library.byId(id)!, q, choice);
    expect(doubledVerdicts(card)).toEqual([]);
  });

  it('module files do not open feedback with a verdict of their own', () => {
    const echoes = library.modules.flatMap((m) => m.quiz.flatMap((q) => q.choices.filter((c) => /^\s*(rätt|fel|inte rätt)\s*[.!:,–-]/iu.test(c.feedback)).map((c) => `${m.id}: ${c.feedback}`)));
    expect(echoes).toEqual([]);
  });

  it('a new module file that does open with ”Rätt.” still shows the word once', () => {
    const base = library.byId('natfiske')!;
    const echoing: LearningModule = {
      ...base,
      quiz: base.quiz.map((q) => ({ ...q, choices: q.choices.map((c) => ({ ...c, feedback: c.correct ? `Rätt. ${c.feedback}` : `Fel! ${c.feedback}` })) })),
    };
    for (let q = 0; q < echoing.quiz.length; q++) {
      for (let c = 0; c < echoing.quiz[q]!.choices.length; c++) expect(doubledVerdicts(answeredCard('sv', echoing, q, c))).toEqual([]);
    }
    expect(feedbackWithoutVerdict('Rätt. rapportera det.')).toBe('Rapportera det.');
    expect(feedbackWithoutVerdict('Rätt tillfälle att rapportera.')).toBe('Rätt tillfälle att rapportera.');
    expect(feedbackWithoutVerdict('Correct!')).toBe('Correct!');
  });
});

describe('Swedish quotation marks', () => {
  it('the modules use ”…”, never "…" or “…”', () => {
    const straight = library.modules.flatMap((m) => textsOf(m).filter((text) => /["“„]/.test(text)).map((text) => `${m.id}: ${text}`));
    expect(straight).toEqual([]);
    expect(library.modules.some((m) => textsOf(m).some((text) => /”[^”]+”/.test(text)))).toBe(true);
  });

  it('so do the Swedish training texts', () => {
    const learning = Object.entries(sv).filter(([key, value]) => key.startsWith('learning.') && /["“„]/.test(value));
    expect(learning).toEqual([]);
  });
});

describe('after a quiz with wrong answers, every question is summed up', () => {
  const base = library.byId('losenord-och-tvafaktor')!;
  const right = base.quiz.map((q) => q.choices.findIndex((c) => c.correct));
  const wrong = base.quiz.map((q) => q.choices.findIndex((c) => !c.correct));
  const done = (a: number[]) => modulePositionCard('sv', settingsFor([base]), 'a1', base, { ...startState(base), p: base.steps.length + base.quiz.length - 1, a });

  it('shows each question, the answer given, right or not, and its feedback – not only the last', () => {
    const answers = [wrong[0]!, right[1]!, wrong[2]!];
    const card = done(answers);
    const texts = shownTexts(card);
    expect(texts).toContain('Inte godkänt än – 1 av 3 rätt');
    expect(texts).toContain('Dina svar');
    base.quiz.forEach((q, i) => {
      expect(texts).toContain(`Fråga ${i + 1} av 3`);
      expect(texts).toContain(q.question);
      expect(texts).toContain(`Ditt svar: ${q.choices[answers[i]!]!.text}`);
      expect(texts).toContain(q.choices[answers[i]!]!.feedback);
    });
    expect(texts.filter((x) => x === 'Inte rätt')).toHaveLength(2);
    expect(texts.filter((x) => x === 'Rätt!')).toHaveLength(1);
    expect(buttonTitles(card)).toEqual(['Försök igen', 'Läs igen']);
    expect(adaptiveCardProblems(card)).toEqual([]);
  });

  it('in English too', () => {
    const card = modulePositionCard('en', settingsFor([base]), 'a1', base, { ...startState(base), p: base.steps.length + base.quiz.length - 1, a: wrong });
    const texts = shownTexts(card);
    expect(texts).toContain('Your answers');
    expect(texts.filter((x) => x === 'Not quite')).toHaveLength(3);
  });

  it('a quiz passed with every answer right ends with the last feedback, as before', () => {
    const texts = shownTexts(done(right));
    expect(texts).not.toContain('Dina svar');
    expect(texts).toContain(base.quiz[2]!.choices[right[2]!]!.feedback);
    expect(texts).not.toContain(base.quiz[0]!.choices[right[0]!]!.feedback);
  });
});

describe('the list of training', () => {
  const modules = library.modules;
  const intro = (locale: Locale, left: number, done: number) =>
    learningListData(locale, { left: modules.slice(0, left).map((module) => ({ module })), done: modules.slice(left, left + done).map((module) => ({ module, completedAt: '2026-11-20T09:00:00.000Z' })) }).intro;

  it('says how many are left in natural words, not ”11 kvar av 11”', () => {
    expect(intro('sv', 11, 0)).toBe('Du har 11 utbildningar att gå. Var och en tar högst fem minuter och görs direkt i kortet.');
    expect(intro('sv', 10, 1)).toBe('Du har 10 av 11 utbildningar kvar. Var och en tar högst fem minuter och görs direkt i kortet.');
    expect(intro('sv', 1, 0)).toMatch(/^Du har en utbildning att gå\./);
    expect(intro('en', 11, 0)).toMatch(/^You have 11 modules to take\./);
    expect(intro('en', 3, 8)).toMatch(/^You have 3 of 11 modules left\./);
    for (const [left, done] of [[11, 0], [5, 6], [1, 10], [1, 0]] as const) expect(intro('sv', left, done)).not.toMatch(/\d+ kvar av \d+/);
  });

  it('starts every module with the same label as the invitation, the most urgent one emphasised', () => {
    const data = learningListData('sv', { left: modules.slice(0, 3).map((module) => ({ module })), done: [] });
    expect(new Set(data.left.map((l) => l.action))).toEqual(new Set([t('sv', 'learning.card.start')]));
    const list = renderCard('learningList', data);
    expect(adaptiveCardProblems(list)).toEqual([]);
    const buttons = JSON.stringify(list).match(/"type":"Action.Execute"[^{}]*/g)!;
    expect(buttons).toHaveLength(3);
    expect(buttons.map((b) => b.includes('"style":"positive"'))).toEqual([true, false, false]);
    const invitation = moduleIntroCard('sv', modules[0]!);
    expect(buttonTitles(invitation)).toEqual(['Starta']);
    expect(shownTexts(list)).not.toContain('Starta nu');
  });
});

describe('the module texts say what is true', () => {
  it('molntjanster-och-tredjeland: no EU or EEA country is a third country; names the Data Privacy Framework; the secrecy assessment', () => {
    const text = wholeText('molntjanster-och-tredjeland');
    expect(text).not.toContain('Alla EU- och EES-länder räknas inte som tredjeland');
    expect(text).not.toMatch(/Alla EU[^.]*inte/);
    expect(text).toContain('Inget EU- eller EES-land är alltså ett tredjeland');
    expect(text).toContain('EU–US Data Privacy Framework');
    expect(text).toMatch(/juli 2023[^.]*adekvat skyddsnivå/);
    expect(text).toMatch(/sekretess[^.]*\(OSL\)[^.]*inte lyder under\s+svensk lag[^.]*sekretessbedömning/);
    // The quiz asks about it too, so the text and the quiz agree.
    expect(library.byId('molntjanster-och-tredjeland')!.quiz.some((q) => q.choices.some((c) => c.correct && /sekretessbedömning/.test(c.text)))).toBe(true);
  });

  it('rapportera-brister: what audits of municipalities have found, not a finding about this municipality', () => {
    const text = wholeText('rapportera-brister');
    expect(text).not.toMatch(/Revisionen har visat/i);
    expect(text).toContain('Granskningar av kommuner har visat');
  });

  it('losenord-och-tvafaktor: says what MFA stops and what it does not', () => {
    const module = library.byId('losenord-och-tvafaktor')!;
    const text = wholeText(module.id);
    expect(text).not.toMatch(/kommer\s+angriparen\s+inte\s+in/);
    expect(text).not.toMatch(/Även om lösenordet läcker/);
    expect(text).toContain('Tvåfaktor stoppar inte allt');
    expect(text).toMatch(/sessionen/);
    expect(text).toMatch(/MFA-trötthet\*\* eller push bombing/);
    expect(text).toMatch(/Godkänn därför \*\*aldrig\*\* en inloggning\s+som du inte själv har startat/);
    // The tempting wrong belief is a wrong answer in the quiz.
    const belief = module.quiz.flatMap((q) => q.choices).find((c) => /även om lösenordet läcker/i.test(c.text));
    expect(belief?.correct).toBe(false);
  });

  it('personuppgiftsincident: without undue delay, 72 hours as the outer limit', () => {
    const module = library.byId('personuppgiftsincident')!;
    const step = module.steps[1]!;
    expect(step.text).toContain('**utan onödigt dröjsmål**');
    expect(step.text).toContain('yttersta gränsen');
    const rightAnswer = module.quiz[0]!.choices.find((c) => c.correct)!;
    expect(rightAnswer.text).toMatch(/^Utan onödigt dröjsmål, och senast inom 72 timmar/);
    expect(wholeText('rapportera-brister')).toMatch(/IMY utan\s+onödigt dröjsmål och senast inom 72 timmar/);
  });

  it('forlorad-utrustning: ”Varje minut räknas”', () => {
    const text = wholeText('forlorad-utrustning');
    expect(text).not.toMatch(/^Minuter räknas/m);
    expect(text).toContain('Varje minut räknas');
  });

  it('the corrected modules are a new version, so completions say which text was read', () => {
    for (const id of ['molntjanster-och-tredjeland', 'rapportera-brister', 'losenord-och-tvafaktor', 'personuppgiftsincident']) expect(library.byId(id)!.version).toBeGreaterThanOrEqual(2);
  });
});
