import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { describe, expect, it } from 'vitest';
import { parseIncidentCommand } from '../../../src/core/interactions/command.parser.js';
import {
  buildAppPackage,
  iconFiles,
  packageManifest,
} from '../../../src/platforms/teams/package/app-package.js';
import { pngSize } from '../../../src/platforms/teams/package/png.js';

const FOLDER = 'manifests/teams';
const BOT_ID = '11111111-2222-4333-8444-555555555555';
const require = createRequire(import.meta.url);

async function schema(version: string) {
  const path = require.resolve(
    `@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`,
  );
  return JSON.parse(await readFile(path, 'utf8'));
}

async function validate(manifest: Record<string, unknown>): Promise<string[]> {
  const check = AppManifestUtils.validateAgainstSchema as (m: unknown, s: unknown) => Promise<string[]>;
  return check(manifest, await schema(String(manifest.manifestVersion)));
}

/** The files of a zip, read back with inflate (a small reader, so the test does not trust our writer's view). */
function unzip(file: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const end = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = file.readUInt16LE(end + 10);
  let at = file.readUInt32LE(end + 16);
  for (let i = 0; i < count; i += 1) {
    expect(file.readUInt32LE(at)).toBe(0x02014b50);
    const size = file.readUInt32LE(at + 20);
    const nameLength = file.readUInt16LE(at + 28);
    const extra = file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
    const local = file.readUInt32LE(at + 42);
    const name = file.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataAt = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    files.set(name, inflateRawSync(file.subarray(dataAt, dataAt + size)));
    at += 46 + nameLength + extra;
  }
  return files;
}

describe('the Teams app manifest', () => {
  it("is valid against Microsoft's own schema, as committed and as packaged", async () => {
    const committed = JSON.parse(await readFile(join(FOLDER, 'manifest.json'), 'utf8'));
    expect(await validate(committed)).toEqual([]);
    const packaged = await packageManifest({ folder: FOLDER, botId: BOT_ID });
    expect(await validate(packaged)).toEqual([]);
    expect(packaged).toMatchObject({ bots: [{ botId: BOT_ID }], webApplicationInfo: { id: BOT_ID } });
  });

  it('the check catches a broken manifest', async () => {
    const committed = JSON.parse(await readFile(join(FOLDER, 'manifest.json'), 'utf8'));
    const broken = {
      ...committed,
      accentColor: 'teal',
      bots: [{ ...committed.bots[0], botId: 'not-a-guid' }],
    };
    expect((await validate(broken)).length).toBeGreaterThanOrEqual(2);
  });

  it('asks the resource-specific permissions the flow needs, and runs in chats and private channels', async () => {
    const manifest = JSON.parse(await readFile(join(FOLDER, 'manifest.json'), 'utf8'));
    const rsc = manifest.authorization.permissions.resourceSpecific.map((p: { name: string }) => p.name);
    expect(rsc).toEqual(
      expect.arrayContaining([
        'ChannelMessage.Read.Group',
        'Channel.Create.Group',
        'ChannelMember.ReadWrite.Group',
        'ChannelSettings.Read.Group',
        // Renaming the incident's group chat at closing ("Incident 2026-0042 (gesloten)").
        'ChatSettings.ReadWrite.Chat',
      ]),
    );
    expect(manifest.supportedChannelTypes).toContain('privateChannels');
    // "Adapt your app for private and shared channels": without it the app cannot be added to one.
    expect(manifest.supportsChannelFeatures).toBe('tier1');
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    // "Send and receive files using bots": the file consent card needs supportsFiles.
    expect(manifest.bots[0].supportsFiles).toBe(true);
  });

  it('lists the commands the bot understands, Dutch and English, in every scope it declares', async () => {
    const manifest = JSON.parse(await readFile(join(FOLDER, 'manifest.json'), 'utf8'));
    const lists: Array<{ scopes: string[]; commands: Array<{ title: string }> }> =
      manifest.bots[0].commandLists;
    expect(lists.flatMap((list) => list.scopes).sort()).toEqual([...manifest.bots[0].scopes].sort());
    for (const list of lists) {
      const titles = list.commands.map((c) => c.title);
      expect(titles.map((title) => parseIncidentCommand(title.replace(/^incident /, '')).kind)).toEqual([
        'new',
        'status',
        'close',
        'dossier',
        'help',
        'new',
        'close',
      ]);
    }
  });

  it('has icons of the sizes Teams asks, the same as drawn by code', async () => {
    const color = await readFile(join(FOLDER, 'color.png'));
    const outline = await readFile(join(FOLDER, 'outline.png'));
    expect(pngSize(color)).toEqual({ width: 192, height: 192 });
    expect(pngSize(outline)).toEqual({ width: 32, height: 32 });
    const drawn = iconFiles();
    expect(drawn.color.equals(color)).toBe(true);
    expect(drawn.outline.equals(outline)).toBe(true);
  });

  it('packages manifest and icons into a zip a Teams admin can upload', async () => {
    const files = unzip(await buildAppPackage({ folder: FOLDER, botId: BOT_ID }));
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    expect(JSON.parse(files.get('manifest.json')!.toString('utf8')).bots[0].botId).toBe(BOT_ID);
    expect(files.get('color.png')!.equals(await readFile(join(FOLDER, 'color.png')))).toBe(true);
  });

  it('refuses to package without a proper bot id', async () => {
    await expect(packageManifest({ folder: FOLDER, botId: 'abc' })).rejects.toThrow('MicrosoftAppId');
  });
});
