import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { type HttpServer, readBody, sendJson } from '../../http/http-server.js';
import {
  DEMO_STAFF,
  PLAYGROUND_TEAM_ID,
  PLAYGROUND_TEAM_NAME,
  PLAYGROUND_TENANT,
} from './playground.people.js';
import type { PlaygroundState } from './playground.state.js';

const require = createRequire(import.meta.url);

/** The page, its script, Microsoft's Adaptive Cards renderer and the page's view of the team. */
export function registerPage(server: HttpServer, state: PlaygroundState): void {
  const file = (path: string, type: string) => async (_req: IncomingMessage, res: ServerResponse) => {
    try {
      const content = await readFile(path);
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(content);
    } catch {
      sendJson(res, 404, { error: 'not_found' });
    }
  };
  const page = file(new URL('./web/playground.html', import.meta.url).pathname, 'text/html; charset=utf-8');
  server.route('GET', '/', page);
  server.route('GET', '/playground', page);
  server.route(
    'GET',
    '/playground/playground.js',
    file(new URL('./web/playground.js', import.meta.url).pathname, 'text/javascript; charset=utf-8'),
  );
  // Served from the installed package: no CDN, the page works offline.
  server.route(
    'GET',
    '/playground/adaptivecards.js',
    file(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'text/javascript; charset=utf-8'),
  );

  server.route('GET', '/favicon.ico', (_req, res) => {
    res.writeHead(204);
    res.end();
  });

  server.route('GET', '/playground/team', (_req, res) =>
    sendJson(res, 200, {
      tenantId: PLAYGROUND_TENANT,
      team: { id: PLAYGROUND_TEAM_ID, name: PLAYGROUND_TEAM_NAME },
      people: DEMO_STAFF,
    }),
  );

  server.route('GET', '/playground/conversations', (req, res) => {
    const user = new URL(req.url ?? '/', 'http://p').searchParams.get('user') ?? '';
    sendJson(
      res,
      200,
      state
        .visibleTo(user)
        .map((conversation) => ({ id: conversation.id, name: conversation.name, kind: conversation.kind })),
    );
  });

  server.route('GET', '/playground/messages', (req, res) => {
    const query = new URL(req.url ?? '/', 'http://p').searchParams;
    const user = query.get('user') ?? '';
    const conversation = query.get('conversation') ?? '';
    // A private channel's messages only for its members, as in Teams.
    if (!state.canSee(user, conversation)) return sendJson(res, 403, { error: 'not_a_member' });
    sendJson(res, 200, state.list(conversation));
  });

  // What a person types is kept in the conversation first, then sent to the bot by the page.
  server.route('POST', '/playground/record', async (req, res) => {
    const body = JSON.parse((await readBody(req)) || '{}') as {
      user?: string;
      conversation?: string;
      activity?: Record<string, unknown>;
    };
    if (!body.user || !body.conversation || !body.activity || !state.canSee(body.user, body.conversation)) {
      return sendJson(res, 403, { error: 'not_a_member' });
    }
    const id = typeof body.activity.id === 'string' ? body.activity.id.slice(0, 64) : undefined;
    const stored = state.add(body.conversation, body.activity, undefined, id);
    sendJson(res, 200, { id: stored?.id });
  });

  server.route('GET', '/playground/events', (req, res) => {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write('retry: 1000\n\n');
    let pending: NodeJS.Timeout | null = null;
    const stop = state.onChange(() => {
      // Several changes in a burst (nine cards) become one notice.
      if (pending) return;
      pending = setTimeout(() => {
        pending = null;
        res.write('data: changed\n\n');
      }, 50);
    });
    req.on('close', () => {
      stop();
      if (pending) clearTimeout(pending);
    });
  });
}
