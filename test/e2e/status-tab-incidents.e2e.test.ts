import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PEOPLE } from '../../src/demo/demo-organisation';
import type { Incident } from '../../src/incidents/incident';
import { startTestApp } from '../support/app-harness';
import { launchChromium } from '../support/chromium';
import { ARTIFACTS_DIR } from '../support/playground-session';
import { incident as incidentFor } from '../contract/store-contract';

/**
 * The incident side of the tab as the people who answer for it use it: the coordinator opens an
 * incident in the chat and downloads the IMY draft from the committee's list; the DPO reads the
 * register of personal data breaches, the one that was not reported included, and exports it.
 */
describe('incident handling in the status tab', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  let page: Page;
  const sara = DEMO_PEOPLE.find((p) => p.persona === 'samordnare')!;

  const notified: Incident = incidentFor('INC-2026-0007', {
    committeeCode: 'SN',
    category: 'felskickad-information',
    description: 'Utredning skickad till fel mottagare.',
    discoveredAt: '2026-11-20T08:00:00.000Z',
    personalData: true,
    riskLevel: 'hog',
    riskMotivation: 'Uppgifter om barn i socialtjänsten.',
    subjectCategories: ['barn-elever', 'klienter-patienter'],
    dataCategories: ['sarskilda-art9', 'personnummer'],
    imyReportable: true,
    imyNotifiedAt: '2026-11-21T10:00:00.000Z',
    imyCaseNumber: 'IMY-2026-4711',
    caseNumber: 'SN 2026/318',
    secrecy: 'osl-26',
    assessedAt: '2026-11-20T12:00:00.000Z',
  });
  const notReportable: Incident = incidentFor('INC-2026-0008', {
    committeeCode: 'SN',
    category: 'forlorad-utrustning',
    description: 'Krypterad dator glömd på bussen.',
    discoveredAt: '2026-11-22T07:00:00.000Z',
    personalData: true,
    riskLevel: 'ingen',
    riskMotivation: 'Krypterad och fjärrlåst.',
    imyReportable: false,
    imyMotivation: 'Disken är krypterad och nyckeln har inte röjts.',
    assessedAt: '2026-11-22T09:00:00.000Z',
  });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    app = await startTestApp({}, { clock: { now: () => new Date('2026-11-23T09:00:00Z') } });
    for (const i of [notified, notReportable, incidentFor('INC-2026-0009', { committeeCode: 'SN', personalData: false, description: 'Nätfiske utan personuppgifter.' })]) {
      await app.store.incidents.create(`test:${i.reference}`, i);
    }
    // An action taken after the first incident, in Socialnämnden's plan
    await app.store.activities.create('activity:2026-atgard-test', { year: 2026, activityId: '2026-atgard-test', area: 'Åtgärder efter incidenter', title: 'Rutin för utskick till rätt mottagare', description: '', quarters: [4], committees: ['SN'], ownerId: sara.id, incidentRef: 'INC-2026-0007' });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  beforeEach(async () => {
    page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
  });
  afterEach(() => page.close());

  const open = async (persona: string, query = '') => {
    await page.goto(`${app.url}/tab/${query}`);
    await page.getByLabel('Vem är du? (demoläge)').selectOption({ label: persona });
  };

  it('lets the coordinator open an incident in the chat and download the IMY draft, with the secrecy mark', async () => {
    await open('Sara Lind – Informationssäkerhetssamordnare', '?committee=SN');
    await page.getByRole('heading', { name: 'Socialnämnden 2026' }).waitFor();
    const list = page.getByRole('table', { name: 'Incidenter i nämnden' });
    const row = list.locator('tr', { hasText: 'INC-2026-0007' });
    await row.getByText('SN 2026/318').waitFor();
    // The incident and the action it led to name each other
    await row.getByText('Åtgärd: Rutin för utskick till rätt mottagare (kvartal 4 2026)').waitFor();
    await page.getByRole('table', { name: 'Handlingsplan' }).locator('[data-activity="2026-atgard-test"]').getByText('(Från INC-2026-0007, Sara Lind)').waitFor();
    await row.getByText(/Sekretess/).first().waitFor();

    // Without a chat with the bot the card cannot be sent, and the tab says what to do
    await row.getByRole('button', { name: 'Öppna INC-2026-0007 i chatten med Infosäk' }).click();
    await page.getByText('Du har ingen chatt med Infosäk än', { exact: false }).waitFor();
    await app.ops.conversations.remember({
      conversationId: 'a:personal-samordnare',
      personId: sara.id,
      tenantId: 'tenant',
      serviceUrl: 'http://127.0.0.1:9/',
      conversationType: 'personal',
      reference: { conversation: { id: 'a:personal-samordnare' }, user: { id: '29:samordnare' } },
      updatedAt: '2026-11-23T09:00:00.000Z',
    });
    await row.getByRole('button', { name: 'Öppna INC-2026-0007 i chatten med Infosäk' }).click();
    await page.getByText('Kortet för INC-2026-0007 är skickat till din chatt med Infosäk.').waitFor();
    const queued = await app.ops.outbox.messagesOf('incident:INC-2026-0007');
    expect(queued.map((m) => m.personId)).toEqual([sara.id]);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'status-tab-incident-list.png'), fullPage: true });

    // The IMY draft as a Word file: the secrecy mark at the top, the authority from the rules file
    const [download] = await Promise.all([page.waitForEvent('download'), row.locator('[data-draft="imy"]').click()]);
    const file = await download.path();
    const xml = new AdmZip(readFileSync(file!)).readAsText('word/document.xml');
    expect(xml).toContain('Sekretess enligt OSL 26 kap.');
    expect(xml).toContain('Integritetsskyddsmyndigheten (IMY)');
    expect(xml).toContain('IMY-2026-4711');
    // The other incident has no decision to notify, so no draft is offered for it
    expect(await list.locator('tr', { hasText: 'INC-2026-0008' }).locator('[data-draft]').count()).toBe(0);

    // Skapa åtgärd: an action in the committee's plan after the lost computer
    await list.locator('tr', { hasText: 'INC-2026-0008' }).locator('[data-create-action]').click();
    const dialog = page.getByRole('dialog', { name: 'Ny åtgärd efter INC-2026-0008' });
    await dialog.getByLabel('Vad ska göras').fill('Kryptering och fjärrlåsning på alla bärbara datorer');
    await dialog.getByLabel('Klart senast').selectOption({ label: 'Kvartal 1 2027' });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'status-tab-create-action.png') });
    await dialog.getByRole('button', { name: 'Skapa åtgärden' }).click();
    await page.getByText('Åtgärden är inlagd i handlingsplanen: Kryptering och fjärrlåsning på alla bärbara datorer (kvartal 1 2027).').waitFor();
    // The dialog gone, the page is read again (not left hidden from screen readers) and the focus is back on the row's button.
    await dialog.waitFor({ state: 'detached' });
    expect(await page.locator('[aria-hidden="true"]').filter({ has: page.getByText('Åtgärden är inlagd i handlingsplanen', { exact: false }) }).count()).toBe(0);
    expect(await page.evaluate('document.activeElement && document.activeElement.hasAttribute("data-create-action")')).toBe(true);
    const made = (await app.store.activities.query({ field: 'year', op: 'eq', value: 2027 })).map((a) => a.value).filter((a) => a.incidentRef === 'INC-2026-0008');
    expect(made).toEqual([expect.objectContaining({ quarters: [1], committees: ['SN'], ownerId: sara.id })]);
  }, 60_000);

  it('shows the DPO the register of personal data breaches, the one not reported included, and exports it', async () => {
    await open('Maria Ek – Dataskyddsombud');
    await page.getByRole('button', { name: 'Personuppgiftsincidenter' }).click();
    await page.getByRole('heading', { name: 'Personuppgiftsincidenter 2026' }).waitFor();
    const register = page.getByRole('table', { name: 'Personuppgiftsincidenter' });
    await register.locator('[data-reference="INC-2026-0008"]').getByText('Disken är krypterad och nyckeln har inte röjts.', { exact: false }).waitFor();
    await register.locator('[data-reference="INC-2026-0007"]').getByText('IMY-2026-4711', { exact: false }).waitFor();
    expect(await register.locator('[data-reference="INC-2026-0009"]').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'status-tab-register.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportera CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n').filter((l) => l.includes('INC-2026-00'))).toHaveLength(2);
    expect(csv).toContain('Disken är krypterad och nyckeln har inte röjts.');
  }, 60_000);

  it('does not offer the register to a manager', async () => {
    await open('Erik Holm – Förvaltningschef, Socialförvaltningen');
    await page.getByText('Inloggad som Erik Holm').waitFor();
    expect(await page.getByRole('button', { name: 'Personuppgiftsincidenter' }).count()).toBe(0);
  }, 60_000);
});
