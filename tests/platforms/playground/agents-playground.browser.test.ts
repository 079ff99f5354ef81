import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  freePort,
  type Running,
  startAgentsPlayground,
  startBot,
} from '../../../scripts/agents-playground.launcher.js';
import { t } from '../../../src/core/i18n/catalogue.js';
import { freshPostgres } from '../../support/fresh-postgres.js';
import { chromiumAvailable, launchChromium } from './support/chromium.js';

/**
 * Microsoft 365 Agents Playground (Microsoft's Teams simulator, the devDependency
 * @microsoft/m365agentsplayground) against the bot in Teams mode without sign-in, both started
 * the way `npm run dev:teams` starts them, driven through the simulator's own page.
 */
const available = chromiumAvailable('The Agents Playground browser test');

// The simulator writes `locale: "en-US"` into every activity it sends, so the bot answers in English.
const en = (key: Parameters<typeof t>[1], values?: Record<string, string | number>) => t('en', key, values);
const HELP_FIRST_LINE = en('teams.help').split('\n')[0] ?? '';
const TITLE_REQUIRED = en('input.required', { field: en('field.title') });
/** What the bot must not say while the incident's space does not exist. */
const CLAIMS_SUCCESS = /is geopend|has been opened/i;
const RETRY = /Probeer opnieuw|Try again|Retry/i;
const OUT = 'test-output';

