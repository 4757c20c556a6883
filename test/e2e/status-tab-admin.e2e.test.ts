import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp } from '../support/app-harness';
import { seriousViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { ARTIFACTS_DIR } from '../support/playground-session';

/**
 * The Administration part as the security officer uses it, in Chromium: the campaigns with their
 * figures, a new campaign made in the form (a mistake first, told in Swedish), its card sent to
 * herself; and the data protection officer, who reads it without the actions.
 */
describe('the Administration part of the status tab', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    app = await startTestApp({}, { clock: { now: () => new Date('2026-11-24T09:00:00Z') } });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const as = async (persona: string) => {
    await page.goto(`${app.url}/tab/`);
    await page.getByLabel('Vem är du? (demoläge)').selectOption({ label: persona });
    await page.getByRole('button', { name: 'Administration' }).click();
    await page.getByRole('heading', { name: 'Administration – Kampanjer' }).waitFor();
  };

  it('lets the security officer create a campaign in the form, after a mistake told in Swedish, and send its card to herself', async () => {
    await as('Johan Berg – Informationssäkerhetsansvarig');
    const list = page.getByRole('table', { name: 'Kampanjer' });
    // The demo's two running campaigns, with their figures.
    await list.getByText('Pågår').first().waitFor();

    const form = page.getByRole('form', { name: 'Ny kampanj' });
    await form.getByLabel('Modul').selectOption({ label: 'Nätfiske och bedrägeriförsök' });
    await form.getByLabel('Målgrupp').selectOption({ label: 'Nämnder' });
    await form.getByLabel('Kultur- och fritidsnämnden').check();
    await form.getByLabel('Startdatum').fill('2026-12-07');
    await form.getByLabel('Slutdatum').fill('2026-12-01');
    await form.getByRole('button', { name: 'Skapa kampanj' }).click();
    await page.getByText('slutdatum ligger före startdatum').waitFor();
    expect(await app.store.campaigns.getByKey('natfiske-kfn-2026-12-07')).toBeUndefined();

    await form.getByLabel('Slutdatum').fill('2027-01-15');
    await form.getByRole('button', { name: 'Skapa kampanj' }).click();
    await page.getByText('Kampanjen Nätfiske och bedrägeriförsök är skapad och startar 2026-12-07.').waitFor();
    const row = list.locator('[data-campaign="natfiske-kfn-2026-12-07"]');
    await row.getByText('Planerad').waitFor();
    await row.getByText('Kultur- och fritidsnämnden').waitFor();
    expect(await app.store.campaigns.getByKey('natfiske-kfn-2026-12-07')).toMatchObject({ value: { audience: 'namnder', committeeCodes: ['KFN'], dueDate: '2027-01-15' } });

    await row.getByRole('button', { name: 'Skicka till mig' }).click();
    await page.getByText('Kortet för Nätfiske och bedrägeriförsök är på väg till din chatt med Infosäk.').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'status-tab-admin-campaigns.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows the data protection officer the campaigns without the actions or the form', async () => {
    await as('Maria Ek – Dataskyddsombud');
    await page.getByText('Du kan läsa administrationen; ändringar gör informationssäkerhetsansvarig.').waitFor();
    expect(await page.getByRole('button', { name: 'Avsluta' }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Ny kampanj' }).count()).toBe(0);
  });

  it('offers no Administration to a coordinator', async () => {
    await page.goto(`${app.url}/tab/`);
    await page.getByLabel('Vem är du? (demoläge)').selectOption({ label: 'Sara Lind – Informationssäkerhetssamordnare' });
    await page.getByText('Inloggad som Sara Lind').waitFor();
    await page.getByRole('button', { name: 'Översikt' }).waitFor();
    expect(await page.getByRole('button', { name: 'Administration' }).count()).toBe(0);
  });
});
