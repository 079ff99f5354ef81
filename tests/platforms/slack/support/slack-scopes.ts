import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The bot scopes an app manifest asks for. */
export function manifestScopes(file: string): string[] {
  const manifest = parse(readFileSync(file, 'utf8')) as { oauth_config?: { scopes?: { bot?: string[] } } };
  return manifest.oauth_config?.scopes?.bot ?? [];
}

type Args = Record<string, unknown>;

/**
 * The bot-token scope each Web API method needs, per Slack's method reference. The fake Web API
 * refuses a call whose scope the installed app lacks, with `missing_scope` and `needed`, as Slack
 * does: so the tests also prove the manifest's scopes are enough.
 */
export function scopeFor(
  method: string,
  args: Args,
  channelIsPrivate: (id: string) => boolean,
): string | null {
  const channel = typeof args.channel === 'string' ? args.channel : '';
  const isPrivate = channel ? channelIsPrivate(channel) : false;
  switch (method) {
    case 'conversations.create':
      return args.is_private === true || args.is_private === 'true' ? 'groups:write' : 'channels:manage';
    case 'conversations.invite':
    case 'conversations.kick':
    case 'conversations.archive':
      return isPrivate ? 'groups:write' : 'channels:manage';
    case 'conversations.list':
      return String(args.types ?? 'public_channel').includes('private_channel')
        ? 'groups:read'
        : 'channels:read';
    case 'conversations.history':
      return isPrivate ? 'groups:history' : 'channels:history';
    case 'conversations.open':
      return 'im:write';
    case 'chat.postMessage':
    case 'chat.update':
    case 'chat.postEphemeral':
      return 'chat:write';
    case 'pins.add':
      return 'pins:write';
    case 'users.info':
      return 'users:read';
    case 'files.info':
      return 'files:read';
    case 'files.getUploadURLExternal':
    case 'files.completeUploadExternal':
      return 'files:write';
    default:
      return null;
  }
}
