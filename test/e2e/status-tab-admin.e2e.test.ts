import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../src/config/config';
import { sendLesson } from '../../src/admin/incident-lesson';
import { DEMO_PEOPLE } from '../../src/demo/demo-organisation';
import { findPerson } from '../../src/organisation/people';
import { composeDomain } from '../../src/server/compose-domain';
import { incident as incidentFor } from '../contract/store-contract';
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

  /** A smaller picture for the README (`npm run docs:screenshots` copies them to docs/screenshots): the viewport, or one part of the page. */
  const readmeShot = (name: string, part?: ReturnType<Page['locator']>) =>
    (part ?? page).screenshot({ path: path.join(ARTIFACTS_DIR, `readme-admin-${name}.png`) });

  const as = async (persona: string, theme = '') => {
    await page.goto(`${app.url}/tab/${theme ? `?theme=${theme}` : ''}`);
    await page.getByLabel('Vem är du? (demoläge)').selectOption({ label: persona });
    await page.getByRole('button', { name: 'Administration' }).click();
    await page.getByRole('heading', { name: 'Administration', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Kampanjer' }).waitFor();
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
    // What the page can tell before sending: an empty date and a number emptied, each at its field, the focus on the first.
    await form.getByLabel('Dagar mellan påminnelser').fill('');
    await form.getByRole('button', { name: 'Skapa kampanj' }).click();
    await form.getByText('Välj ett datum.').waitFor();
    await form.getByText('Skriv ett heltal från 1 till 60.').waitFor();
    expect(await form.getByLabel('Slutdatum').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate('document.activeElement && document.activeElement.getAttribute("type")')).toBe('date');
    await form.getByLabel('Dagar mellan påminnelser').fill('7');
    // What the server tells: said in the form, by its button, in the command line's words.
    await form.getByLabel('Slutdatum').fill('2026-12-01');
    await form.getByRole('button', { name: 'Skapa kampanj' }).click();
    await form.getByText('slutdatum ligger före startdatum').waitFor();
    expect(await form.getByText('Välj ett datum.').count()).toBe(0);
    expect(await app.store.campaigns.getByKey('natfiske-kfn-2026-12-07')).toBeUndefined();

    await form.getByLabel('Slutdatum').fill('2027-01-15');
    await form.getByRole('button', { name: 'Skapa kampanj' }).click();
    await page.getByText('Kampanjen Nätfiske och bedrägeriförsök är skapad och startar 2026-12-07.').waitFor();
    const row = list.locator('[data-campaign="natfiske-kfn-2026-12-07"]');
    await row.getByText('Planerad').waitFor();
    await row.getByText('Kultur- och fritidsnämnden').waitFor();
    expect(await app.store.campaigns.getByKey('natfiske-kfn-2026-12-07')).toMatchObject({ value: { audience: 'namnder', committeeCodes: ['KFN'], dueDate: '2027-01-15' } });
    // The form is empty again for the next campaign.
    expect(await form.getByLabel('Slutdatum').inputValue()).toBe('');

    // Every row's buttons say which campaign they act on.
    expect(await row.getByRole('button', { name: 'Ändra' }).getAttribute('aria-label')).toMatch(/^Ändra: Nätfiske och bedrägeriförsök, Kultur- och fritidsnämnden, /);
    // Changed before it starts: the form takes the campaign's values, with the focus, and the change is saved.
    await row.getByRole('button', { name: 'Ändra' }).click();
    const edit = page.getByRole('form', { name: 'Ändra kampanj' });
    await edit.waitFor();
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('new-campaign-heading');
    expect(await edit.getByLabel('Slutdatum').inputValue()).toBe('2027-01-15');
    await edit.getByLabel('Slutdatum').fill('2027-01-29');
    await edit.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.getByText('Kampanjen Nätfiske och bedrägeriförsök är ändrad.').waitFor();
    await page.getByRole('form', { name: 'Ny kampanj' }).waitFor();
    expect(await app.store.campaigns.getByKey('natfiske-kfn-2026-12-07')).toMatchObject({ value: { dueDate: '2027-01-29' } });

    await row.getByRole('button', { name: 'Skicka till mig' }).click();
    await page.getByText('Kortet för Nätfiske och bedrägeriförsök är på väg till din chatt med Infosäk.').waitFor();
    // A module as staff will get it, from the modules' list.
    await page.getByRole('table', { name: 'Modulerna' }).locator('[data-module="losenord-och-tvafaktor"]').getByRole('button', { name: 'Skicka till mig' }).click();
    await page.getByText('är på väg till din chatt med Infosäk, så som personalen får den.', { exact: false }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'status-tab-admin-campaigns.png'), fullPage: true });
    await page.evaluate('window.scrollTo(0, 0)');
    await readmeShot('campaigns');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("shows a module's cards in the page as staff meet them in Teams: the first card, each step, each question", async () => {
    await as('Johan Berg – Informationssäkerhetsansvarig');
    const modules = page.getByRole('table', { name: 'Modulerna' });
    await modules.locator('[data-module="natfiske"]').getByRole('button', { name: 'Förhandsvisa' }).click();
    const dialog = page.getByRole('dialog', { name: 'Så ser Nätfiske och bedrägeriförsök ut i Teams' });
    await dialog.waitFor();
    // Drawn by the Adaptive Cards renderer from the card the bot sends: markdown as Teams shows it, the buttons there.
    const first = dialog.getByRole('region', { name: 'Första kortet, som en kampanj skickar det' });
    await first.locator('.ac-adaptiveCard').waitFor();
    await first.getByRole('button', { name: 'Starta' }).waitFor();
    await dialog.getByRole('region', { name: 'Steg 2 av 4' }).getByText('Varningstecken').waitFor();
    expect(await dialog.getByRole('region', { name: 'Steg 2 av 4' }).locator('strong').first().textContent()).toBe('skyndar på');
    await dialog.getByRole('region', { name: 'Fråga 2 av 2' }).getByText('har bytt bankgiro', { exact: false }).waitFor();
    expect(await dialog.locator('section[data-card]').count()).toBe(1 + 4 + 2);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'status-tab-admin-module-cards.png') });
    await readmeShot('module-cards');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Stäng' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate('document.activeElement && document.activeElement.getAttribute("aria-label")')).toBe('Förhandsvisa: Nätfiske och bedrägeriförsök');
  });

  it('asks before reminding now and before ending a running campaign', async () => {
    await as('Johan Berg – Informationssäkerhetsansvarig');
    const list = page.getByRole('table', { name: 'Kampanjer' });
    const sn = list.locator('[data-campaign="demo-personuppgiftsincident-sn-2026-11-24"]');
    // Påminn nu: asked first; nobody has had the first card yet, and the page says so.
    await sn.getByRole('button', { name: 'Påminn nu' }).click();
    const remind = page.getByRole('alertdialog', { name: 'Påminna om Känna igen och rapportera en personuppgiftsincident nu?' });
    await remind.waitFor();
    // The dialog as it stands once opened, not halfway through fading in.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'status-tab-admin-confirm.png') });
    await readmeShot('confirm');
    expect(await seriousViolations(page)).toEqual([]);
    await remind.getByRole('button', { name: 'Skicka påminnelsen' }).click();
    await page.getByRole('status').getByText('Ingen att påminna just nu', { exact: false }).waitFor();
    // The focus is back on the button that asked, and stays there while the answer comes.
    expect(await page.evaluate('document.activeElement && document.activeElement.getAttribute("aria-label")')).toMatch(/^Påminn nu: Känna igen och rapportera en personuppgiftsincident, /);

    // Avsluta: cancelled, nothing happens; confirmed, it ends and the focus goes to the list with the outcome.
    await sn.getByRole('button', { name: 'Avsluta' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Avbryt' }).click();
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    // Back on the button that asked.
    expect(await page.evaluate('document.activeElement && document.activeElement.getAttribute("aria-label")')).toMatch(/^Avsluta: Känna igen och rapportera en personuppgiftsincident, Socialnämnden, /);
    expect((await app.store.campaigns.getByKey('demo-personuppgiftsincident-sn-2026-11-24'))?.value.dueDate).toBe('2026-12-22');
    await sn.getByRole('button', { name: 'Avsluta' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Avsluta kampanjen' }).click();
    await sn.getByText('Avslutad').waitFor();
    await page.getByRole('status').getByText('är avslutad', { exact: false }).waitFor();
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('campaigns-heading');
    expect((await app.store.campaigns.getByKey('demo-personuppgiftsincident-sn-2026-11-24'))?.value.dueDate).toBe('2026-11-23');
  });

  it('reads in next year\'s plan from a file: a bad file told row by row, then a dry run, then the import', async () => {
    await as('Johan Berg – Informationssäkerhetsansvarig');
    const demo = readFileSync(path.join(projectRoot(), 'content', 'action-plans', 'handlingsplan-2022.csv'), 'utf8');
    // The plan's own section: the register of information assets has a file of its own below it.
    const plan = page.locator('section[aria-labelledby="plan-heading"]');
    const file = plan.locator('input[type=file]');
    await file.setInputFiles({ name: 'fel.csv', mimeType: 'text/csv', buffer: Buffer.from('år;id;område;titel;beskrivning;kvartal;nämnder;status;kommentar\n2027;2027-a;Okänt område;A;;1;*;;\n') });
    await plan.getByRole('button', { name: 'Provkör' }).click();
    await page.getByText('Filen kan inte läsas in').waitFor();
    await page.getByText('rad 2:', { exact: false }).waitFor();

    // Saved as Excel's plain CSV on Swedish Windows (not UTF-8): refused before anything is sent, å, ä and ö never lost.
    await file.setInputFiles({ name: 'ansi.csv', mimeType: 'text/csv', buffer: Buffer.from(demo.replace(/^2022;2022-/gm, '2027;2027-'), 'latin1') });
    await page.getByText('Filen är inte sparad som UTF-8.', { exact: false }).waitFor();

    await file.setInputFiles({ name: 'handlingsplan-2027.csv', mimeType: 'text/csv', buffer: Buffer.from(demo.replace(/^2022;2022-/gm, '2027;2027-')) });
    expect(await plan.getByRole('button', { name: 'Importera' }).isDisabled()).toBe(true);
    await plan.getByRole('button', { name: 'Provkör' }).click();
    await page.getByText('Provkörning, inget sparat: Handlingsplan 2027: 16 nya, 0 ändrade, 0 oförändrade aktiviteter; 36 statusar.').waitFor();
    await page.locator('[data-plan-row="2027-riskanalys"]').getByText('Ny').waitFor();
    expect((await app.store.activities.query({ field: 'year', op: 'eq', value: 2027 })).length).toBe(0);
    await plan.getByRole('button', { name: 'Importera' }).click();
    await page.getByText('Handlingsplan 2027: 16 nya, 0 ändrade, 0 oförändrade aktiviteter; 36 statusar.', { exact: true }).waitFor();
    expect((await app.store.activities.query({ field: 'year', op: 'eq', value: 2027 })).length).toBe(16);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'status-tab-admin-plan.png'), fullPage: true });
    await readmeShot('plan', page.locator('section[aria-labelledby="plan-heading"]'));
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows the data protection officer the campaigns without the actions or the form (in the dark theme)', async () => {
    await as('Maria Ek – Dataskyddsombud', 'dark');
    await page.getByText('Du kan läsa administrationen; ändringar gör informationssäkerhetsansvarig.').waitFor();
    expect(await page.getByRole('button', { name: 'Avsluta' }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Ny kampanj' }).count()).toBe(0);
    // The organisation: where it comes from, who holds what, and what is missing.
    await page.getByText('Personer, hemnämnder och roller kommer från rollistan. Ändra dem där.').waitFor();
    await page.getByText('Förvaltningar utan informationssäkerhetssamordnare: Barn- och utbildningsförvaltningen (Barn- och utbildningsnämnden), Kommunledningskontoret (Kommunstyrelsen), Samhällsbyggnadsförvaltningen (Samhällsbyggnadsnämnden)').waitFor();
    await page.getByRole('table', { name: 'Organisationen' }).locator('[data-committee="SN"]').getByText('informationssäkerhetssamordnare: Sara Lind').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'status-tab-admin-organisation.png'), fullPage: true });
    await readmeShot('organisation', page.locator('section[aria-labelledby="organisation-heading"]'));
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows the short lessons sent after incidents, per committee and category, with the incidents before and since', async () => {
    // A phishing incident in SN, acknowledged; two more that quarter, one since the lesson started.
    const stored = async (reference: string, reportedAt: string, acknowledged = false) =>
      app.store.incidents.create(`lesson-${reference}`, {
        ...incidentFor(reference, { category: 'natfiske', committeeCode: 'SN', reportedAt }),
        ...(acknowledged ? { acknowledgedAt: reportedAt } : {}),
      });
    const { item } = await stored('INC-2026-0801', '2026-11-10T09:00:00.000Z', true);
    await stored('INC-2026-0802', '2026-09-15T09:00:00.000Z');
    await stored('INC-2026-0803', '2026-11-24T07:00:00.000Z');
    const domain = composeDomain({ config: app.config, store: app.store, ops: app.ops, clock: { now: () => new Date('2026-11-20T09:00:00Z') }, logger: app.logger, enqueue: (m) => app.delivery.enqueue(m) });
    const officer = DEMO_PEOPLE.find((p) => p.persona === 'sakerhetsansvarig')!;
    const sent = await sendLesson(domain.learning.campaigns, domain.incidents.rules, item.value, { personId: officer.id, person: await findPerson(app.store, officer.id) });
    expect(sent.outcome).toBe('created');

    await as('Johan Berg – Informationssäkerhetsansvarig');
    const lessons = page.getByRole('table', { name: 'Korta utbildningar efter incidenter' });
    const row = lessons.locator('[data-lesson="natfiske-sn-2026-11-20"]');
    await row.getByText('Nätfiske eller bedrägeriförsök').waitFor();
    await row.getByText('efter INC-2026-0801').waitFor();
    await row.getByText('hittills, 4 dagar').waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells.map((c) => c.replace(/\s+/g, ' ').trim())).toEqual(['Socialnämnden', 'Nätfiske eller bedrägeriförsök efter INC-2026-0801', 'Nätfiske och bedrägeriförsök', '2026-11-20', '2', '1 hittills, 4 dagar']);
    await lessons.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'status-tab-admin-lessons.png'), fullPage: true });
    await readmeShot('lessons', lessons);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('offers no Administration to a coordinator', async () => {
    await page.goto(`${app.url}/tab/`);
    await page.getByLabel('Vem är du? (demoläge)').selectOption({ label: 'Sara Lind – Informationssäkerhetssamordnare' });
    await page.getByText('Inloggad som Sara Lind').waitFor();
    await page.getByRole('button', { name: 'Översikt' }).waitFor();
    expect(await page.getByRole('button', { name: 'Administration' }).count()).toBe(0);
  });
});
