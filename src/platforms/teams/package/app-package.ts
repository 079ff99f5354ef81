import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { colorIcon, outlineIcon } from './icons.js';
import { encodePng } from './png.js';
import { zip } from './zip.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PackageOptions {
  /** Folder with manifest.json, color.png and outline.png. */
  folder: string;
  /** The bot's Microsoft App ID; goes into the bot and into webApplicationInfo (needed for RSC). */
  botId: string;
  /** The Teams app's own id; the manifest's id when not given. */
  appId?: string;
}

/** The manifest with the bot's id filled in. */
export async function packageManifest(options: PackageOptions): Promise<Record<string, unknown>> {
  if (!GUID.test(options.botId)) throw new Error("MicrosoftAppId must be the bot's application id (a GUID).");
  if (options.appId && !GUID.test(options.appId)) throw new Error('TEAMS_APP_ID must be a GUID.');
  const manifest = JSON.parse(await readFile(join(options.folder, 'manifest.json'), 'utf8')) as {
    id: string;
    bots: Array<{ botId: string }>;
    webApplicationInfo: { id: string };
  };
  for (const bot of manifest.bots) bot.botId = options.botId;
  manifest.webApplicationInfo.id = options.botId;
  if (options.appId) manifest.id = options.appId;
  return manifest as unknown as Record<string, unknown>;
}

/** The zip a Teams admin uploads: manifest.json and the two icons at the top level. */
export async function buildAppPackage(options: PackageOptions): Promise<Buffer> {
  const manifest = await packageManifest(options);
  return zip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: 'color.png', data: await readFile(join(options.folder, 'color.png')) },
    { name: 'outline.png', data: await readFile(join(options.folder, 'outline.png')) },
  ]);
}

/** The icons as PNG files, drawn from code so they can be made again. */
export function iconFiles(): { color: Buffer; outline: Buffer } {
  return { color: encodePng(colorIcon(192)), outline: encodePng(outlineIcon(32)) };
}
