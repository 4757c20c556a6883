import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { incident as incidentFor } from '../contract/store-contract';
import { startTestApp } from '../support/app-harness';
import { launchChromium } from '../support/chromium';
import { ARTIFACTS_DIR } from '../support/playground-session';
import { swedishIn } from '../support/swedish-words';

/** Strings the API sends that are records (names, titles, comments): the municipality's own words, not the tab's texts. */
function recordStrings(body: unknown, into: Set<string>, key = ''): void {
  // Category labels and refusal reasons are texts the API translates: they are checked, not excluded.
  if (key === 'categories' || key === 'reason') return;
  if (typeof body === 'string') into.add(body);
  else if (Array.isArray(body)) body.forEach((b) => recordStrings(b, into));
  else if (body && typeof body === 'object') for (const [k, v] of Object.entries(body)) recordStrings(v, into, k);
}

describe('the status tab with DEFAULT_LOCALE=en', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  let page: Page;
  const records = new Set<string>();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    app = await startTestApp({ DEFAULT_LOCALE: 'en' }, { clock: { now: () => new Date('2026-11-23T09:00:00Z') } });
    await app.store.incidents.create('en-1', incidentFor('INC-2026-0001', { status: 'Under utredning', severity: 'hög', description: 'A phishing mail' }));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('response', async (res) => {
      if (!res.url().includes('/api/tab/') || !res.headers()['content-type']?.includes('json')) return;
      recordStrings(await res.json().catch(() => undefined), records);
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** What the page shows that is not a record: every line with the records' own words taken out. */
  const swedishOnPage = async () => {
    let text = await page.locator('body').innerText();
    for (const r of [...records].sort((a, b) => b.length - a.length)) if (r.length > 1) text = text.split(r).join(' ');
    return text.split('\n').flatMap((line) => swedishIn(line).map((word) => `${word} in "${line.trim()}"`));
  };

  it('shows the demo picker, the overview and a committee in English only', async () => {
    await page.goto(`${app.url}/tab/`);
    await page.getByLabel('Who are you? (demo mode)').selectOption({ label: 'Johan Berg – Informationssäkerhetsansvarig' });
    await page.getByText('Signed in as Johan Berg').waitFor();
    await page.getByRole('table', { name: 'Overview' }).waitFor();
    expect(await swedishOnPage()).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'status-tab-overview-en.png'), fullPage: true });

    await page.getByLabel('Committee', { exact: true }).selectOption({ label: 'Socialnämnden' });
    await page.getByRole('table', { name: 'Action plan' }).waitFor();
    await page.getByText('INC-2026-0001').waitFor();
    expect(await page.getByText('Under investigation').count()).toBeGreaterThan(0);
    expect(await swedishOnPage()).toEqual([]);
    await page.getByLabel('Year').selectOption('2022');
    const done = page.locator('[data-status="Genomförd"]').first();
    await done.waitFor();
    expect(await done.innerText()).toContain('Done');
    expect(await swedishOnPage()).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'status-tab-committee-en.png'), fullPage: true });
  }, 60_000);

  it('tells a staff member without a managing role why, in English', async () => {
    await page.goto(`${app.url}/tab/`);
    await page.getByLabel('Who are you? (demo mode)').selectOption({ label: 'Anna Andersson – Handläggare, Socialförvaltningen' });
    await page.locator('[data-no-access]').getByText('The status tab is not open to you').waitFor();
    expect(await swedishOnPage()).toEqual([]);
  }, 60_000);
});
