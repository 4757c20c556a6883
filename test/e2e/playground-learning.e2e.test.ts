import { loadConfig } from '../../src/config/config';
import { loadModuleLibrary } from '../../src/learning/module-library';
import { openPlayground, type PlaygroundSession } from '../support/playground-session';

const natfiske = loadModuleLibrary(loadConfig({}).learning.dir).byId('natfiske')!;
const rightAnswer = (q: number) => natfiske.quiz[q]!.choices.find((c) => c.correct)!.text;

describe('in the Agents Playground, as the demo staff member', () => {
  let session: PlaygroundSession;
  beforeAll(async () => {
    session = await openPlayground('medarbetare');
  }, 60_000);
  afterAll(() => session?.close());

  it('starts a module with `utbildning`, steps through it, passes the quiz and sees the completion', async () => {
    const { page } = session;
    await page.getByText('Välkommen till Infosäk').waitFor({ timeout: 20_000 });
    await session.send('utbildning');
    const list = page.locator('.ac-adaptiveCard', { hasText: 'Din utbildning' }).last();
    await list.waitFor({ timeout: 20_000 });
    // The first module in the list is the most urgent one; every module starts with the same ”Starta”.
    await list.getByRole('button', { name: 'Starta', exact: true }).first().click();
    // The same card now shows the module, one step at a time.
    const card = page.locator('.ac-adaptiveCard', { hasText: natfiske.title }).last();
    for (let i = 0; i < natfiske.steps.length; i++) {
      await card.getByText(`Steg ${i + 1} av ${natfiske.steps.length}`).waitFor({ timeout: 20_000 });
      await card.getByText(natfiske.steps[i]!.title, { exact: true }).waitFor();
      await card.getByRole('button', { name: i + 1 === natfiske.steps.length ? 'Till frågorna' : 'Nästa' }).click();
    }
    for (let q = 0; q < natfiske.quiz.length; q++) {
      await card.getByText(`Fråga ${q + 1} av ${natfiske.quiz.length}`).waitFor({ timeout: 20_000 });
      const choice = card.getByRole('radio', { name: rightAnswer(q) });
      // The Playground may re-render the card as it settles and clear the choice: choose until it holds.
      for (let attempt = 0; attempt < 4 && !(await choice.isChecked()); attempt++) {
        await choice.check();
        await new Promise((r) => setTimeout(r, 500));
      }
      await card.getByRole('button', { name: 'Svara' }).click();
      await card.getByText('Rätt!').waitFor({ timeout: 20_000 });
      if (q + 1 < natfiske.quiz.length) await card.getByRole('button', { name: 'Nästa fråga' }).click();
    }
    await card.getByText(`Godkänt – ${natfiske.quiz.length} av ${natfiske.quiz.length} rätt`).waitFor({ timeout: 20_000 });
    await session.screenshot('playground-learning-passed');
    const completions = (await session.app.store.completions.query({ field: 'personId', op: 'eq', value: 'a1a1a1a1-0000-4000-8000-000000000001' })).map((c) => c.value);
    expect(completions).toEqual([expect.objectContaining({ moduleId: 'natfiske', moduleVersion: natfiske.version, committeeCode: 'SN', score: 1 })]);
    // And the list shows it done.
    await card.getByRole('button', { name: 'Min utbildning' }).click();
    const done = page.locator('.ac-adaptiveCard', { hasText: 'Din utbildning' }).last();
    await done.getByText('Gör om').waitFor({ timeout: 20_000 });
    await done.getByText('Du har 10 av 11 utbildningar kvar.', { exact: false }).waitFor({ timeout: 20_000 });
    await session.screenshot('playground-learning-list');
  }, 120_000);

  it('after a failed quiz, sums up every question with its feedback', async () => {
    const { page } = session;
    const list = page.locator('.ac-adaptiveCard', { hasText: 'Din utbildning' }).last();
    await list.getByRole('button', { name: 'Gör om' }).first().click();
    const card = page.locator('.ac-adaptiveCard', { hasText: natfiske.title }).last();
    await card.getByText(`Steg 1 av ${natfiske.steps.length}`).waitFor({ timeout: 20_000 });
    for (let i = 0; i < natfiske.steps.length; i++) {
      await card.getByText(`Steg ${i + 1} av ${natfiske.steps.length}`).waitFor({ timeout: 20_000 });
      await card.getByRole('button', { name: i + 1 === natfiske.steps.length ? 'Till frågorna' : 'Nästa' }).click();
    }
    const wrongAnswer = (q: number) => natfiske.quiz[q]!.choices.find((c) => !c.correct)!.text;
    for (let q = 0; q < natfiske.quiz.length; q++) {
      await card.getByText(`Fråga ${q + 1} av ${natfiske.quiz.length}`).first().waitFor({ timeout: 20_000 });
      const choice = card.getByRole('radio', { name: wrongAnswer(q) });
      for (let attempt = 0; attempt < 4 && !(await choice.isChecked()); attempt++) {
        await choice.check();
        await new Promise((r) => setTimeout(r, 500));
      }
      await card.getByRole('button', { name: 'Svara' }).click();
      await card.getByText('Inte rätt').first().waitFor({ timeout: 20_000 });
      if (q + 1 < natfiske.quiz.length) await card.getByRole('button', { name: 'Nästa fråga' }).click();
    }
    await card.getByText(`Inte godkänt än – 0 av ${natfiske.quiz.length} rätt`).waitFor({ timeout: 20_000 });
    await card.getByText('Dina svar', { exact: true }).waitFor();
    for (const q of natfiske.quiz) await card.getByText(q.choices.find((c) => !c.correct)!.feedback).waitFor();
    await session.screenshot('playground-learning-failed');
  }, 120_000);
});
