import { systemClock } from '../../src/clock/clock';
import { stockholmDate, stockholmWallTime } from '../../src/clock/stockholm-time';
import { DEMO_PEOPLE } from '../../src/demo/demo-organisation';
import { reportIncident } from '../../src/incidents/report-incident';
import { ARTIFACTS_DIR, openPlayground, type PlaygroundSession } from '../support/playground-session';
import { validForm } from '../support/incident-forms';

/** The form's discovery date and time some hours ago, in Stockholm: a fixed time of day would lie in the future just after midnight. */
function discoveredHoursAgo(hours: number): { discoveredDate: string; discoveredTime: string } {
  const at = new Date(Date.now() - hours * 3_600_000);
  const w = stockholmWallTime(at);
  return { discoveredDate: stockholmDate(at), discoveredTime: `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}` };
}

/**
 * The security officer was not reachable when a report came in (he had not opened Infosäk yet):
 * he finds it in `mina incidenter`, opens it, and makes the assessment at triage — the facts and
 * risk, and the committee's decision that it is not reportable to IMY, with its motivation.
 */
describe('in the Agents Playground, as the security officer who was not reachable when the report came', () => {
  let session: PlaygroundSession;
  let reference: string;
  beforeAll(async () => {
    session = await openPlayground('sakerhetsansvarig');
    const anna = DEMO_PEOPLE.find((p) => p.persona === 'medarbetare')!;
    const outcome = await reportIncident(
      { store: session.app.store, ops: session.app.ops, clock: systemClock },
      {
        reporterId: anna.id,
        submissionId: '0f6f6d1e-1111-4c2b-9a3e-5b7d9c1e2f3a',
        form: validForm({ category: 'forlorad-utrustning', description: 'Min jobbdator glömdes på bussen. Den är krypterad.', personalData: 'true', ...discoveredHoursAgo(2), occurredDate: '', occurredTime: '' }),
        committees: ['KS', 'SN', 'BUN', 'KFN', 'SBN'],
      },
    );
    if (outcome.outcome !== 'stored') throw new Error(`rapporten sparades inte: ${outcome.outcome}`);
    reference = outcome.incident.reference;
  }, 60_000);
  afterAll(() => session?.close());

  it('opens the incident from "mina incidenter" and records the assessment and the IMY decision', async () => {
    const { page } = session;
    await page.getByText('Välkommen till Infosäk').waitFor({ timeout: 20_000 });
    // The notice of the report, held back while he could not be reached, comes now that he has a chat: it is let
    // arrive before any card is filled in, as a message arriving re-renders the chat and empties a card being filled.
    await session.app.delivery.drained();
    await page.locator('.ac-adaptiveCard', { hasText: reference }).first().waitFor({ timeout: 20_000 });
    await session.send('mina incidenter');
    const list = page.locator('.ac-adaptiveCard', { hasText: 'Mina incidenter' }).last();
    await list.waitFor({ timeout: 20_000 });
    await list.getByText(reference).waitFor();
    await list.getByText('Saknas: Bedömning och fakta, Anmälan till IMY och information till de registrerade').waitFor();
    await session.screenshot('playground-triage-list');
    await list.getByRole('button', { name: 'Öppna' }).first().click();

    const card = page.locator('.ac-adaptiveCard', { hasText: `${reference}: Förlorad eller stulen utrustning` }).last();
    await card.waitFor({ timeout: 20_000 });
    await card.getByText(/^Om (2 dygn|\d+ timmar?)/).waitFor();
    await card.screenshot({ path: `${ARTIFACTS_DIR}/playground-triage-card-whole.png` });
    await session.screenshot('playground-triage-card');
    // The widest cards, at 1280 px as Teams shows them: no text cut at the card's width.
    expect(await session.cutTexts()).toEqual([]);
    await card.getByRole('button', { name: 'Bedömning' }).click();

    const assessment = page.locator('.ac-adaptiveCard', { hasText: `Bedömning av ${reference}` }).last();
    await assessment.waitFor({ timeout: 20_000 });
    // The facts: the risk and why (no likely risk is what allows "not reportable" below, art. 33.1)
    await assessment.getByRole('radio', { name: 'Ingen sannolik risk', exact: true }).check();
    await assessment.getByLabel('Motivering av riskbedömningen').fill('Datorn är krypterad och fjärrlåst; ärendelistorna på den går inte att läsa.');
    await assessment.getByRole('button', { name: 'Spara bedömningen', exact: true }).click();
    await page.getByText('Bedömningen är sparad.').last().waitFor({ timeout: 20_000 });

    // The decision: not reportable, with the motivation the register keeps
    const decided = page.locator('.ac-adaptiveCard', { hasText: `Bedömning av ${reference}` }).last();
    await decided.getByRole('radio', { name: 'Nej, osannolikt att den medför en risk' }).check();
    await decided.getByRole('button', { name: 'Spara beslutet om IMY' }).click();
    // Without a motivation nothing is stored, and the card says what is missing
    await page.getByText(/Motivering av beslutet: skriv varför/).last().waitFor({ timeout: 20_000 });
    expect((await session.app.store.incidents.query())[0]!.value.imyReportable).toBeUndefined();
    const retry = page.locator('.ac-adaptiveCard', { hasText: `Bedömning av ${reference}` }).last();
    await retry.getByLabel('Motivering av beslutet').fill('Krypterad disk och fjärrlåst inom en timme; nyckeln har inte röjts.');
    await retry.getByRole('button', { name: 'Spara beslutet om IMY' }).click();
    await page.getByText('Beslutet om IMY är sparat.').last().waitFor({ timeout: 20_000 });
    // The whole card, in a window tall enough that the chat does not scroll it
    await page.setViewportSize({ width: 1280, height: 4200 });
    await page.locator('.ac-adaptiveCard', { hasText: `Bedömning av ${reference}` }).last().screenshot({ path: `${ARTIFACTS_DIR}/playground-triage-assessment-card.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await session.screenshot('playground-triage-assessment');
    // The widest cards, at 1280 px as Teams shows them: no text cut at the card's width.
    expect(await session.cutTexts()).toEqual([]);

    const [stored] = await session.app.store.incidents.query();
    expect(stored!.value).toMatchObject({
      riskLevel: 'ingen',
      imyReportable: false,
      imyMotivation: 'Krypterad disk och fjärrlåst inom en timme; nyckeln har inte röjts.',
      imyDecidedBy: DEMO_PEOPLE.find((p) => p.persona === 'sakerhetsansvarig')!.id,
    });
    // Counts nobody gave stay unknown: an empty field is not "no one"
    expect(stored!.value.approxPeopleAffected).toBeUndefined();

    // Back on the incident card the IMY clock no longer runs
    await page.locator('.ac-adaptiveCard', { hasText: `Bedömning av ${reference}` }).last().getByRole('button', { name: 'Tillbaka till incidenten' }).click();
    await page.getByText('Krävs inte: nämnden har beslutat att incidenten inte ska anmälas').last().waitFor({ timeout: 20_000 });
    await session.screenshot('playground-triage-decided');
  }, 120_000);

  it('judges an outage significant under cybersäkerhetslagen, which starts the CERT-SE clocks on the card', async () => {
    const { page } = session;
    const anna = DEMO_PEOPLE.find((p) => p.persona === 'medarbetare')!;
    const outcome = await reportIncident(
      { store: session.app.store, ops: session.app.ops, clock: systemClock },
      {
        reporterId: anna.id,
        submissionId: '5b1c2d3e-2222-4c2b-9a3e-5b7d9c1e2f3a',
        form: validForm({ category: 'avbrott', description: 'Hemtjänstens planeringssystem går inte att nå.', essentialService: 'true', ongoing: 'true', ...discoveredHoursAgo(1), occurredDate: '', occurredTime: '' }),
        committees: ['KS', 'SN', 'BUN', 'KFN', 'SBN'],
      },
    );
    if (outcome.outcome !== 'stored') throw new Error(`rapporten sparades inte: ${outcome.outcome}`);
    const outage = outcome.incident.reference;
    // The notice of the new report comes to his chat too: let it arrive before any card is filled in, as a message
    // arriving re-renders the chat and empties a card being filled (as in the first walk).
    await session.app.tasks.runDue();
    await session.app.delivery.drained();
    await page.locator('.ac-adaptiveCard', { hasText: outage }).first().waitFor({ timeout: 20_000 });
    await session.send('mina incidenter');
    const list = page.locator('.ac-adaptiveCard', { hasText: 'Mina incidenter' }).last();
    await list.getByText(outage).waitFor({ timeout: 20_000 });
    // The newest report is first in the list
    await list.getByRole('button', { name: 'Öppna' }).first().click();
    const card = page.locator('.ac-adaptiveCard', { hasText: `${outage}: Avbrott eller störning i system` }).last();
    await card.getByRole('button', { name: 'Bedömning' }).click();
    const assessment = page.locator('.ac-adaptiveCard', { hasText: `Bedömning av ${outage}` }).last();
    await assessment.getByRole('radio', { name: 'Ja, betydande incident' }).check();
    await assessment.getByLabel('Motivering av bedömningen').fill('Hemtjänsten kan inte planera dagens besök: en viktig tjänst för invånarna.');
    await assessment.getByRole('button', { name: 'Spara bedömningen enligt cybersäkerhetslagen' }).click();
    await page.getByText('Bedömningen enligt cybersäkerhetslagen är sparad.').last().waitFor({ timeout: 20_000 });
    await page.locator('.ac-adaptiveCard', { hasText: `Bedömning av ${outage}` }).last().getByRole('button', { name: 'Tillbaka till incidenten' }).click();
    const clocks = page.locator('.ac-adaptiveCard', { hasText: 'Tidig varning till CERT-SE' }).last();
    await clocks.getByText(/^Om 2[34] timmar/).first().waitFor({ timeout: 20_000 });
    await clocks.getByText('Börjar när incidentanmälan är gjord').waitFor();
    expect(await clocks.getByRole('button', { name: 'Gjort' }).count()).toBe(2);
    await page.setViewportSize({ width: 1280, height: 3000 });
    await clocks.screenshot({ path: `${ARTIFACTS_DIR}/playground-triage-nis-card.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 120_000);

  it('acknowledges the outage and sends Socialförvaltningen the short lesson on reserve routines in one click', async () => {
    const { page } = session;
    const card = page.locator('.ac-adaptiveCard', { hasText: 'Tidig varning till CERT-SE' }).last();
    await card.getByRole('button', { name: 'Kvittera' }).click();
    const confirmed = page.locator('.ac-adaptiveCard', { hasText: 'Kvitterad av Johan Berg.' }).last();
    await confirmed.waitFor({ timeout: 20_000 });
    await confirmed.getByRole('button', { name: 'Skicka en kort utbildning till Socialförvaltningen' }).click();
    const sent = page.locator('.ac-adaptiveCard', { hasText: 'Utbildningen När IT ligger nere – reservrutiner och kontinuitet skickas till Socialförvaltningen' }).last();
    await sent.waitFor({ timeout: 20_000 });
    await sent.getByText(/^Kort utbildning skickad till Socialförvaltningen efter INC-\d{4}-\d{4}: När IT ligger nere – reservrutiner och kontinuitet, från \d+ \w+ \d{4} till \d+ \w+ \d{4}\.$/).waitFor();
    expect(await sent.getByRole('button', { name: /^Skicka en kort utbildning/ }).count()).toBe(0);
    const lessons = (await session.app.store.campaigns.query()).map((c) => c.value).filter((c) => c.origin);
    expect(lessons).toEqual([expect.objectContaining({ moduleId: 'reservrutiner', audience: 'namnder', committeeCodes: ['SN'], skipPassedWithinDays: 365 })]);
    expect(await session.cutTexts()).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 3000 });
    await sent.screenshot({ path: `${ARTIFACTS_DIR}/readme-lesson-card.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 120_000);
});
