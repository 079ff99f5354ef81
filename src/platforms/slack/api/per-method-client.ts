import type { webApi } from '@slack/bolt';

type WebClient = webApi.WebClient;

/**
 * A Web API client that makes its calls through one WebClient per method. Slack's rate limits
 * are per method and workspace (https://docs.slack.dev/apis/web-api/rate-limits), but a WebClient
 * pauses every call it holds while it waits out one 429: with a single client a burst of card
 * updates answered 429 would also hold up the answers people wait for, and the waits of several
 * methods would add up. Each method now waits out only its own limit.
 */
export function perMethodClient(make: () => WebClient): WebClient {
  const clients = new Map<string, WebClient>();
  const front = make();
  const apiCall: WebClient['apiCall'] = (method, options) => {
    let client = clients.get(method);
    if (!client) {
      client = make();
      clients.set(method, client);
    }
    return client.apiCall(method, options);
  };
  // An own property in front of WebClient.prototype.apiCall, which every call goes through.
  return Object.assign(front, { apiCall });
}
