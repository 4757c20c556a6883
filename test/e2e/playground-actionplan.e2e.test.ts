import path from 'node:path';
import { stockholmQuarter } from '../../src/clock/stockholm-time';
import { ARTIFACTS_DIR, openPlayground, type PlaygroundSession } from '../support/playground-session';

describe('in the Agents Playground, as the demo coordinator', () => {
  let session: PlaygroundSession;
  beforeAll(async () => {
    session = await openPlayground('samordnare');
  }, 60_000);
  afterAll(() => session?.close());

  it('opens `mina aktiviteter`, sets a status with a comment, sees the summary, and brings the card back', async () => {
    const { page } = session;
    await page.getByText('Välkommen till Infosäk').waitFor({ timeout: 20_000 });
    // Ten more activities this quarter, so that the card is as long as a busy quarter's.
    const { year, quarter } = stockholmQuarter(new Date());
    const titles = ['Registerförteckningar', 'Riskanalys', 'Kontinuitetsplanering', 'Översyn styrdokument', 'Incidenthantering', 'Utbildning & information ledningsnivå', 'Utbildning nämnder och styrelser', 'Övningar', 'Behörighetshantering', 'Tvåfaktorsautentisering'];
    for (const [i, title] of titles.entries()) {
      const activityId = `${year}-e2e-${i}`;
      await session.app.store.activities.create(`activity:${activityId}`, { year, activityId, area: 'Styrning', title, description: '', quarters: [quarter], committees: ['SN'] });
    }
    await session.send('mina aktiviteter');
    const card = page.locator('.ac-adaptiveCard', { hasText: 'Socialnämnden' }).filter({ hasText: /Handlingsplan \d{4}, kvartal \d/ }).last();
    await card.waitFor({ timeout: 20_000 });
    await card.getByText('Pågående: arbetet är igång men inte klart').waitFor();
    const box = (await card.boundingBox())!;
    await session.screenshot('playground-actionplan-card');
    // The widest cards, at 1280 px as Teams shows them: no text cut at the card's width.
    expect(await session.cutTexts()).toEqual([]);
    await card.screenshot({ path: path.join(ARTIFACTS_DIR, 'playground-actionplan-card-whole.png') });
    // One line per activity: the card for eleven activities, with its Save button, fits in about a screen.
    expect(await card.getByRole('combobox').count()).toBeGreaterThanOrEqual(11);
    expect(box.height).toBeLessThan(900);
    // The first activity: choose Pågående. The Playground may re-render the card (and reset the choice)
    // as it settles, so choose again until the choice holds.
    const picker = card.getByRole('combobox').first();
    for (let attempt = 0; attempt < 4; attempt++) {
      await picker.click();
      await page.getByRole('option', { name: 'Pågående', exact: true }).click();
      await new Promise((r) => setTimeout(r, 500));
      if ((await picker.inputValue()) === 'Pågående') break;
    }
    expect(await picker.inputValue()).toBe('Pågående');
    // The comment box is hidden until its "Kommentar" is pressed.
    const comment = card.getByRole('textbox', { name: /Kommentar/ }).first();
    expect(await comment.isVisible()).toBe(false);
    await card.getByRole('button', { name: 'Kommentar', exact: true }).first().click();
    await comment.waitFor({ state: 'visible' });
    await comment.fill('Arbetet har kommit igång.');
    await session.screenshot('playground-actionplan-comment');
    await card.getByRole('button', { name: 'Spara status' }).click();
    await page.getByText(/Sparat av Sara Lind, /).first().waitFor({ timeout: 30_000 });
    await page.getByText('→ Pågående').first().waitFor();
    await session.screenshot('playground-actionplan-saved');
    // The widest cards, at 1280 px as Teams shows them: no text cut at the card's width.
    expect(await session.cutTexts()).toEqual([]);
    const saved = (await session.app.store.activityStatuses.query({ field: 'year', op: 'eq', value: year })).map((s) => s.value);
    expect(saved).toEqual([expect.objectContaining({ committeeCode: 'SN', status: 'Pågående', comment: 'Arbetet har kommit igång.', setBy: 'a1a1a1a1-0000-4000-8000-000000000002' })]);
    await page.getByRole('button', { name: 'Ändra igen' }).last().click();
    await page.getByText(/Nu: Pågående \(Sara Lind/).first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Spara status' }).last().waitFor();
    await session.screenshot('playground-actionplan-again');
  }, 120_000);
});
