import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { buildAppPackage, iconFiles } from './app-package.js';

/**
 * `npm run teams:package`: writes the Teams app package (dist/teams/stappenplan-teams.zip) for
 * MicrosoftAppId. `npm run teams:package -- --icons` draws the icons again first.
 */
async function main(): Promise<void> {
  const folder = resolve('manifests/teams');
  if (process.argv.includes('--icons')) {
    const icons = iconFiles();
    await writeFile(resolve(folder, 'color.png'), icons.color);
    await writeFile(resolve(folder, 'outline.png'), icons.outline);
  }
  const botId = process.env.MicrosoftAppId?.trim() ?? '';
  if (!botId) {
    process.stderr.write('Configuration error: MicrosoftAppId must be set to build the Teams app package.\n');
    process.exit(1);
  }
  const appId = process.env.TEAMS_APP_ID?.trim() || undefined;
  const out = resolve(process.env.TEAMS_PACKAGE_FILE?.trim() || 'dist/teams/stappenplan-teams.zip');
  try {
    const file = await buildAppPackage({ folder, botId, ...(appId ? { appId } : {}) });
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, file);
    process.stdout.write(`Teams app package written to ${out}\n`);
  } catch (error) {
    process.stderr.write(`Configuration error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

void main();
