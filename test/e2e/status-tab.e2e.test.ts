import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PLAN_FILE } from '../../src/demo/seed-demo-data';
import { startTestApp } from '../support/app-harness';
import { launchChromium } from '../support/chromium';
import { seriousViolations } from '../support/axe';
import { ARTIFACTS_DIR } from '../support/playground-session';
import { incident as incidentFor } from '../contract/store-contract';

/** The 2022 follow-up as the seed document states it: activity title → status. */
const plan2022 = JSON.parse(readFileSync(DEMO_PLAN_FILE, 'utf8')) as {
  activities: { activityId: string; title: string; quarters: number[]; committees: string[]; followUp?: { status: string; comment: string } }[];
};

describe('the status tab in Chromium', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    app = await startTestApp({}, { clock: { now: () => new Date('2026-11-23T09:00:00Z') } });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  beforeEach(async () => {
    page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  });
  afterEach(() => page.close());

  const open = async (persona: string, query = '') => {
    await page.goto(`${app.url}/tab/${query}`);
    await page.getByLabel('Vem är du? (demoläge)').selectOption({ label: persona });
  };

  it('shows the security officer every committee and the 2022 plan of Kommunstyrelsen exactly as in the follow-up', async () => {
    await open('Johan Berg – Informationssäkerhetsansvarig');
    await page.getByText('Inloggad som Johan Berg').waitFor();
    const overview = page.getByRole('table', { name: 'Översikt' });
    await overview.waitFor();
    expect(await overview.locator('[data-committee]').count()).toBe(5);
    await page.getByLabel('År').selectOption('2022');
    await page.getByLabel('Nämnd', { exact: true }).selectOption({ label: 'Kommunstyrelsen' });
    const grid = page.getByRole('table', { name: 'Handlingsplan' });
    await grid.waitFor();
    await page.getByRole('heading', { name: 'Kommunstyrelsen 2022' }).waitFor();
    // Each quarter shows its own status: the year-end follow-up is where the activity stood in its last
    // quarter; earlier quarters have none. An activity whose last quarter passed without it done is marked late there.
    for (const a of plan2022.activities) {
      const row = grid.locator(`[data-activity="${a.activityId}"]`);
      const last = Math.max(...a.quarters);
      for (const q of [1, 2, 3, 4]) {
        const cell = row.locator(`[data-quarter="${q}"]`);
        if (q === last) expect((await cell.locator('[data-status]').getAttribute('data-status')) ?? '').toBe(a.followUp!.status);
        else expect(await cell.locator('[data-status]').count()).toBe(0);
        const late = q === last && !['Genomförd', 'Flyttas till nästa år'].includes(a.followUp!.status);
        expect(await cell.locator('[data-late]').count()).toBe(late ? 1 : 0);
      }
    }
    // 2022 is over: no quarter is the current one
    expect(await grid.locator('[data-current]').count()).toBe(0);
    // The comment and who set it (the import, on the day the demo was seeded), on click; and written out under the activity without hovering.
    const register = plan2022.activities.find((a) => a.title === 'Registerförteckningar')!;
    await grid.locator(`[data-activity="${register.activityId}"]`).getByRole('button', { name: 'Visa kommentarer' }).click();
    await grid.locator(`[data-comments="${register.activityId}"]`).getByText(register.followUp!.comment.slice(0, 40), { exact: false }).waitFor();
    await grid.locator(`[data-activity="${register.activityId}"] [data-quarter="3"] button`).click();
    const popover = page.getByRole('dialog', { name: 'Registerförteckningar' }).or(page.locator('.fui-PopoverSurface'));
    await popover.getByText(register.followUp!.comment.slice(0, 40), { exact: false }).waitFor();
    await popover.getByText(/Satt av uppföljningen \(import\), 2026-11-23/).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'status-tab-committee-2022.png'), fullPage: true });
    await page.keyboard.press('Escape');
    expect(await seriousViolations(page)).toEqual([]);
    // This year, the quarter we are in (the app's clock says 23 November 2026) is the shaded one
    // Another nämnd has its own (demo) statuses, not the follow-up's words about the municipality.
    await page.getByLabel('Nämnd', { exact: true }).selectOption({ label: 'Barn- och utbildningsnämnden' });
    await page.getByRole('heading', { name: 'Barn- och utbildningsnämnden 2022' }).waitFor();
    await grid.locator(`[data-activity="${register.activityId}"]`).getByRole('button', { name: 'Visa kommentarer' }).click();
    await grid.locator(`[data-comments="${register.activityId}"]`).getByText('Demo:', { exact: false }).waitFor();
    expect(await grid.textContent()).not.toContain('Socialförvaltningen');
    expect(await grid.locator('[data-activity="2022-incidenthantering"]').count()).toBe(0);
    await page.getByLabel('År', { exact: true }).selectOption('2026');
    await page.getByRole('heading', { name: 'Barn- och utbildningsnämnden 2026' }).waitFor();
    await grid.getByRole('columnheader', { name: 'Kvartal 4 (nu)' }).waitFor();
    expect(await grid.locator('[data-current] ').count()).toBeGreaterThan(0);
    expect(await grid.locator('[data-current]:not([data-quarter="4"])').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'status-tab-committee-2026.png'), fullPage: true });
  }, 60_000);

  it('exports the year’s follow-up as CSV', async () => {
    await open('Johan Berg – Informationssäkerhetsansvarig', '?committee=SN');
    await page.getByLabel('År').selectOption('2022');
    await page.getByRole('heading', { name: 'Socialnämnden 2022' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportera CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('uppfoljning-SN-2022.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFnämnd;område;aktivitet;kvartal;status;kommentar;ändrad av;ändrad');
    expect(csv).toContain('Socialnämnden;Nätverk;Registerförteckningar;Kvartal 3;Delvis genomförd;"Demo: ');
    // One row per activity of the nämnd and quarter it runs in (the central function's activities are Kommunstyrelsen's)
    const ofSn = plan2022.activities.filter((a) => a.committees.includes('*') || a.committees.includes('SN'));
    expect(csv.trim().split('\r\n')).toHaveLength(ofSn.reduce((n, a) => n + a.quarters.length, 0) + 1);
    expect(csv).not.toContain('Incidenthantering');
    expect(csv).toContain('Socialnämnden;Nätverk;Registerförteckningar;Kvartal 2;;;;');
  }, 60_000);

  it('follows the theme as it changes, and stays accessible in dark and high contrast', async () => {
    await open('Erik Holm – Förvaltningschef, Socialförvaltningen');
    await page.getByRole('table', { name: 'Översikt' }).waitFor();
    const background = () => page.evaluate("getComputedStyle(document.querySelector('.fui-FluentProvider')).backgroundColor") as Promise<string>;
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    // A locator, not waitForFunction: the page's CSP (script-src 'self') refuses the eval a string predicate needs when it has to poll.
    await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
    expect(await background()).not.toBe(light);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'status-tab-overview-dark.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${app.url}/tab/?theme=contrast`);
    await page.getByRole('table', { name: 'Översikt' }).waitFor();
    expect(await page.evaluate('document.documentElement.dataset.theme')).toBe('contrast');
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'status-tab-overview-contrast.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('shows a manager only their own committee, with figures but no incident list', async () => {
    await open('Erik Holm – Förvaltningschef, Socialförvaltningen');
    const overview = page.getByRole('table', { name: 'Översikt' });
    await overview.waitFor();
    expect(await overview.locator('[data-committee]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-committee')))).toEqual(['SN']);
    await page.getByRole('button', { name: 'Socialnämnden' }).click();
    await page.getByRole('heading', { name: 'Socialnämnden 2026' }).waitFor();
    await page.getByText('Du ser siffror; enskilda incidenter visas för').waitFor();
    expect(await page.getByRole('table', { name: 'Incidenter i nämnden' }).count()).toBe(0);
    await page.keyboard.press('Tab');
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('shows an elected official their own nämnd’s plan and incident figures, but no incident and no other nämnd', async () => {
    await app.store.incidents.create('per-sn', incidentFor('INC-2026-8001', { committeeCode: 'SN', reportedAt: '2026-05-04T08:00:00.000Z' }));
    await app.store.incidents.create('per-kfn', incidentFor('INC-2026-8002', { committeeCode: 'KFN', category: 'avbrott', reportedAt: '2026-10-04T08:00:00.000Z' }));
    await open('Per Nilsson – Ledamot, Socialnämnden');
    const overview = page.getByRole('table', { name: 'Översikt' });
    await overview.waitFor();
    expect(await overview.locator('[data-committee]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-committee')))).toEqual(['SN']);
    expect(await page.getByLabel('Nämnd', { exact: true }).locator('option').allTextContents()).toEqual(['Välj nämnd', 'Socialnämnden']);
    expect(await page.getByRole('button', { name: 'Personuppgiftsincidenter' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Socialnämnden' }).click();
    await page.getByRole('heading', { name: 'Socialnämnden 2026' }).waitFor();
    expect(await page.getByRole('table', { name: 'Handlingsplan' }).locator('[data-activity]').count()).toBeGreaterThan(0);
    // The committee view reads fresh (the overview's figures may be cached from earlier cases).
    const figures = page.getByRole('table', { name: 'Incidenter', exact: true });
    await figures.getByText('Nätfiske eller bedrägeriförsök').waitFor();
    expect(await figures.getByRole('row').last().innerText()).toMatch(/^Totalt\s+0\s+1\s+0\s+0\s+1$/);
    await page.getByText('Du ser siffror; enskilda incidenter visas för').waitFor();
    expect(await page.getByRole('table', { name: 'Incidenter i nämnden' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Öppna', exact: true }).count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toMatch(/INC-2026|Avbrott eller störning/);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'status-tab-elected-official.png'), fullPage: true });
    // As in the manager's case: the button pressed was replaced by the view, focus fell to <body>, where Fluent's
    // focus manager (tabster) keeps its aria-hidden focus guards until the next Tab.
    await page.keyboard.press('Tab');
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('shows hostile text in incident descriptions and status comments as text, and runs none of it', async () => {
    const corpus = [
      '<img src=x onerror="window.__xss=1">',
      '<script>window.__xss=1</script>',
      '"><svg onload=window.__xss=1>',
      '<a href="javascript:window.__xss=1">klicka</a>',
      "'; window.__xss=1; //",
      '{{constructor.constructor(\'window.__xss=1\')()}}',
      '${window.__xss=1}',
      '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
      '</td></tr></table><b onmouseover=window.__xss=1>tabell</b>',
      '&lt;script&gt;window.__xss=1&lt;/script&gt;',
    ];
    for (const [n, payload] of corpus.entries()) {
      const ref = `INC-2026-${String(9000 + n)}`;
      await app.store.incidents.create(`xss-${n}`, { ...incidentFor(ref), description: payload });
    }
    const statuses = await app.store.activityStatuses.query({ field: 'committeeCode', op: 'eq', value: 'SN' });
    const current = statuses.filter((s) => s.value.year === 2026).slice(0, corpus.length);
    for (const [n, item] of current.entries()) await app.store.activityStatuses.update(item.id, item.etag, { comment: corpus[n]!, status: 'Påbörjad' });

    await open('Johan Berg – Informationssäkerhetsansvarig', '?committee=SN');
    const list = page.getByRole('table', { name: 'Incidenter i nämnden' });
    await list.waitFor();
    for (const payload of corpus) expect(await list.getByText(payload, { exact: true }).count()).toBe(1);
    // Open every comment, and the print view, where comments are written out.
    const cells = page.locator('[data-activity] button');
    for (let i = 0; i < Math.min(await cells.count(), corpus.length); i++) {
      await cells.nth(i).hover();
      await page.waitForTimeout(50);
    }
    await page.emulateMedia({ media: 'print' });
    for (const payload of corpus) expect(await page.getByText(payload, { exact: false }).count()).toBeGreaterThan(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(await page.locator('main img, main svg[onload], main iframe, main script').count()).toBe(0);
  }, 60_000);

  it('tells a staff member without a managing role why the tab shows nothing', async () => {
    await open('Anna Andersson – Handläggare, Socialförvaltningen');
    // Who may see it and how to get access, as information: not an error with a retry that cannot help.
    await page.locator('[data-no-access]').getByText('Statusfliken är inte öppen för dig').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
  }, 60_000);
});