describe.skipIf(!available)('Microsoft 365 Agents Playground against the bot in Teams mode', () => {
  let bot: Running | undefined;
  let simulator: Running | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let scratch = '';
  let dropDatabase: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'stappenplan-agents-playground-'));
    await mkdir(OUT, { recursive: true });
    const adminUrl = inject('postgresUrl');
    let database: Record<string, string> = { DATA_DIR: 'memory://' };
    if (adminUrl) {
      // The server starts much faster than the embedded database in a new process.
      const fresh = await freshPostgres(adminUrl);
      dropDatabase = fresh.drop;
      database = { DATABASE_URL: fresh.url };
    }
    const [botPort, simulatorPort] = await Promise.all([freePort(), freePort()]);
    // All three start at once: the simulator's page waits ("Connecting to your application…")
    // until the bot answers.
    const botReady = startBot({ port: botPort, output: 'collect', env: { ...database, LOG_LEVEL: 'warn' } });
    const simulatorReady = startAgentsPlayground({
      port: simulatorPort,
      botEndpoint: `http://127.0.0.1:${botPort}/api/messages`,
      logFile: join(scratch, 'agents-playground.log'),
      openBrowser: false,
    });
    // Kept for afterAll as soon as each is up; a failure is reported where it is awaited below.
    botReady.then(
      (running) => {
        bot = running;
      },
      () => undefined,
    );
    simulatorReady.then(
      (running) => {
        simulator = running;
      },
      () => undefined,
    );
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    // Its page asks a Microsoft CDN for fonts; only this machine is reachable here.
    await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
    page = await context.newPage();
    await page.goto(`${(await simulatorReady).url}/`, { waitUntil: 'domcontentloaded' });
    await botReady;
    await logLine(page, /Configuration file is loaded from .*\.m365agentsplayground\.yml/).waitFor({
      timeout: 30_000,
    });

    // Opening the team's General channel the first time installs the app in the team (Teams
    // does that on installation); the bot learns the team from it, as the personal chat needs.
    const updates = await logLine(page, /-> User Application conversationUpdate 200/).count();
    await page.getByRole('treeitem', { name: 'Zorgteam - General' }).click();
    await waitUntil(
      async () => (await logLine(page, /-> User Application conversationUpdate 200/).count()) > updates,
    );
    await page.getByRole('treeitem', { name: 'Personal Chat' }).click();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([bot?.stop(), simulator?.stop()]);
    if (bot) await writeFile(join(OUT, 'agents-playground-bot.log'), bot.output());
    await dropDatabase?.();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('personal chat: `incident help` and plain `help` answer with the help text', async () => {
    const help = page.getByRole('paragraph').filter({ hasText: HELP_FIRST_LINE });
    const before = await help.count();
    await send(page, 'incident help');
    await expect.poll(() => help.count(), { timeout: 15_000 }).toBe(before + 1);
    await send(page, 'help');
    await expect.poll(() => help.count(), { timeout: 15_000 }).toBe(before + 2);
    await page.screenshot({ path: `${OUT}/agents-playground-help.png` });
  });

  it('`incident nieuw` shows the form; an empty title is refused inline', async () => {
    await send(page, 'incident nieuw');
    const form = lastCard(page);
    const title = form.getByRole('textbox', { name: en('field.title') });
    await title.waitFor({ timeout: 15_000 });
    const invokes = () => logLine(page, /-> User Application invoke/).count();
    const sent = await invokes();

    // Empty: Microsoft's renderer refuses it (the card marks the title required) before sending.
    await form.getByRole('button', { name: en('command.submit'), exact: true }).click();
    await form.getByText(TITLE_REQUIRED).waitFor();
    await page.waitForTimeout(500);
    expect(await invokes()).toBe(sent);
    await page.screenshot({ path: `${OUT}/agents-playground-empty-title.png` });

    // Only spaces pass the renderer; the bot refuses them and sends the form back with the error.
    await title.fill('   ');
    await form.getByRole('button', { name: en('command.submit'), exact: true }).click();
    await expect.poll(invokes, { timeout: 15_000 }).toBe(sent + 1);
    await lastCard(page).locator('.ac-richTextBlock', { hasText: TITLE_REQUIRED }).waitFor();
    await lastCard(page)
      .getByRole('button', { name: en('command.submit'), exact: true })
      .waitFor();
    await page.screenshot({ path: `${OUT}/agents-playground-spaces-title.png` });
  });

  it('Open: the bot never claims success for an incident space that does not exist', async () => {
    // The simulator's Connector answers 404 for the new incident space: it only knows its own chats.
    const form = lastCard(page);
    await form.getByRole('textbox', { name: en('field.title') }).fill('Foto 2B');
    await form.getByRole('button', { name: en('command.submit'), exact: true }).click();
    const chat = page.getByText(CLAIMS_SUCCESS).or(page.getByRole('button', { name: RETRY }));
    await chat.first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1_000);
    const cards = await page.locator('.ac-adaptiveCard').allInnerTexts();
    // A call and its HTTP status (the lookahead skips the "365" in the simulator's name).
    const trace = await logLine(page, /User Application.*\b[a-zA-Z]+ \d{3}\b(?! Agents)/).allInnerTexts();
    await writeFile(
      `${OUT}/agents-playground-open.txt`,
      `Cards after Open:\n${cards.join('\n---\n')}\n\nSimulator log:\n${trace.slice(-6).join('\n')}\n`,
    );
    await page.screenshot({ path: `${OUT}/agents-playground-open.png` });
    expect(cards.join('\n')).not.toMatch(CLAIMS_SUCCESS);
    await page.getByRole('button', { name: RETRY }).last().waitFor({ timeout: 15_000 });
  });

  it('`incident status` answers with the incident', async () => {
    const answer = page.getByText(/2026-0001/);
    const before = await answer.count();
    await send(page, 'incident status');
    await expect.poll(() => answer.count(), { timeout: 15_000 }).toBeGreaterThan(before);
    await page.screenshot({ path: `${OUT}/agents-playground-status.png` });
  });
});

async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox').last();
  await box.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The newest Adaptive Card in the conversation (Microsoft's renderer marks each with this class). */
function lastCard(page: Page): Locator {
  return page.locator('.ac-adaptiveCard').last();
}

/** A line of the simulator's log panel, which lists every call between it and the bot. */
function logLine(page: Page, text: RegExp): Locator {
  return page.getByText(text);
}
