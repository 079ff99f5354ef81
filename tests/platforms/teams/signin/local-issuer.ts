import { execFileSync } from 'node:child_process';
import { createHmac, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_ROLES } from '../support/fake-graph.js';

/** One client-credentials request the token endpoint answered. */
export interface TokenRequest {
  tenant: string;
  clientId: string;
  scope: string;
  /** The access token handed out, or null when the request was refused. */
  token: string | null;
}

export interface SignOptions {
  alg?: 'RS256' | 'HS256' | 'none';
  /** Key id in the header; the listed key's id by default. */
  kid?: string;
  /** The RSA key that signs; the listed key by default. */
  key?: KeyObject;
}

/**
 * Microsoft's sign-in as the bot sees it, on https://127.0.0.1 with a certificate made for this run:
 * - the Bot Connector's OpenID metadata and its key set (one RSA key, endorsed for `msteams`), as
 *   https://login.botframework.com/v1/.well-known/openidconfiguration publishes them;
 * - an Entra-style login authority: its OpenID configuration (which MSAL reads first) and a token
 *   endpoint for the client-credentials grant that checks the client id and secret.
 * It signs channel tokens with its key, or on request with a wrong algorithm or an unlisted key.
 */
export class LocalIssuer {
  readonly kid = `local-${randomBytes(4).toString('hex')}`;
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  /** A key the metadata never lists. */
  readonly unlistedKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  readonly tokenRequests: TokenRequest[] = [];
  private readonly dir = mkdtempSync(join(tmpdir(), 'stappenplan-signin-'));
  private server: Server | null = null;
  url = '';

  constructor(private readonly client: { id: string; secret: string }) {}

  /** PEM file of the certificate, for NODE_EXTRA_CA_CERTS. */
  get caFile(): string {
    return join(this.dir, 'cert.pem');
  }

  get openIdMetadataUrl(): string {
    return `${this.url}/channel/v1/.well-known/openidconfiguration`;
  }

  /** The `iss` of channel tokens (ToBotFromChannelTokenIssuer). */
  get channelIssuer(): string {
    return `${this.url}/channel`;
  }

  /** The authority the bot gets its tokens from (ToChannelFromBotLoginUrl). */
  get loginUrl(): string {
    return `${this.url}/login/botframework.com`;
  }

  /** The token endpoint with `{tenant}`, as GRAPH_TOKEN_URL takes it. */
  get tokenUrlTemplate(): string {
    return `${this.url}/login/{tenant}/oauth2/v2.0/token`;
  }

  async start(): Promise<void> {
    // A self-signed certificate for 127.0.0.1, made now and removed in stop(); nothing is stored.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(this.dir, 'key.pem'),
        '-out',
        this.caFile,
      ],
      { stdio: 'ignore' },
    );
    this.server = createServer(
      { key: readFileSync(join(this.dir, 'key.pem')), cert: readFileSync(this.caFile) },
      (req, res) => void this.handle(req, res),
    );
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A compact JWT over `claims`. */
  sign(claims: Record<string, unknown>, options: SignOptions = {}): string {
    const alg = options.alg ?? 'RS256';
    const kid = alg === 'none' ? options.kid : (options.kid ?? this.kid);
    const header = { typ: 'JWT', alg, ...(kid === undefined ? {} : { kid }) };
    const body = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    if (alg === 'none') return `${body}.`;
    if (alg === 'HS256') {
      // The classic confusion: the issuer's public key used as an HMAC secret.
      const secret = this.keys.publicKey.export({ type: 'spki', format: 'pem' });
      return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
    }
    return `${body}.${sign('sha256', Buffer.from(body), options.key ?? this.keys.privateKey).toString('base64url')}`;
  }

  /** The token handed out for `scope`, in order of issue. */
  tokensFor(scope: string): string[] {
    return this.tokenRequests
      .filter((request) => request.scope === scope && request.token)
      .map((request) => request.token as string);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && path === '/channel/v1/.well-known/openidconfiguration') {
      return send(200, {
        issuer: this.channelIssuer,
        authorization_endpoint: `${this.url}/channel/v1/authorize`,
        jwks_uri: `${this.url}/channel/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (req.method === 'GET' && path === '/channel/v1/.well-known/keys') {
      const jwk = this.keys.publicKey.export({ format: 'jwk' });
      return send(200, {
        keys: [{ kty: 'RSA', use: 'sig', kid: this.kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }],
      });
    }
    const config = path.match(/^\/login\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/);
    if (req.method === 'GET' && config) {
      const tenant = config[1];
      return send(200, {
        issuer: `${this.url}/login/${tenant}/v2.0`,
        authorization_endpoint: `${this.url}/login/${tenant}/oauth2/v2.0/authorize`,
        token_endpoint: `${this.url}/login/${tenant}/oauth2/v2.0/token`,
        jwks_uri: `${this.url}/login/${tenant}/discovery/v2.0/keys`,
        token_endpoint_auth_methods_supported: ['client_secret_post'],
      });
    }
    const token = path.match(/^\/login\/([^/]+)\/oauth2\/v2\.0\/token$/);
    if (req.method === 'POST' && token) {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const request: TokenRequest = {
        tenant: decodeURIComponent(token[1] ?? ''),
        clientId: form.get('client_id') ?? '',
        scope: form.get('scope') ?? '',
        token: null,
      };
      this.tokenRequests.push(request);
      // Entra's answers for a wrong client, secret or grant (error codes as the v2 endpoint gives them).
      if (form.get('grant_type') !== 'client_credentials')
        return send(400, { error: 'unsupported_grant_type' });
      if (request.clientId !== this.client.id || form.get('client_secret') !== this.client.secret) {
        return send(401, { error: 'invalid_client' });
      }
      if (!request.scope.endsWith('/.default')) return send(400, { error: 'invalid_scope' });
      // Graph tokens carry the application permissions granted to the app (`roles`), as Entra's do.
      request.token = request.scope.startsWith('https://graph.microsoft.com/')
        ? this.sign({
            aud: 'https://graph.microsoft.com',
            tid: request.tenant,
            appid: request.clientId,
            roles: [...ALL_ROLES],
            jti: randomBytes(8).toString('hex'),
          })
        : `local-${randomBytes(12).toString('hex')}`;
      return send(200, {
        token_type: 'Bearer',
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: request.token,
      });
    }
    send(404, { error: 'not_found' });
  }
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}
