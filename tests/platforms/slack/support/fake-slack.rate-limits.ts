/**
 * Slack's Web API rate limits, per workspace and method, as documented at
 * https://docs.slack.dev/apis/web-api/rate-limits (tiers per minute; "special" for
 * chat.postMessage: about one message per second per channel) and on each method's page. Slack
 * answers a call over its limit with HTTP 429 and a Retry-After header in seconds.
 */
const TIER = { 1: 1, 2: 20, 3: 50, 4: 100 } as const;

/** Calls per minute per workspace, by method (the method's documented tier). */
export const SLACK_TIERS: Record<string, number> = {
  'auth.test': TIER[4],
  'conversations.create': TIER[2],
  'conversations.invite': TIER[3],
  'conversations.kick': TIER[3],
  'conversations.list': TIER[2],
  'conversations.history': TIER[3],
  'conversations.archive': TIER[2],
  'conversations.open': TIER[3],
  'chat.update': TIER[3],
  'chat.postEphemeral': TIER[4],
  'pins.add': TIER[2],
  'users.info': TIER[4],
  'views.open': TIER[4],
  'views.update': TIER[4],
  'files.info': TIER[4],
};

/** Sliding one-minute windows per method, and one-second windows per channel for chat.postMessage. */
export class RateLimits {
  private readonly calls = new Map<string, number[]>();
  /** Calls answered with 429, by method. */
  readonly limited = new Map<string, number>();

  /** Seconds to wait when this call is over the limit now, else null (and the call is counted). */
  retryAfter(method: string, args: Record<string, unknown>, now = Date.now()): number | null {
    const [key, limit, windowMs] =
      method === 'chat.postMessage'
        ? [`chat.postMessage:${String(args.channel ?? '')}`, 1, 1000]
        : [method, SLACK_TIERS[method] ?? TIER[3], 60_000];
    const recent = (this.calls.get(key) ?? []).filter((at) => at > now - windowMs);
    if (recent.length >= limit) {
      this.limited.set(method, (this.limited.get(method) ?? 0) + 1);
      this.calls.set(key, recent);
      return Math.max(1, Math.ceil(((recent[0] ?? now) + windowMs - now) / 1000));
    }
    recent.push(now);
    this.calls.set(key, recent);
    return null;
  }
}
