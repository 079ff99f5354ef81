/** What to do after a failed call: give up, or try again after a pause. */
export type RetryDecision = { retry: false } | { retry: true; afterMs?: number };

export interface RetryOptions {
  attempts: number;
  /** First back-off pause; doubled after each failure. */
  baseDelayMs: number;
  /** Longest pause, also for a server's Retry-After. */
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `call` until it succeeds, `classify` says the error is final, or the attempts run out.
 * Throttling (429) waits as long as the server asks; server errors back off exponentially.
 */
export async function withRetry<T>(
  call: () => Promise<T>,
  classify: (error: unknown) => RetryDecision,
  options: RetryOptions = DEFAULT_RETRY,
): Promise<T> {
  const sleep = options.sleep ?? wait;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const decision = classify(error);
      if (!decision.retry || attempt >= options.attempts) throw error;
      const backoff = options.baseDelayMs * 2 ** (attempt - 1);
      const jitter = Math.random() * options.baseDelayMs * 0.2;
      await sleep(Math.min(options.maxDelayMs, decision.afterMs ?? backoff + jitter));
    }
  }
}

/** Retry-After in milliseconds: seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Throttling and server trouble are worth another try; anything else is not. */
export function decideByStatus(
  status: number | undefined,
  retryAfter: string | null | undefined,
): RetryDecision {
  if (status === 429) {
    const after = retryAfterMs(retryAfter);
    return after === null ? { retry: true } : { retry: true, afterMs: after };
  }
  if (status !== undefined && status >= 500) return { retry: true };
  return { retry: false };
}
