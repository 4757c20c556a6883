import path from 'node:path';
import { ARTIFACTS_DIR, openPlayground, type PlaygroundSession } from '../support/playground-session';

/**
 * "Rapportera till Infosäk" on a chat message, as a person does it in the Agents Playground: the
 * message's "…" menu, the app's action, the dialog with the message filled in, one sentence, send.
 * The Playground reads no manifest, so the command id is typed into its own dialog first, as its
 * README describes; in Teams the command's title is in the menu.
 */
describe('in the Agents Playground, reporting a suspicious message', () => {
  let session: PlaygroundSession;
  beforeAll(async () => {
    session = await openPlayground('medarbetare');
  }, 60_000);
  afterAll(() => session?.close());

  it('opens the report dialog from the message, filled in, and sends it with one sentence', async () => {
    const { page, app } = session;
    await page.getByText('Välkommen till Infosäk').waitFor({ timeout: 20_000 });
    const suspicious = 'Ditt lösenord går ut i dag. Logga in på https://login.example.net/reset för att behålla kontot.';
    await session.send(suspicious);
    // Also in the chat list's preview, for a moment: the chat's own copy is the last.
    const text = page.getByText(suspicious, { exact: true });
    await text.last().waitFor({ timeout: 20_000 });
    // The message's own "…" (the bot answers below it, with a menu of its own): the innermost element holding both.
    const message = page.locator('div').filter({ has: text }).filter({ has: page.getByRole('button', { name: 'Show more information' }) }).last();
    await message.hover();
    await message.getByRole('button', { name: 'Show more information' }).click();
    await page.getByRole('menuitem', { name: 'Action Command' }).click();
    const chooser = page.getByRole('dialog', { name: 'Command ID option dialog' });
    await chooser.getByPlaceholder('Input command id or leave blanks').fill('reportMessage');
    await chooser.getByRole('button', { name: 'Create' }).click();

    const dialog = page.locator('.ac-adaptiveCard', { hasText: 'Vad verkar misstänkt?' }).last();
    await dialog.waitFor({ timeout: 20_000 });
    await dialog.getByText('Logga in på hxxps://login[.]example[.]net/reset', { exact: false }).first().waitFor();
    // The Playground gives the sender's id in the chat ("medarbetare"), where Teams gives the Entra object id: the
    // app cannot find her among the staff, and says so rather than call her a colleague (test/http covers the colleague).
    await dialog.getByText('Anna Andersson (konto i kommunens Teams, inte bland personalen)').first().waitFor();
    expect(await session.cutTexts()).toEqual([]);
    await session.screenshot('playground-report-message-dialog');
    await dialog.screenshot({ path: path.join(ARTIFACTS_DIR, 'readme-report-message-dialog.png') });

    await dialog.locator('textarea').first().fill('Avsändaren ber mig logga in via en länk till en okänd sida. Jag har inte klickat.');
    await dialog.getByRole('button', { name: 'Skicka rapporten' }).click();
    // The receipt in the dialog; its copy arrives in the chat behind it, which re-renders the page: let it arrive first.
    const receipt = page.getByRole('dialog').locator('.ac-adaptiveCard', { hasText: 'Tack! Din rapport är mottagen' }).last();
    await receipt.waitFor({ timeout: 20_000 });
    const reference = /INC-\d{4}-\d{4}/.exec((await receipt.textContent()) ?? '')![0];
    await app.delivery.drained();
    await page.locator('.ac-adaptiveCard', { hasText: reference }).nth(1).waitFor({ timeout: 20_000 });
    await session.screenshot('playground-report-message-receipt');
    await receipt.screenshot({ path: path.join(ARTIFACTS_DIR, 'readme-report-message-receipt.png') });

    const stored = (await app.store.incidents.query()).map((i) => i.value).filter((i) => i.reference === reference);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ category: 'natfiske', committeeCode: 'SN', reportedMessage: { senderKind: 'ej-personal', place: 'chatt' } });
    // Kept as it was written: the card defangs the address, the register keeps the evidence.
    expect(stored[0]!.reportedMessage!.text).toContain('Logga in på https://login.example.net/reset');
  }, 120_000);
});
