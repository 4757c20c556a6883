import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp } from '../support/app-harness';
import { seriousViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { ARTIFACTS_DIR } from '../support/playground-session';

/** The register of information assets in the status tab, in Chromium: the security officer's view of every nämnd, and a coordinator's of theirs. */
describe('the register of information assets in the status tab', () => {
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
    await page.getByRole('button', { name: 'Informationstillgångar' }).click();
    await page.getByRole('heading', { name: 'Informationstillgångar', exact: true }).waitFor();
  };

  it('shows the security officer each nämnd’s critical systems and every asset with its levels and dates', async () => {
    await as('Johan Berg – Informationssäkerhetsansvarig');
    const coverage = page.getByRole('table', { name: 'Kritiska system per nämnd' });
    const sn = coverage.locator('[data-committee="SN"]');
    const cells = (await sn.getByRole('cell').allInnerTexts()).map((c) => c.replace(/\u00a0/g, ' ').trim());
    expect(cells).toEqual(['Socialnämnden', '3', '1 av 3 (33 %)', '0 av 3 (0 %)', '0', '0']);
    const assets = page.getByRole('table', { name: 'Tillgångarna' });
    const larm = assets.locator('[data-asset="sn-trygghetslarm"]');
    await larm.getByText('Samhällsviktig').waitFor();
    await larm.getByText('Förfallen').waitFor();
    expect(await larm.getByRole('cell').nth(3).getAttribute('aria-label')).toBe('Konfidentialitet 2, riktighet 3, tillgänglighet 4, spårbarhet –');
    await assets.locator('[data-asset="sn-hemtjanst-planering"]').getByText('Inte klassad').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'status-tab-assets.png'), fullPage: true });
    await page.locator('section[aria-labelledby="assets-heading"]').screenshot({ path: path.join(ARTIFACTS_DIR, 'readme-assets.png') });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows a coordinator only the nämnder they coordinate', async () => {
    await as('Sara Lind – Informationssäkerhetssamordnare');
    const coverage = page.getByRole('table', { name: 'Kritiska system per nämnd' });
    expect(await coverage.locator('[data-committee]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-committee')))).toEqual(['SN', 'KFN']);
    expect(await page.getByRole('table', { name: 'Tillgångarna' }).locator('[data-asset="ks-ekonomisystem"]').count()).toBe(0);
  });
});
