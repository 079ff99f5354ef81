import {
  type Logger as BoltLogger,
  ErrorCode,
  HTTPReceiver,
  type ReceiverProcessEventErrorHandlerArgs,
} from '@slack/bolt';
import {
  BodyTooLargeError,
  type HttpServer,
  readRawBody,
  sendJson,
  sendTooLarge,
} from '../../http/http-server.js';

/** Where Slack sends events, commands and interactions in HTTP mode (the manifest's URL). */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Bolt's own default limit (`bodyLimit`, 4 MB); Slack documents no smaller maximum. */
const SLACK_BODY_LIMIT = 4 * 1024 * 1024;

/**
 * Bolt's own HTTPReceiver, mounted on the process's shared HTTP server instead of a server of its
 * own. It keeps Bolt's request verification: the signature over timestamp and body with the
 * signing secret, and the timestamp window that stops replays. A request that fails it gets 401
 * before any handler runs.
 */
export function mountHttpReceiver(
  server: HttpServer,
  options: { signingSecret: string; logger: BoltLogger },
): { receiver: HTTPReceiver; stop(): void } {
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    logger: options.logger,
    processEventErrorHandler: answerUnprocessable,
  });
  let running = true;
  server.route('POST', SLACK_EVENTS_PATH, async (req, res) => {
    if (!running) {
      sendJson(res, 503, { error: 'stopping' });
      return;
    }
    // The body is read here so an oversized one gets 413 with a sentence (Bolt answers 413 with
    // none); Bolt then verifies the signature over this same `rawBody`.
    let rawBody: Buffer;
    try {
      rawBody = await readRawBody(req, SLACK_BODY_LIMIT);
    } catch (error) {
      if (error instanceof BodyTooLargeError) sendTooLarge(res, error.limit);
      else sendJson(res, 400, { error: 'bad_request' });
      return;
    }
    receiver.requestListener(Object.assign(req, { rawBody }), res);
  });
  return {
    receiver,
    stop: () => {
      running = false;
    },
  };
}

/**
 * A correctly signed request that Bolt cannot process before any handler acks: Bolt throws while
 * reading a payload whose shape it does not expect (an `event` that is not an object, `actions`
 * that is not a list, ...). Bolt's default answers 500, which Slack retries
 * (https://docs.slack.dev/apis/events-api/#retries); the request itself is at fault, so it gets
 * 400. Our own handlers ack first, so their failures never arrive here. An authorization failure
 * keeps Bolt's 401; once a response has gone out, nothing is written.
 */
export async function answerUnprocessable(args: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> {
  const { error, response, logger } = args;
  if (response.headersSent) {
    logger.error('An unhandled error occurred after ack() called in a listener');
    return false;
  }
  const code = (error as { code?: unknown }).code;
  if (code === ErrorCode.AuthorizationError) {
    response.writeHead(401).end();
    return true;
  }
  logger.warn(`Slack request that could not be processed: ${error.name}`);
  sendJson(response, 400, { error: 'bad_request' });
  return true;
}
