/**
 * How a ChatGateway says why a delivery failed. Platforms throw it; the reminder dispatcher reads
 * `permanent` to decide between retrying later and giving up at once.
 *
 * Codes the core explains to people when opening an incident fails: `missing_permission` (with the
 * permission in `detail`), `not_in_conversation` (the bot is not, or not yet, in the space) and
 * `waiting_for_app` (a person must still add the app to the space; not an error) and
 * `app_not_in_catalog` (Teams: the app was never uploaded to the school's app catalogue).
 *
 * - `permanent: true`: trying again cannot help — the channel is archived or deleted, the user
 *   left the workspace, the bot was removed or lacks access. Examples of codes: `not_found`,
 *   `no_access`, `user_gone`, `space_archived`.
 * - `permanent: false`: the platform may answer later — rate limits, time-outs, outages. Codes such
 *   as `rate_limited`, `timeout`, `unavailable`. `retryAfterMs` passes a platform's own wait hint.
 *
 * Any other thrown error is treated as temporary.
 */
export class GatewayError extends Error {
  /** Short machine code, stored with the reminder (`[a-z0-9_]`, at most 40 characters). */
  readonly code: string;
  readonly permanent: boolean;
  readonly retryAfterMs: number | null;
  /**
   * What a person can act on, when the platform says it: for `missing_permission` the permission
   * or scope the app lacks (`Chat.Create`, `groups:write`). Never content.
   */
  readonly detail: string | null;

  constructor(
    code: string,
    permanent: boolean,
    options: { retryAfterMs?: number; cause?: unknown; message?: string; detail?: string | null } = {},
  ) {
    super(options.message ?? code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.code = normaliseCode(code);
    this.permanent = permanent;
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.detail = options.detail ?? null;
  }
}

/** Also recognises a GatewayError from another copy of this module (duck typing on the fields). */
export function isGatewayError(error: unknown): error is GatewayError {
  if (error instanceof GatewayError) return true;
  if (!error || typeof error !== 'object') return false;
  const candidate = error as { name?: unknown; code?: unknown; permanent?: unknown };
  return (
    candidate.name === 'GatewayError' &&
    typeof candidate.code === 'string' &&
    typeof candidate.permanent === 'boolean'
  );
}

/** The code to store for any failure: a GatewayError's own, `error` for anything else. */
export function failureCode(error: unknown): string {
  return isGatewayError(error) ? normaliseCode(error.code) : 'error';
}

function normaliseCode(code: string): string {
  const cleaned = String(code)
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .slice(0, 40);
  return cleaned || 'error';
}
