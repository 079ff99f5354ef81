import { DEFAULT_RETRY, decideByStatus, type RetryOptions, withRetry } from '../retry.js';

/** Hands out app-only Graph tokens per tenant, fetched with the client-credentials grant and cached. */
export interface GraphTokens {
  token(tenantId: string): Promise<string>;
  /** Drops a token Graph refused, so the next call fetches a new one. */
  forget(tenantId: string): void;
}

export interface ClientCredentials {
  /** `{tenant}` is replaced by the tenant id; a function when known only once the server listens. */
  tokenUrl: string | (() => string);
  clientId: string;
  clientSecret: string;
  /** Single-tenant bots always ask their own tenant. */
  fixedTenantId: string | null;
  retry?: RetryOptions;
  fetch?: typeof fetch;
  now?: () => number;
}

class TokenError extends Error {
  constructor(readonly status: number) {
    super(`The token endpoint answered ${status}`);
    this.name = 'TokenError';
  }
}

export class ClientCredentialTokens implements GraphTokens {
  private readonly cache = new Map<string, { token: string; expiresAt: number }>();

  constructor(private readonly options: ClientCredentials) {}

  async token(tenantId: string): Promise<string> {
    const tenant = this.options.fixedTenantId ?? tenantId;
    const now = (this.options.now ?? Date.now)();
    const cached = this.cache.get(tenant);
    if (cached && cached.expiresAt > now) return cached.token;
    const doFetch = this.options.fetch ?? fetch;
    const body = new URLSearchParams({
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
      grant_type: 'client_credentials',
    });
    const answer = await withRetry(
      async () => {
        const { tokenUrl } = this.options;
        const url = (typeof tokenUrl === 'function' ? tokenUrl() : tokenUrl).replace(
          '{tenant}',
          encodeURIComponent(tenant),
        );
        const response = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        }).catch(() => {
          throw new TokenError(503);
        });
        if (!response.ok) throw new TokenError(response.status);
        return (await response.json()) as { access_token?: string; expires_in?: number };
      },
      (error) => (error instanceof TokenError ? decideByStatus(error.status, null) : { retry: false }),
      this.options.retry ?? DEFAULT_RETRY,
    );
    if (!answer.access_token) throw new TokenError(502);
    // Renew a minute early so a token never expires in flight.
    const lifetime = Math.max(0, (answer.expires_in ?? 3600) - 60) * 1000;
    this.cache.set(tenant, { token: answer.access_token, expiresAt: now + lifetime });
    return answer.access_token;
  }

  forget(tenantId: string): void {
    this.cache.delete(this.options.fixedTenantId ?? tenantId);
  }
}
