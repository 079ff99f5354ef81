import type { webApi } from '@slack/bolt';
import { GatewayError } from '../../../core/ports/gateway-error.js';

type WebClient = webApi.WebClient;

/** A Web API answer; the fields the bot reads are checked where they are used. */
export type SlackResponse = Record<string, unknown> & { ok?: boolean; error?: string };

/**
 * Answers after which trying again cannot help: the channel or person is gone, or the bot lost
 * its access. A reminder that meets one is marked failed at once instead of retried.
 */
const PERMANENT_CODES = new Set([
  'channel_not_found',
  'is_archived',
  'not_in_channel',
  'user_not_found',
  'users_not_found',
  'user_disabled',
  'account_inactive',
  'cannot_dm_bot',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'missing_scope',
  'restricted_action',
  'team_access_not_granted',
]);

/**
 * A Slack Web API refusal with its error code (`name_taken`, `missing_scope`, …) and, for
 * missing scopes, the scope Slack says is needed. Never carries message content. As a
 * GatewayError it tells the reminders whether a retry can help.
 */
export class SlackApiError extends GatewayError {
  constructor(
    readonly method: string,
    code: string,
    readonly needed: string | null = null,
  ) {
    super(code, PERMANENT_CODES.has(code), {
      message: `Slack ${method} failed: ${code}${needed ? ` (needs ${needed})` : ''}`,
      detail: needed,
    });
  }
}

/** Retries for `ratelimited` answered with HTTP 200; WebClient itself handles 429 and 5xx. */
const RATE_LIMIT_RETRIES = 3;

export interface CallOptions {
  /** Error codes that are not a failure for this call (e.g. `already_pinned`). */
  accept?: string[];
  /** Waits between `ratelimited` retries, in ms; tests shorten it. */
  retryDelayMs?: number;
}

/**
 * Calls a Web API method and turns a refusal into a SlackApiError. Errors listed in `accept`
 * come back as an answer with `ok: false` so the caller can decide.
 */
export async function callSlack(
  client: WebClient,
  method: string,
  args: Record<string, unknown>,
  options: CallOptions = {},
): Promise<SlackResponse> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return (await client.apiCall(method, args)) as SlackResponse;
    } catch (error) {
      const code = platformCode(error);
      if (code === null) throw error;
      if (options.accept?.includes(code)) return { ok: false, error: code };
      if (code === 'ratelimited' && attempt < RATE_LIMIT_RETRIES) {
        const retryAfter = retryAfterSeconds(error);
        await sleep(retryAfter !== null ? retryAfter * 1000 : (options.retryDelayMs ?? 1000) * 2 ** attempt);
        continue;
      }
      throw new SlackApiError(method, code, neededScope(error));
    }
  }
}

function platformCode(error: unknown): string | null {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : null;
}

function neededScope(error: unknown): string | null {
  const needed = (error as { data?: { needed?: unknown } }).data?.needed;
  return typeof needed === 'string' ? needed : null;
}

function retryAfterSeconds(error: unknown): number | null {
  const retryAfter = (error as { data?: { response_metadata?: { retryAfter?: unknown } } }).data
    ?.response_metadata?.retryAfter;
  return typeof retryAfter === 'number' ? retryAfter : null;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The cursor of the next page of a paginated method, or undefined on the last page. */
export function nextCursor(answer: SlackResponse): string | undefined {
  const cursor = (answer.response_metadata as { next_cursor?: unknown } | undefined)?.next_cursor;
  return typeof cursor === 'string' && cursor !== '' ? cursor : undefined;
}

/** A field the method always returns on success (a `ts`, a channel id); its absence is a refusal. */
export function requireString(value: unknown, method: string): string {
  if (typeof value !== 'string' || value === '') throw new SlackApiError(method, 'unexpected_response');
  return value;
}
