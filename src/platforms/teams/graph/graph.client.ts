import { GatewayError } from '../../../core/ports/gateway-error.js';
import { DEFAULT_RETRY, decideByStatus, type RetryOptions, withRetry } from '../retry.js';
import type { GraphTokens } from './graph-token.js';

/**
 * A Graph call that failed for good; carries the status and Graph's error code, never the token.
 * As a GatewayError, 401/403/404 mean retrying cannot help. A 403 on a call that names the
 * application permission it needs is `missing_permission` with that permission as detail, so
 * the person opening an incident learns what the Microsoft 365 administrator must grant.
 */
export class GraphError extends GatewayError {
  constructor(
    readonly status: number,
    readonly graphCode: string,
    readonly retryAfter: string | null = null,
    permission: string | null = null,
  ) {
    super(
      status === 403 && permission ? 'missing_permission' : `graph_${status}`,
      status === 401 || status === 403 || status === 404,
      {
        message: `Microsoft Graph answered ${status} ${graphCode}`,
        detail: status === 403 ? permission : null,
      },
    );
  }
}

export interface GraphClientOptions {
  /** Graph's address; a function when it is only known once the server listens (the playground). */
  baseUrl: string | (() => string);
  tokens: GraphTokens;
  retry?: RetryOptions;
  fetch?: typeof fetch;
}

/** A small Microsoft Graph client: app-only token, JSON in and out, retries on 429 and 5xx. */
export class GraphClient {
  constructor(private readonly options: GraphClientOptions) {}

  get baseUrl(): string {
    const { baseUrl } = this.options;
    return typeof baseUrl === 'function' ? baseUrl() : baseUrl;
  }

  /** `permission`: the application permission the call needs, named in a 403's error. */
  async request<T>(
    tenantId: string,
    method: string,
    path: string,
    body?: unknown,
    permission: string | null = null,
  ): Promise<T> {
    const doFetch = this.options.fetch ?? fetch;
    return withRetry(
      async () => {
        const token = await this.options.tokens.token(tenantId);
        let response: Response;
        try {
          response = await doFetch(`${this.baseUrl}${path}`, {
            method,
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': 'application/json',
              accept: 'application/json',
            },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          });
        } catch {
          // The network failed before Graph answered: worth another try.
          throw new GraphError(503, 'networkError');
        }
        if (response.status === 401) this.options.tokens.forget(tenantId);
        if (!response.ok) {
          const detail = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
          throw new GraphError(
            response.status,
            detail?.error?.code ?? 'unknown',
            response.headers.get('retry-after'),
            permission,
          );
        }
        if (response.status === 204) return undefined as T;
        const text = await response.text();
        return (text ? JSON.parse(text) : undefined) as T;
      },
      (error) =>
        error instanceof GraphError ? decideByStatus(error.status, error.retryAfter) : { retry: false },
      this.options.retry ?? DEFAULT_RETRY,
    );
  }
}
