import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Activity, TurnContext } from 'botbuilder';
import { BodyTooLargeError, readBody, sendJson, sendTooLarge } from '../../http/http-server.js';
import type { Logger } from '../../logging/logger.js';
import { activityShapeProblem } from './activity-shape.js';
import { AFTER_REPLY, type AfterReplyTask } from './handlers/after-reply.js';
import type { TeamsAdapter } from './teams.adapter.js';
import { onlyAllowedTenants, TenantNotAllowedError } from './teams.tenant-guard.js';
import { isRejectedToken, rejectionReason } from './token-rejection.js';

/**
 * `POST /api/messages` on the shared server: the body is handed to botbuilder, which checks the
 * token (unless the playground runs without one) and runs the turn; an invoke's answer is the reply.
 * A refused token is 401 and a tenant not on `allowedTenants` 403, both with nothing in the body.
 */
export function messagesRoute(
  adapter: TeamsAdapter,
  logic: (context: TurnContext) => Promise<void>,
  logger: Logger,
  allowedTenants: readonly string[] | null = null,
  /** Where replies may go; the playground allows only its own connector. */
  acceptsServiceUrl: (serviceUrl: unknown) => boolean = () => true,
) {
  const guarded = onlyAllowedTenants(allowedTenants, logic);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let activity: Activity;
    try {
      activity = JSON.parse(await readBody(req)) as Activity;
      if (!activity || typeof activity !== 'object' || typeof activity.type !== 'string')
        throw new Error('no activity');
      const problem = activityShapeProblem(activity as unknown as Record<string, unknown>);
      if (problem) throw new Error(`not an activity: ${problem}`);
    } catch (error) {
      if (error instanceof BodyTooLargeError) sendTooLarge(res, error.limit);
      else sendJson(res, 400, { error: 'bad_request' });
      return;
    }
    if (!acceptsServiceUrl(activity.serviceUrl)) {
      logger.warn({ type: activity.type }, 'teams request refused: replies would go to another address');
      sendJson(res, 403, { error: 'forbidden' });
      return;
    }
    const authorization = String(req.headers.authorization ?? '');
    // botbuilder checks the token before the turn starts; an error before that is about the token.
    let turnStarted = false;
    const later: AfterReplyTask[] = [];
    try {
      const answer = await adapter.run(authorization, activity, (context) => {
        turnStarted = true;
        context.turnState.set(AFTER_REPLY, later);
        return guarded(context);
      });
      if (answer?.body !== undefined) sendJson(res, answer.status ?? 200, answer.body);
      else {
        res.writeHead(answer?.status ?? 200);
        res.end();
      }
      void runLater(later, logger);
    } catch (error) {
      if (error instanceof TenantNotAllowedError) {
        logger.warn(
          { tenantId: error.tenantId, type: activity.type },
          'teams activity from a tenant not allowed',
        );
        sendJson(res, 403, { error: 'forbidden' });
        return;
      }
      if (!turnStarted && isRejectedToken(error)) {
        logger.warn({ refusal: rejectionReason(error) }, 'teams request refused: token not accepted');
        sendJson(res, 401, { error: 'unauthorized' });
        return;
      }
      logger.error({ err: error }, 'teams request failed');
      sendJson(res, 500, { error: 'internal_error' });
    }
  };
}

/** The turn's after-reply work, in order; a failure is logged and does not stop the rest. */
async function runLater(tasks: AfterReplyTask[], logger: Logger): Promise<void> {
  for (const task of tasks) {
    await task().catch((error: unknown) => logger.warn({ err: error }, 'teams follow-up failed'));
  }
}
