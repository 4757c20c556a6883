import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { demoPersonByPersona } from '../../src/demo/demo-organisation';
import { quarterActivities } from '../../src/actionplan/quarter-activities';
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

  it('lets the systemägare record a risk analysis with its measures, and the coordinator set one done and plan another', async () => {
    await as('Erik Holm – Förvaltningschef, Socialförvaltningen');
    await page.getByRole('button', { name: 'Trygghetslarm' }).click();
    const dialog = page.getByRole('dialog', { name: 'Trygghetslarm' });
    await dialog.getByText('Ingen riskanalys är registrerad.').waitFor();
    await dialog.getByRole('button', { name: 'Registrera riskanalys' }).click();
    await dialog.getByLabel('Analysdatum').fill('2026-11-20');
    await dialog.getByLabel('Sammanfattning av analysen').fill('Larmmottagningen saknar reservväg vid avbrott i mobilnätet.');
    await dialog.getByRole('button', { name: 'Lägg till åtgärd' }).click();
    await dialog.getByRole('group', { name: 'Åtgärd 1' }).getByLabel('Vad ska göras').fill('Avtala om reservlarm via fast förbindelse');
    await dialog.getByRole('group', { name: 'Åtgärd 1' }).getByLabel('Klart senast').fill('2027-03-31');
    await dialog.getByRole('button', { name: 'Lägg till åtgärd' }).click();
    await dialog.getByRole('group', { name: 'Åtgärd 2' }).getByLabel('Vad ska göras').fill('Öva larmmottagningen vid avbrott');
    await dialog.getByRole('group', { name: 'Åtgärd 2' }).getByLabel('Klart senast').fill('2026-11-10');
    await dialog.getByRole('button', { name: 'Spara riskanalysen' }).click();
    await dialog.getByText('Riskanalysen och dess åtgärder är sparade.').waitFor();
    await dialog.getByText('Larmmottagningen saknar reservväg', { exact: false }).waitFor();
    // The measure past its date says so in words.
    await dialog.locator('li[data-measure]').filter({ hasText: 'Öva larmmottagningen' }).getByText('Försenad').waitFor();
    // Erik does not plan the nämnd's work: no such button for him.
    expect(await dialog.getByRole('button', { name: 'Lägg i handlingsplanen' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Stäng' }).click();

    await as('Sara Lind – Informationssäkerhetssamordnare');
    await page.getByRole('button', { name: 'Trygghetslarm' }).click();
    const hers = page.getByRole('dialog', { name: 'Trygghetslarm' });
    const drill = hers.locator('li[data-measure]').filter({ hasText: 'Öva larmmottagningen' });
    await drill.getByLabel('Status').selectOption({ label: 'Genomförd' });
    await hers.getByText('Åtgärdens status är sparad.').waitFor();
    const backup = hers.locator('li[data-measure]').filter({ hasText: 'Avtala om reservlarm' });
    await backup.getByRole('button', { name: 'Lägg i handlingsplanen' }).click();
    await backup.getByLabel('Klart senast').selectOption({ label: 'Kvartal 1 2027' });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'status-tab-asset-dialog.png'), fullPage: true });
    await hers.screenshot({ path: path.join(ARTIFACTS_DIR, 'readme-asset-dialog.png') });
    await backup.getByRole('button', { name: 'Skapa åtgärd' }).click();
    await hers.getByText('Åtgärden ligger nu i nämndens handlingsplan').waitFor();
    await backup.getByText('i handlingsplanen 2027, kvartal 1').waitFor();
    const q1 = await quarterActivities(app.store, 2027, 1, 'SN');
    expect(q1.map((a) => a.activity.title)).toContain('Avtala om reservlarm via fast förbindelse');
    await hers.getByRole('button', { name: 'Stäng' }).click();
    // The register's counts follow.
    const sn = page.getByRole('table', { name: 'Kritiska system per nämnd' }).locator('[data-committee="SN"]');
    expect((await sn.getByRole('cell').allInnerTexts()).map((c) => c.replace(/\u00a0/g, ' ').trim())).toEqual(['Socialnämnden', '3', '1 av 3 (33 %)', '1 av 3 (33 %)', '1', '0']);
  });

  it('opens for a systemägare with no other role on their own systems, and nothing else', async () => {
    const [asset] = await app.store.assets.query({ field: 'assetId', op: 'eq', value: 'kfn-bibliotek' });
    await app.store.assets.update(asset!.id, asset!.etag, { systemOwnerId: demoPersonByPersona('medarbetare')!.id });
    await page.goto(`${app.url}/tab/`);
    await page.getByLabel('Vem är du? (demoläge)').selectOption({ label: 'Anna Andersson – Handläggare, Socialförvaltningen' });
    await page.getByRole('heading', { name: 'Informationstillgångar', exact: true }).waitFor();
    await page.getByText('Du ser de tillgångar du är systemägare för.').waitFor();
    expect(await page.getByRole('table', { name: 'Tillgångarna' }).locator('[data-asset]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-asset')))).toEqual(['kfn-bibliotek']);
    expect(await page.getByRole('button', { name: 'Översikt' }).count()).toBe(0);
    expect(await page.getByLabel('Nämnd').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('lets the security officer add an asset in the Administration part, which then shows in the register', async () => {
    await page.goto(`${app.url}/tab/`);
    await page.getByLabel('Vem är du? (demoläge)').selectOption({ label: 'Johan Berg – Informationssäkerhetsansvarig' });
    await page.getByRole('button', { name: 'Administration', exact: true }).click();
    const form = page.locator('section[aria-labelledby="asset-form-heading"]');
    await form.waitFor();
    await form.getByRole('textbox', { name: /^Id\b/ }).fill('bun-skolskjuts');
    await form.getByRole('textbox', { name: /^Namn\b/ }).fill('Skolskjutsplanering');
    await form.getByRole('combobox', { name: /^Nämnd/ }).selectOption({ label: 'Barn- och utbildningsnämnden' });
    await form.getByLabel('Kritikalitet', { exact: true }).selectOption({ label: 'Verksamhetskritisk' });
    await form.getByLabel('Konfidentialitet', { exact: true }).selectOption('2');
    await form.getByRole('button', { name: 'Lägg till i registret' }).click();
    // The levels without the rest of the classification: the file's own words, nothing saved.
    await form.getByText('riktighet: en nivå 0–4 behövs när tillgången är klassad').waitFor();
    await form.getByLabel('Riktighet', { exact: true }).selectOption('2');
    await form.getByLabel('Tillgänglighet', { exact: true }).selectOption('3');
    await form.getByLabel('Klassad', { exact: true }).fill('2026-11-20');
    await form.getByRole('button', { name: 'Lägg till i registret' }).click();
    await form.getByText('Skolskjutsplanering är tillagd i registret.').waitFor();
    await form.getByRole('button', { name: 'Spara ändringen' }).waitFor();
    await form.screenshot({ path: path.join(ARTIFACTS_DIR, 'readme-asset-form.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Informationstillgångar' }).click();
    await page.getByRole('table', { name: 'Tillgångarna' }).locator('[data-asset="bun-skolskjuts"]').getByText('Verksamhetskritisk').waitFor();
  });
});
