import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { chromiumAvailable, launchChromium } from './support/chromium.js';
import { startPlaygroundApp } from './support/playground-app.js';

const available = chromiumAvailable('The playground browser test');

const MENTOR = 'Mila Jansen (mentor)';
const ZORG = 'Zoë de Vries (zorgcoördinator)';
const DIRECTIE = 'Dana Smit (directie)';
const CHANNEL = '👥 Incident 2026-0001';

async function be(page: Page, person: string) {
  await page.getByLabel('Wissel van collega').selectOption({ label: person });
}

describe.skipIf(!available)('the playground in a browser', () => {
  let app: App;
  let browser: Browser;

  beforeAll(async () => {
    ({ app } = await startPlaygroundApp());
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('A opens an incident and invites B; only A and B see its group chat; B is told A has the step', async () => {
    const a = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await a.goto(`${app.url}/`);
    await expect.poll(() => a.getByRole('button', { name: '# Algemeen' }).count()).toBe(1);

    // A (the mentor) asks for a new incident in the team's channel; only A gets the form.
    await a.getByLabel('Bericht').fill('@Stappenplan incident nieuw');
    await a.getByRole('button', { name: 'Versturen' }).click();
    const title = a.getByLabel('Korte titel');
    await title.waitFor({ timeout: 15_000 });
    await title.fill('Foto 2B');
    await a.getByRole('checkbox', { name: ZORG }).check();
    await a.getByRole('button', { name: 'Openen' }).click();
    // First the truth of the moment, then the same card links into the new group chat.
    await a.getByText('Incident 2026-0001 is geopend. Alleen de genodigden kunnen het zien.').waitFor({
      timeout: 15_000,
    });

    // The group chat appears for A and for B, not for D.
    await a.getByRole('button', { name: CHANNEL }).waitFor({ timeout: 15_000 });
    await be(a, ZORG);
    await a.getByRole('button', { name: CHANNEL }).waitFor();
    await be(a, DIRECTIE);
    // The list is redrawn once the page has asked which channels D may see.
    await expect.poll(() => a.getByRole('button', { name: CHANNEL }).count(), { timeout: 10_000 }).toBe(0);
    await a.getByRole('button', { name: '# Algemeen' }).waitFor();

    // B opens the channel in their own window, which is not told about changes (a stale card).
    const b = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await b.route('**/playground/events', (route) => route.abort());
    await b.goto(`${app.url}/`);
    await be(b, ZORG);
    await b.getByRole('button', { name: CHANNEL }).click();
    await b.getByText('Fase 1 van 7: Direct').waitFor({ timeout: 15_000 });

    // A claims the first step.
    await be(a, MENTOR);
    await a.getByRole('button', { name: CHANNEL }).click();
    await a.getByText('Fase 1 van 7: Direct').waitFor({ timeout: 15_000 });
    await a.getByRole('button', { name: 'Oppakken' }).first().click();
    await a.getByText(`Opgepakt door ${MENTOR}`).first().waitFor({ timeout: 15_000 });

    // B clicks claim on the card they still see, is told A has it, and sees it claimed.
    await b.getByRole('button', { name: 'Oppakken' }).first().click();
    await b.getByText(`${MENTOR} heeft deze stap al opgepakt.`).waitFor({ timeout: 15_000 });
    await b.getByText(`Opgepakt door ${MENTOR}`).first().waitFor();

    await mkdir('test-output', { recursive: true });
    await b.screenshot({ path: 'test-output/playground.png' });
  }, 120_000);
});
