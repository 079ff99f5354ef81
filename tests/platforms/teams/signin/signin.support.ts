import type { FakeMicrosoft } from '../support/fake-microsoft.js';
import type { LocalIssuer, SignOptions } from './local-issuer.js';

export const APP_ID = '6b1f3d2e-8c4a-4f0b-9a7e-2d5c8e1f4a90';
export const OTHER_APP_ID = 'a3c9e7f1-2b4d-4e6f-8a0c-1d3e5f7a9b2c';
/** The school's tenant, the only one on the allow-list. */
export const SCHOOL_TENANT = '3f2a9c4e-7b1d-4e8a-9c6f-0a1b2c3d4e5f';
export const OTHER_TENANT = '9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4';
/** The audience of the bot's outgoing Connector calls (ToChannelFromBotOAuthScope). */
export const CONNECTOR_SCOPE = 'https://api.botframework.test';

/** Claims of a channel token as the Bot Connector sends them, valid for five minutes from now. */
export function channelClaims(
  issuer: LocalIssuer,
  microsoft: FakeMicrosoft,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: issuer.channelIssuer,
    aud: APP_ID,
    serviceurl: microsoft.serviceUrl,
    nbf: now - 5,
    iat: now - 5,
    exp: now + 300,
    ...overrides,
  };
}

/** `Bearer <token>` for these claims and signing options. */
export function bearer(issuer: LocalIssuer, claims: Record<string, unknown>, options?: SignOptions): string {
  return `Bearer ${issuer.sign(claims, options)}`;
}

/** The activity as it would come from `tenant`: both places Teams names the tenant. */
export function fromTenant<T extends Record<string, unknown>>(activity: T, tenant: string): T {
  const conversation = activity.conversation as Record<string, unknown>;
  const channelData = activity.channelData as Record<string, unknown>;
  return {
    ...activity,
    conversation: { ...conversation, tenantId: tenant },
    channelData: { ...channelData, tenant: { id: tenant } },
  };
}

/** POSTs an activity to the bot's /api/messages. */
export async function postActivity(
  botUrl: string,
  activity: Record<string, unknown>,
  authorization?: string,
): Promise<{ status: number; text: string; body: unknown }> {
  const response = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: response.status, text, body };
}
