import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Activity, TurnContext } from 'botbuilder';
import { readBody, sendJson } from '../../http/http-server.js';
import type { Logger } from '../../logging/logger.js';
import type { TeamsAdapter } from './teams.adapter.js';

/**
 * `POST /api/messages` on the shared server: the body is handed to botbuilder, which checks the
 * token (unless the playground runs without one) and runs the turn; an invoke's answer is the reply.
 */
export function messagesRoute(
  adapter: TeamsAdapter,
  logic: (context: TurnContext) => Promise<void>,
  logger: Logger,
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let activity: Activity;
    try {
      activity = JSON.parse(await readBody(req)) as Activity;
      if (!activity || typeof activity !== 'object' || typeof activity.type !== 'string')
        throw new Error('no activity');
    } catch {
      sendJson(res, 400, { error: 'bad_request' });
      return;
    }
    const authorization = String(req.headers.authorization ?? '');
    try {
      const answer = await adapter.run(authorization, activity, logic);
      if (answer?.body !== undefined) sendJson(res, answer.status ?? 200, answer.body);
      else {
        res.writeHead(answer?.status ?? 200);
        res.end();
      }
    } catch (error) {
      const unauthorized =
        (error as { name?: string; statusCode?: number })?.statusCode === 401 ||
        /unauthori[sz]ed/i.test(String((error as Error)?.message ?? ''));
      if (unauthorized) {
        sendJson(res, 401, { error: 'unauthorized' });
        return;
      }
      logger.error({ err: error }, 'teams request failed');
      sendJson(res, 500, { error: 'internal_error' });
    }
  };
}
