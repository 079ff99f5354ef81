import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Whether a browser test can run here. On CI a missing Chromium is an error; elsewhere the test
 * (`what`) is skipped with a note that says how to get it.
 */
export function chromiumAvailable(what: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true')
    throw new Error(`CI=true but Chromium is missing at ${CHROMIUM}; .ci/run installs it.`);
  console.warn(`\n[tests] ${what} is SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium).\n`);
  return false;
}

/** A headless Chromium that reaches nothing but this machine on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
