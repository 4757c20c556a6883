import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../src/config/config';
import { startPlayground, waitForHttp } from '../../src/playground/start-playground';
import { startTestApp } from './app-harness';
import { launchChromium } from './chromium';
import { freePort } from './free-port';

export const ARTIFACTS_DIR = path.join(projectRoot(), 'test-artifacts');

/**
 * The app, the real Agents Playground against it signed in as one demo persona, and headless
 * Chromium on the Playground's page: a person's view of the bot.
 */
/**
 * Text in any card on the page that is cut at the card's width: a text block, label or button whose
 * content is wider than its box. Run in the page as text (the tests are compiled without the DOM's types).
 */
const CUT_TEXTS = `[...document.querySelectorAll('.ac-adaptiveCard .ac-textBlock, .ac-adaptiveCard .ac-pushButton, .ac-adaptiveCard label')]
  .filter((e) => e.getBoundingClientRect().width > 0 && e.scrollWidth > e.clientWidth + 1)
  .map((e) => (e.textContent || '').trim().slice(0, 80))`;

export async function openPlayground(persona: string) {
  const app = await startTestApp();
  const port = await freePort();
  const playground = startPlayground({
    botEndpoint: `http://127.0.0.1:${app.port}/api/messages`,
    port,
    persona,
    dataDir: app.config.dataDir,
  });
  let browser: Browser | undefined;
  try {
    await waitForHttp(playground.url, 30_000);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE' });
    // The Playground re-renders its messages when the minute on the page's clock changes, which
    // resets a card's inputs as a person is filling them in: the page's clock stands still.
    await page.clock.setFixedTime(new Date());
    await page.goto(playground.url);
    return {
      app,
      page,
      async send(text: string) {
        const box = page.getByRole('textbox', { name: /message|meddelande/i }).or(page.locator('[data-lexical-editor="true"]')).first();
        await box.click();
        await box.fill(text);
        await box.press('Enter');
      },
      /** What text the cards on the page cut at their width (none, when they look right). */
      cutTexts: () => page.evaluate<string[]>(CUT_TEXTS),
      async screenshot(name: string) {
        mkdirSync(ARTIFACTS_DIR, { recursive: true });
        await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
      },
      async close() {
        await browser?.close();
        await stopChild(playground.process);
        await app.stop();
      },
    };
  } catch (err) {
    await browser?.close();
    await stopChild(playground.process);
    await app.stop();
    throw err;
  }
}

export type PlaygroundSession = Awaited<ReturnType<typeof openPlayground>>;

export type { Page };

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}
