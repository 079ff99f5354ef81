import { type Logger as BoltLogger, HTTPReceiver } from '@slack/bolt';
import { type HttpServer, sendJson } from '../../http/http-server.js';

/** Where Slack sends events, commands and interactions in HTTP mode (the manifest's URL). */
export const SLACK_EVENTS_PATH = '/slack/events';

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
  });
  let running = true;
  server.route('POST', SLACK_EVENTS_PATH, (req, res) => {
    if (!running) {
      sendJson(res, 503, { error: 'stopping' });
      return;
    }
    receiver.requestListener(req, res);
  });
  return {
    receiver,
    stop: () => {
      running = false;
    },
  };
}
