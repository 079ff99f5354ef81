import type { ServerResponse } from 'node:http';
import { sendJson } from '../../http/http-server.js';
import { MANIFEST_ID } from '../teams/package/manifest-id.js';
import type { PlaygroundState } from './playground.state.js';

const CATALOG_ID = 'playground-app';

/**
 * Group chats as Graph offers them to the bot (the playground's default incident space): find the
 * app in the catalogue, make a chat with its members as owners, install the app, add and remove
 * members, rename. Answers what Graph answers where it matters: 404 for a chat or app it does not
 * know, 409 for an app already installed.
 */
export function chatRoute(
  state: PlaygroundState,
  method: string,
  parts: string[],
  url: URL,
  body: Record<string, unknown>,
  res: ServerResponse,
  userIdOf: (member: Record<string, unknown>) => string,
): boolean {
  if (parts[0] === 'appCatalogs' && parts[1] === 'teamsApps' && method === 'GET') {
    const wanted = /externalId eq '(.*)'/.exec(url.searchParams.get('$filter') ?? '')?.[1];
    sendJson(res, 200, { value: wanted === MANIFEST_ID ? [{ id: CATALOG_ID, externalId: wanted }] : [] });
    return true;
  }
  if (parts[0] !== 'chats') return false;
  if (parts.length === 1 && method === 'POST') {
    const members = ((body.members as Array<Record<string, unknown>>) ?? []).map(userIdOf);
    const chat = state.addGroupChat(String(body.topic ?? ''), members);
    sendJson(res, 201, { id: chat.id, topic: chat.name, chatType: 'group', webUrl: null });
    return true;
  }
  const chat = state.conversations.get(parts[1] ?? '');
  if (chat?.kind !== 'chat') {
    sendJson(res, 404, { error: { code: 'NotFound' } });
    return true;
  }
  if (parts[2] === 'installedApps' && method === 'POST') {
    const bind = String(body['teamsApp@odata.bind'] ?? '');
    if (!bind.endsWith(`/appCatalogs/teamsApps/${CATALOG_ID}`))
      sendJson(res, 404, { error: { code: 'NotFound' } });
    else sendJson(res, 201, {});
    return true;
  }
  if (parts.length === 2 && method === 'PATCH') {
    chat.name = String(body.topic ?? chat.name);
    state.touched();
    sendJson(res, 200, { id: chat.id, topic: chat.name });
    return true;
  }
  if (parts[2] === 'members') {
    const members = chat.members ?? new Set<string>();
    if (method === 'GET') {
      sendJson(res, 200, { value: [...members].map((userId) => ({ id: `member-${userId}`, userId })) });
    } else if (method === 'POST') {
      members.add(userIdOf(body));
      state.touched();
      sendJson(res, 201, {});
    } else if (method === 'DELETE') {
      members.delete((parts[3] ?? '').replace(/^member-/, ''));
      state.touched();
      sendJson(res, 204, {});
    } else sendJson(res, 405, { error: { code: 'MethodNotAllowed' } });
    return true;
  }
  sendJson(res, 404, { error: { code: 'NotFound' } });
  return true;
}
