import type { IncomingMessage, ServerResponse } from 'node:http';
import { type HttpServer, readBody, sendJson } from '../../http/http-server.js';
import { MANIFEST_ID } from '../teams/package/manifest-id.js';
import { ALL_ROLES, GraphStandIn } from './graph.rules.js';
import { PLAYGROUND_TENANT } from './playground.people.js';
import type { PlaygroundState } from './playground.state.js';

export const GRAPH_PREFIX = '/playground/graph/';
export const TOKEN_PREFIX = '/playground/token/';

/** The playground's app has every permission it could ask for (its token says so). */
const GRANTED = new Set<string>(ALL_ROLES);

/**
 * The part of Microsoft Graph the bot uses, for the playground's one team, with the rules the
 * tests hold it to (./graph.rules.ts): group chats and private channels become conversations
 * on the page. Plus a token endpoint.
 */
export function registerGraph(server: HttpServer, state: PlaygroundState): void {
  server.routePrefix('POST', TOKEN_PREFIX, (_req, res) =>
    sendJson(res, 200, { access_token: 'playground-token', expires_in: 3600, token_type: 'Bearer' }),
  );
  const graph = new GraphStandIn(PLAYGROUND_TENANT, MANIFEST_ID, {
    changed: (space) => state.placeSpace(space),
    postsOf: (channelId) =>
      state
        .list(channelId)
        .filter((message) => !message.replyToId)
        .map((message) => ({ id: message.id, card: firstCard(message.activity) })),
  });
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://playground');
    const path = `/${decodeURIComponent(url.pathname).slice(GRAPH_PREFIX.length)}${decodeURIComponent(url.search)}`;
    const method = req.method ?? 'GET';
    const raw = method === 'GET' ? '' : await readBody(req);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw || '{}') as Record<string, unknown>;
    } catch {
      return sendJson(res, 400, { error: { code: 'BadRequest', message: 'Invalid JSON' } });
    }
    const answer = graph.route(method, path, body, GRANTED) ?? {
      status: 404,
      body: { error: { code: 'NotFound' } },
    };
    sendJson(res, answer.status, answer.body ?? {});
  };
  for (const method of ['GET', 'POST', 'PATCH', 'DELETE']) server.routePrefix(method, GRAPH_PREFIX, handler);
}

function firstCard(activity: Record<string, unknown>): Record<string, unknown> {
  const attachments = (activity.attachments as Array<{ content?: unknown }> | undefined) ?? [];
  return (attachments[0]?.content as Record<string, unknown> | undefined) ?? {};
}
