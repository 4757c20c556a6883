import { openPlayground, type PlaygroundSession } from '../support/playground-session';

describe('in the Agents Playground, as the demo coordinator', () => {
  let session: PlaygroundSession;
  beforeAll(async () => {
    session = await openPlayground('samordnare');
  }, 60_000);
  afterAll(() => session?.close());

  it('opens `mina aktiviteter`, sets an activity to Genomförd, and sees the card show it', async () => {
    const { page } = session;
    await page.getByText('Välkommen till Infosäk').waitFor({ timeout: 20_000 });
    await session.send('mina aktiviteter');
    const card = page.locator('.ac-adaptiveCard', { hasText: 'Socialnämnden' }).filter({ hasText: /Handlingsplan \d{4}, kvartal \d/ }).last();
    await card.waitFor({ timeout: 20_000 });
    const title = (await card.locator('.ac-textBlock').nth(2).textContent())!.trim();
    // The first activity's status picker shows its current status; choose Genomförd. The Playground may
    // re-render the card (and reset the choice) as it settles, so choose again until the choice holds.
    const picker = card.getByRole('combobox').first();
    for (let attempt = 0; attempt < 4; attempt++) {
      await picker.click();
      await page.getByRole('option', { name: 'Genomförd', exact: true }).click();
      await new Promise((r) => setTimeout(r, 500));
      if ((await picker.inputValue()) === 'Genomförd') break;
    }
    expect(await picker.inputValue()).toBe('Genomförd');
    await card.getByRole('button', { name: 'Spara status' }).click();
    await page.getByText(`Sparat: ${title}.`).first().waitFor({ timeout: 30_000 });
    await page.getByText(/Nu: Genomförd \(Sara Lind/).first().waitFor();
    await session.screenshot('playground-actionplan-saved');
    const year = Number(/Handlingsplan (\d{4})/.exec((await card.textContent())!)![1]);
    const saved = (await session.app.store.activityStatuses.query({ field: 'year', op: 'eq', value: year })).map((s) => s.value);
    expect(saved).toEqual([expect.objectContaining({ committeeCode: 'SN', status: 'Genomförd', setBy: 'a1a1a1a1-0000-4000-8000-000000000002' })]);
  }, 90_000);
});
