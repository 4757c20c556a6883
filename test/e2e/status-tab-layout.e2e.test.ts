import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp } from '../support/app-harness';
import { launchChromium } from '../support/chromium';
import { ARTIFACTS_DIR } from '../support/playground-session';
import { incident } from '../contract/store-contract';

/**
 * What a person sees before they read a single figure: the page before anyone is chosen, someone
 * the status is not for, and the overview and a committee in light, dark and high contrast and in
 * print — with the layout defects a screenshot shows checked in the page itself: a heading sharing
 * its line with text, a badge's text spilling over its border, a page wider than 1024 px.
 */
interface LayoutDefects {
  headingsSharingALine: string[];
  overflowingBadges: string[];
  /** Table cells whose text runs over into the next one. */
  overflowingCells: string[];
  horizontalScroll: number;
  /** Tables (by name) reaching past the window's right edge: what makes it scroll sideways. */
  tablesTooWide: string[];
  emptyHeaders: number;
  doubledFullStops: string[];
}

/** Runs in the page (as text: the tests are compiled without the DOM's types). */
const LAYOUT_DEFECTS = `(() => {
    const visible = (e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
    };
    const headings = [...document.querySelectorAll('main h2, header h1')].filter(visible);
    const textual = [...document.querySelectorAll('main *, header *')].filter((e) => visible(e) && e.children.length === 0 && (e.textContent ?? '').trim() !== '');
    // A heading shares its line when any text outside it overlaps the heading's band of lines.
    const headingsSharingALine = headings
      .filter((h) => {
        const hr = h.getBoundingClientRect();
        return textual.some((e) => {
          if (h.contains(e)) return false;
          const r = e.getBoundingClientRect();
          return r.top < hr.bottom - 2 && r.bottom > hr.top + 2;
        });
      })
      .map((h) => h.textContent ?? '');
    const overflowingBadges = [...document.querySelectorAll('.fui-Badge')]
      .filter((b) => visible(b) && (b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1))
      .map((b) => b.textContent ?? '');
    const overflowingCells = [...document.querySelectorAll('td, th')].filter((c) => visible(c) && c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent ?? '');
    const tablesTooWide = [...document.querySelectorAll('table')]
      .filter((tb) => visible(tb) && tb.getBoundingClientRect().right > window.innerWidth + 1)
      .map((tb) => tb.getAttribute('aria-label') ?? tb.getAttribute('aria-labelledby') ?? '');
    const emptyHeaders = [...document.querySelectorAll('th')].filter((th) => visible(th) && (th.textContent ?? '').trim() === '').length;
    const doubledFullStops = [...document.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label') ?? '').filter((l) => /\\.\\s*\\./.test(l));
    return { headingsSharingALine, overflowingBadges, overflowingCells, horizontalScroll: document.documentElement.scrollWidth - window.innerWidth, tablesTooWide, emptyHeaders, doubledFullStops };
})()`;

async function layoutDefects(page: Page): Promise<LayoutDefects> {
  return page.evaluate<LayoutDefects>(LAYOUT_DEFECTS);
}

const NONE: LayoutDefects = { headingsSharingALine: [], overflowingBadges: [], overflowingCells: [], horizontalScroll: 0, tablesTooWide: [], emptyHeaders: 0, doubledFullStops: [] };

describe('the status tab as it looks', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    app = await startTestApp({}, { clock: { now: () => new Date('2026-11-23T09:00:00Z') } });
    // Incidents in Socialnämnden, so that the committee view has its list (with an unassessed severity).
    await app.store.incidents.create('k1', incident('INC-2026-0001', { committeeCode: 'SN', personalData: true, description: 'Ett mejl med personuppgifter gick till fel mottagare i en annan kommun.' }));
    await app.store.incidents.create('k2', incident('INC-2026-0002', { committeeCode: 'SN', kind: 'weakness', severity: 'medel' }));
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
  });
  afterEach(() => page.close());

  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS_DIR, `status-tab-${name}.png`), fullPage: true });
  const choose = (persona: string) => page.getByLabel('Vem är du? (demoläge)').selectOption({ label: persona });

  it('asks who you are before anything else, and tells someone the status is not for who may see it, with no error', async () => {
    await page.goto(`${app.url}/tab/`);
    await page.getByText('Välj vem du är ovan för att se statusen.').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await shot('first-open');
    await choose('Anna Andersson – Handläggare, Socialförvaltningen');
    await page.getByText('Statusfliken är inte öppen för dig').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Försök igen' }).count()).toBe(0);
    await shot('no-access');
  });

  it.each(['default', 'dark', 'contrast'])('lays out the overview and a committee without defects at 1024 px (%s theme)', async (theme) => {
    await page.goto(`${app.url}/tab/?theme=${theme}`);
    await choose('Johan Berg – Informationssäkerhetsansvarig');
    await page.getByRole('table', { name: 'Översikt' }).waitFor();
    expect(await layoutDefects(page)).toEqual(NONE);
    // A committee's name in the overview is a link, and looks like one.
    const link = page.getByRole('table', { name: 'Översikt' }).getByRole('button', { name: 'Socialnämnden' });
    expect(await link.evaluate((e) => e.className)).toContain('fui-Link');
    await shot(`overview-${theme}`);
    await link.click();
    await page.getByRole('table', { name: 'Incidenter i nämnden' }).waitFor();
    expect(await layoutDefects(page)).toEqual(NONE);
    // Every column of the incident list is named; an unassessed severity says so.
    await page.getByRole('table', { name: 'Incidenter i nämnden' }).getByText('Ej bedömd').waitFor();
    await shot(`committee-${theme}`);
  });

  it('prints a committee without the demo line and with every badge inside its border', async () => {
    await page.goto(`${app.url}/tab/`);
    await choose('Johan Berg – Informationssäkerhetsansvarig');
    await page.getByLabel('Nämnd', { exact: true }).selectOption({ label: 'Socialnämnden' });
    await page.getByRole('table', { name: 'Handlingsplan' }).waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByText('Inloggad som Johan Berg').isVisible()).toBe(false);
    expect((await layoutDefects(page)).overflowingBadges).toEqual([]);
    await shot('committee-print');
  });
});
