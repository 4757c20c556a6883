import { openPlayground, type PlaygroundSession } from '../support/playground-session';

describe('in the Agents Playground, as the demo coordinator', () => {
  let session: PlaygroundSession;
  beforeAll(async () => {
    session = await openPlayground('samordnare');
  }, 60_000);
  afterAll(() => session?.close());

  it('shows the welcome card when the app is installed', async () => {
    await session.page.getByText('Välkommen till Infosäk').waitFor({ timeout: 20_000 });
    await session.page.getByRole('button', { name: 'Rapportera incident' }).first().waitFor();
  });

  it('answers "hjälp" with the help card, rendered, naming who is signed in', async () => {
    await session.send('hjälp');
    await session.page.getByText('Det här kan Infosäk').waitFor({ timeout: 20_000 });
    // Each role once, with its committees
    await session.page.getByText(/Du är Sara Lind – .*informationssäkerhetssamordnare i Socialnämnden och Kultur- och fritidsnämnden\./).waitFor();
    await session.page.getByText('mina aktiviteter', { exact: true }).waitFor();
    await session.screenshot('playground-help-card');
    // A coordinator's buttons: their activities and the status tab too
    const help = session.page.locator('.ac-adaptiveCard', { hasText: 'Det här kan Infosäk' }).last();
    for (const button of ['Rapportera incident', 'Min utbildning', 'Mina aktiviteter', 'Öppna status']) await help.getByText(button, { exact: true }).waitFor({ timeout: 5_000 });
  });

  it('answers a press on a card button in the chat', async () => {
    await session.page.getByRole('button', { name: 'Min utbildning' }).first().click();
    // An Action.Submit button: the answer comes as a new message, the training list.
    await session.page.locator('.ac-adaptiveCard', { hasText: 'Din utbildning' }).getByRole('button', { name: 'Starta', exact: true }).first().waitFor({ timeout: 20_000 });
  });
});
