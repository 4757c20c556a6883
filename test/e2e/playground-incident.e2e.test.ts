import type { Locator } from 'playwright-core';
import { openPlayground, type PlaygroundSession } from '../support/playground-session';

/** Waits until an input shows a value: the pickers fill their input a moment after the click. */
async function filled(input: Locator): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const value = await input.inputValue();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('fältet fylldes aldrig i');
}

describe('in the Agents Playground, as a staff member', () => {
  let session: PlaygroundSession;
  beforeAll(async () => {
    session = await openPlayground('medarbetare');
  }, 60_000);
  afterAll(() => session?.close());

  it('reports an incident through the card and gets a receipt with a reference', async () => {
    const { page } = session;
    await page.getByText('Välkommen till Infosäk').waitFor({ timeout: 20_000 });
    // A staff member coordinates nothing and has no status tab: the welcome card offers neither
    const welcome = page.locator('.ac-adaptiveCard', { hasText: 'Välkommen till Infosäk' }).first();
    await welcome.getByRole('button', { name: 'Rapportera incident' }).waitFor();
    expect(await welcome.getByText('Mina aktiviteter', { exact: true }).count()).toBe(0);
    expect(await welcome.getByText('Öppna status', { exact: true }).count()).toBe(0);
    await session.send('rapportera');
    const form = page.locator('.ac-adaptiveCard', { hasText: 'Rapportera incident eller brist' }).last();
    await form.waitFor({ timeout: 20_000 });
    // Teams marks a required input itself: the label carries no asterisk of its own
    expect(await form.getByText(/\*\s*\*/).count()).toBe(0);
    await form.getByText(/^Konfidentialitet – /).waitFor();
    // The Playground renders cards with Fluent UI, as Teams does: comboboxes, a date picker, a time picker.
    // It also re-renders its messages now and then (new activity, the minute on timestamps), which resets a
    // card's inputs as a person fills them in; so fill, let it settle, and fill again if anything was reset.
    const category = form.getByPlaceholder('Välj …');
    const description = form.locator('textarea').first();
    const date = form.getByPlaceholder('Select a date...').first();
    const time = form.getByPlaceholder('Select a time...').first();
    // The system, searched for in the register (a filtered list, as Teams shows it), with the free text beside it.
    const system = form.getByPlaceholder('Sök på systemets namn');
    const fillForm = async () => {
      await category.click();
      await page.getByRole('option', { name: 'Nätfiske eller bedrägeriförsök' }).click();
      await description.fill('Ett mejl bad mig logga in på en falsk sida. Jag klickade men skrev inget lösenord.');
      await date.click();
      await page.getByRole('dialog').getByRole('button', { name: /today|idag/i }).or(page.getByRole('dialog').locator('[aria-current="date"], .fui-CalendarDayGrid__dayIsToday button, button[aria-current]')).first().click();
      await time.click();
      await page.getByRole('option').first().click();
      await system.fill('');
      await system.pressSequentially('trygg');
      await page.getByRole('option', { name: 'Trygghetslarm', exact: true }).click();
    };
    const allFilled = async () => (await Promise.all([category, description, date, time, system].map((input) => input.inputValue()))).every(Boolean);
    const receipt = page.getByText(/Referens: INC-\d{4}-\d{4}/).first();
    // A re-render can also reset the inputs between the last look and the press: the bot then answers with the
    // form and what is missing, and the person fills it in again — as this does, a few times at most.
    for (let send = 0; send < 3 && !(await receipt.isVisible()); send++) {
      for (let attempt = 0; attempt < 4; attempt++) {
        await fillForm();
        await filled(time);
        await new Promise((r) => setTimeout(r, 500));
        if (await allFilled()) break;
      }
      expect(await category.inputValue()).toBe('Nätfiske eller bedrägeriförsök');
      if (send === 0) await session.screenshot('playground-incident-form');
      await form.getByRole('button', { name: 'Skicka rapporten' }).click();
      // The receipt replaces the form within a second or two; if the form came back instead, fill it again.
      await receipt.waitFor({ timeout: 15_000 }).catch(() => undefined);
    }
    await receipt.waitFor({ timeout: 30_000 });
    await page.getByText('Tack! Din rapport är mottagen').first().waitFor();
    // What to do now, for phishing, from the rules file
    await page.getByText('Det här gör du nu').first().waitFor();
    await page.getByText(/^Klicka inte på länkar/).first().waitFor();
    await session.screenshot('playground-incident-receipt');
    // The widest cards, at 1280 px as Teams shows them: no text cut at the card's width.
    expect(await session.cutTexts()).toEqual([]);
    const stored = await session.app.store.incidents.query();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.value).toMatchObject({ category: 'natfiske', committeeCode: 'SN', status: 'Ny', assetId: 'sn-trygghetslarm', affectedSystem: 'Trygghetslarm' });
  }, 60_000);
});
