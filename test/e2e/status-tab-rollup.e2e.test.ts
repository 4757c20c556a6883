import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { demoPlanStatuses2022 } from '../../src/demo/demo-plan-statuses';
import { DEMO_PLAN_FILE } from '../../src/demo/seed-demo-data';
import type { OverviewResponse } from '../../src/status/status-view-types';
import { startTestApp } from '../support/app-harness';
import { launchChromium } from '../support/chromium';
import { seriousViolations } from '../support/axe';
import { docxParagraphs, docxTables } from '../support/docx-text';
import { ARTIFACTS_DIR } from '../support/playground-session';

/** The 2022 follow-up as the seed document states it: Kommunstyrelsen's status per activity. */
const plan2022 = JSON.parse(readFileSync(DEMO_PLAN_FILE, 'utf8')) as { activities: { activityId: string; title: string; committees: string[]; followUp?: { status: string } }[] };

/** The statuses from not started to done, the order the bar's segments follow. */
const STATUS_ORDER = ['Ej påbörjad', 'Delvis påbörjad', 'Påbörjad', 'Pågående', 'Delvis genomförd', 'Genomförd', 'Flyttas till nästa år'];

/** Where a nämnd stands on a 2022 activity by the seed: its latest quarter's demo status, or for KS the follow-up. */
function seededStanding(activityId: string, committee: string): string {
  if (committee === 'KS') return plan2022.activities.find((a) => a.activityId === activityId)!.followUp?.status ?? 'Ej påbörjad';
  const rows = demoPlanStatuses2022()
    .map((r) => r.value)
    .filter((s) => s.activityId === activityId && s.committeeCode === committee)
    .sort((a, b) => b.quarter! - a.quarter!);
  return rows[0]?.status ?? 'Ej påbörjad';
}

describe('the overview’s roll-up of the plan in Chromium', () => {
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
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterEach(() => page.close());

  it('shows the security officer, per activity, how many nämnder have it done, and each nämnd’s statuses as bar and numbers', async () => {
    await page.goto(`${app.url}/tab/`);
    await page.getByLabel('Vem är du? (demoläge)').selectOption({ label: 'Johan Berg – Informationssäkerhetsansvarig' });
    await page.getByText('Inloggad som Johan Berg').waitFor();
    await page.getByRole('table', { name: 'Översikt' }).waitFor();
    await page.getByLabel('År').selectOption('2022');
    await page.getByRole('heading', { name: 'Översikt 2022' }).waitFor();

    // Riskanalys runs in every nämnd; for each, the latest quarter's seeded status decides.
    const committees = (await app.store.committees.query()).map((c) => c.value.code);
    const done = committees.filter((c) => seededStanding('2022-riskanalys', c) === 'Genomförd').length;
    expect(committees).toHaveLength(5);
    const activities = page.getByRole('table', { name: 'Per aktivitet' });
    const risk = activities.locator('[data-rollup-activity="2022-riskanalys"]');
    await risk.waitFor();
    expect((await risk.innerText()).replace(/\s+/g, ' ').trim()).toBe(`Riskanalys ${done} av ${committees.length} nämnder har genomfört`);
    expect(await risk.getByRole('progressbar').getAttribute('aria-label')).toBe(`Riskanalys: ${done} av 5 nämnder har genomfört`);
    // An activity only Kommunstyrelsen runs counts that one nämnd
    const ksOnly = plan2022.activities.find((a) => a.committees.length === 1 && a.committees[0] === 'KS')!;
    const ksDone = seededStanding(ksOnly.activityId, 'KS') === 'Genomförd' ? 1 : 0;
    expect((await activities.locator(`[data-rollup-activity="${ksOnly.activityId}"]`).innerText()).replace(/\s+/g, ' ').trim()).toBe(`${ksOnly.title} ${ksDone} av 1 nämnder har genomfört`);

    // Per nämnd: the counts as text beside the bar, agreeing with the seed
    const byCommittee = page.getByRole('table', { name: 'Aktiviteternas status per nämnd' });
    const kfn = byCommittee.locator('[data-rollup-committee="KFN"]');
    const kfnActivities = plan2022.activities.filter((a) => a.committees.includes('*') || a.committees.includes('KFN'));
    const expected: Record<string, number> = {};
    for (const a of kfnActivities) expected[seededStanding(a.activityId, 'KFN')] = (expected[seededStanding(a.activityId, 'KFN')] ?? 0) + 1;
    expect(Object.keys(expected).length).toBeGreaterThan(1);
    for (const [status, n] of Object.entries(expected)) expect(await kfn.locator(`[data-count="${status}"]`).innerText()).toBe(String(n));
    expect(await kfn.getByRole('cell').last().innerText()).toBe(String(kfnActivities.length));
    // The bar has a segment per status present, sized by its count; it is decoration, hidden from screen readers
    const segments = kfn.locator('[data-bar] [data-segment]');
    expect(await segments.evaluateAll((els) => els.map((e) => [e.getAttribute('data-segment'), e.textContent]))).toEqual(
      STATUS_ORDER.filter((st) => expected[st]).map((st) => [st, String(expected[st])]),
    );
    expect(await kfn.locator('[data-bar]').getAttribute('aria-hidden')).toBe('true');
    // The column headers name each status in words and a symbol, not colour alone
    await byCommittee.getByRole('columnheader', { name: /Genomförd/ }).waitFor();

    await page.getByRole('heading', { name: 'Handlingsplanen i kommunen' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'status-tab-rollup-2022.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it("downloads the 2022 Ledningens genomgång from the overview, its plan as the roll-up shows it", async () => {
    await page.goto(`${app.url}/tab/`);
    await page.getByLabel('Vem är du? (demoläge)').selectOption({ label: 'Johan Berg – Informationssäkerhetsansvarig' });
    await page.getByRole('table', { name: 'Översikt' }).waitFor();
    await page.getByLabel('År').selectOption('2022');
    await page.getByRole('heading', { name: 'Översikt 2022' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ner årsrapport' }).click()]);
    expect(download.suggestedFilename()).toBe('ledningens-genomgang-2022.docx');
    const file = readFileSync((await download.path())!);
    expect(docxParagraphs(file).find((p) => p.style === 'Title')?.text).toBe('Ledningens genomgång – informationssäkerhet och dataskydd 2022');
    // The plan's roll-up in the report is the tab's, activity by activity: how many nämnder it applies to, how many have it done.
    const johan = (await app.store.roles.query({ field: 'role', op: 'eq', value: 'sakerhetsansvarig' }))[0]!.value.personId;
    const tab = (await (await fetch(`${app.url}/api/tab/overview?year=2022`, { headers: { 'X-Infosak-Demo-User': johan } })).json()) as OverviewResponse;
    const rollup = docxTables(file).find((t) => t.rows[0]![0] === 'Område')!;
    expect(rollup.rows.slice(1).map((r) => [r[1], r[2], r[3]])).toEqual(tab.rollup.activities.map((a) => [a.title, String(a.applies), String(a.done)]));
    expect(tab.rollup.activities.length).toBe(plan2022.activities.length);
  });
});
