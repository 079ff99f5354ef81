import type { IncomingMessage, ServerResponse } from 'node:http';
import { type HttpServer, readBody, sendJson } from '../../http/http-server.js';
import { chatRoute } from './graph-chats.stand-in.js';
import { PLAYGROUND_GROUP_ID } from './playground.people.js';
import type { PlaygroundState } from './playground.state.js';

export const GRAPH_PREFIX = '/playground/graph/';
export const TOKEN_PREFIX = '/playground/token/';

/**
 * The part of Microsoft Graph the bot uses, for the playground's one team: group chats
 * (./graph-chats.stand-in.ts), and private channels (find, create with members from the request,
 * add members, archive). Plus a token endpoint.
 */
export function registerGraph(server: HttpServer, state: PlaygroundState): void {
  server.routePrefix('POST', TOKEN_PREFIX, (_req, res) =>
    sendJson(res, 200, { access_token: 'playground-token', expires_in: 3600, token_type: 'Bearer' }),
  );
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://playground');
    const parts = decodeURIComponent(url.pathname).slice(GRAPH_PREFIX.length).split('/');
    if (parts[0] === 'chats' || parts[0] === 'appCatalogs') {
      const body =
        req.method === 'GET' ? {} : (JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>);
      chatRoute(state, req.method ?? 'GET', parts, url, body, res, userIdOf);
      return;
    }
    if (parts[0] !== 'teams' || parts[1] !== PLAYGROUND_GROUP_ID || parts[2] !== 'channels') {
      return sendJson(res, 404, { error: { code: 'NotFound' } });
    }
    if (req.method === 'GET' && parts.length === 3) {
      const name = /displayName eq '(.*)'/
        .exec(url.searchParams.get('$filter') ?? '')?.[1]
        ?.replace(/''/g, "'");
      const value = [...state.conversations.values()]
        .filter((c) => c.kind !== 'personal' && (name === undefined || c.name === name))
        .map((c) => ({
          id: c.id,
          displayName: c.name,
          membershipType: c.kind === 'private' ? 'private' : 'standard',
        }));
      return sendJson(res, 200, { value });
    }
    if (req.method === 'GET' && parts[4] === 'messages') {
      const value = state
        .list(parts[3] ?? '')
        .filter((message) => !message.replyToId)
        .map((message) => ({
          id: message.id,
          attachments: (
            (message.activity.attachments as Array<{ contentType: string; content: unknown }>) ?? []
          ).map((attachment) => ({
            contentType: attachment.contentType,
            content: JSON.stringify(attachment.content),
          })),
        }));
      return sendJson(res, 200, { value });
    }
    const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
    if (req.method === 'POST' && parts.length === 3) {
      const name = String(body.displayName ?? '');
      if ([...state.conversations.values()].some((c) => c.name === name)) {
        return sendJson(res, 409, { error: { code: 'NameAlreadyExists' } });
      }
      if (body.membershipType !== 'private')
        return sendJson(res, 400, { error: { code: 'OnlyPrivateHere' } });
      const members = ((body.members as Array<Record<string, unknown>>) ?? []).map(userIdOf);
      const channel = state.addPrivateChannel(name, members);
      return sendJson(res, 201, { id: channel.id, displayName: channel.name, membershipType: 'private' });
    }
    const channel = state.conversations.get(parts[3] ?? '');
    if (req.method === 'POST' && channel && parts[4] === 'members') {
      channel.members?.add(userIdOf(body));
      return sendJson(res, 201, {});
    }
    if (req.method === 'POST' && channel && parts[4] === 'archive') return sendJson(res, 202, {});
    sendJson(res, 404, { error: { code: 'NotFound' } });
  };
  for (const method of ['GET', 'POST', 'PATCH', 'DELETE']) server.routePrefix(method, GRAPH_PREFIX, handler);
}

/** `https://…/users('id')` → `id`. */
function userIdOf(member: Record<string, unknown>): string {
  const bind = String(member['user@odata.bind'] ?? '');
  return decodeURIComponent(/users\('([^']+)'\)/.exec(bind)?.[1] ?? '');
}
