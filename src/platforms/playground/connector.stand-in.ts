import type { IncomingMessage, ServerResponse } from 'node:http';
import { type HttpServer, readBody, sendJson } from '../../http/http-server.js';
import { CONVERSATION_NOT_FOUND, fileCardRefusal } from './connector.rules.js';
import {
  DEMO_STAFF,
  PLAYGROUND_GROUP_ID,
  PLAYGROUND_TEAM_NAME,
  PLAYGROUND_TENANT,
  personalChatId,
} from './playground.people.js';
import type { PlaygroundState } from './playground.state.js';

export const CONNECTOR_PREFIX = '/playground/connector/v3/';

/**
 * The Bot Framework Connector as Teams offers it, for the bot's answers in the playground:
 * send, reply, update, create a personal chat, team details and members.
 */
export function registerConnector(server: HttpServer, state: PlaygroundState): void {
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '').slice(CONNECTOR_PREFIX.length);
    const body =
      method === 'GET' ? {} : (JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>);
    const parts = path.split('/');
    if (parts[0] === 'teams' && parts[1]) {
      sendJson(res, 200, { id: parts[1], name: PLAYGROUND_TEAM_NAME, aadGroupId: PLAYGROUND_GROUP_ID });
      return;
    }
    if (parts[0] !== 'conversations') return sendJson(res, 404, { error: { code: 'NotFound' } });
    if (parts.length === 1 && method === 'POST') {
      // Only personal chats are made here; Teams hands back the chat that already exists.
      const member = ((body.members as Array<{ id?: string }>) ?? [])[0]?.id ?? '';
      const id = personalChatId(member);
      if (!state.conversations.has(id)) return sendJson(res, 403, { error: { code: 'NotInstalledForUser' } });
      return sendJson(res, 201, { id });
    }
    const conversation = parts[1] ?? '';
    if (parts[2] === 'pagedmembers' || parts[2] === 'members') {
      const members = DEMO_STAFF.map((person) => ({
        id: `29:${person.aad}`,
        name: `${person.name} (${person.role})`,
        aadObjectId: person.aad,
        tenantId: PLAYGROUND_TENANT,
      }));
      if (parts[3]) {
        const one = members.find((member) => member.id === parts[3] || member.aadObjectId === parts[3]);
        return one ? sendJson(res, 200, one) : sendJson(res, 404, { error: { code: 'MemberNotFound' } });
      }
      return sendJson(res, 200, parts[2] === 'pagedmembers' ? { members } : members);
    }
    if (parts[2] !== 'activities') return sendJson(res, 404, { error: { code: 'NotFound' } });
    const activityId = parts[3];
    if (method === 'PUT' && activityId) {
      const updated = state.update(conversation, activityId, { ...body, from: botFrom() });
      return updated
        ? sendJson(res, 200, { id: updated.id })
        : sendJson(res, 404, { error: { code: 'NotFound' } });
    }
    if (method === 'POST') {
      const refused = fileCardRefusal(conversation.split(';')[0] ?? '', body);
      if (refused) return sendJson(res, refused.status, refused.body);
      const stored = state.add(conversation, { ...body, from: botFrom() }, activityId);
      return stored
        ? sendJson(res, 200, { id: stored.id })
        : sendJson(res, CONVERSATION_NOT_FOUND.status, CONVERSATION_NOT_FOUND.body);
    }
    sendJson(res, 405, { error: { code: 'MethodNotAllowed' } });
  };
  for (const method of ['GET', 'POST', 'PUT', 'DELETE'])
    server.routePrefix(method, CONNECTOR_PREFIX, handler);
}

function botFrom() {
  return { id: 'stappenplan', name: 'Stappenplan' };
}
