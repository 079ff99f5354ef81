import { ConfigError, type Env, oneOf, text } from '../../config/config.js';
import { MANIFEST_ID } from './package/manifest-id.js';
import { isGuid, loadSignInConfig, type SignInConfig } from './sign-in.config.js';

/**
 * How the Teams module reaches Microsoft: the bot's identity and the Graph addresses; the sign-in
 * settings are left out by the playground and tests that do not sign in.
 */
export interface TeamsConfig extends Partial<SignInConfig> {
  /** Empty only in the playground (no authentication, loopback only). */
  appId: string;
  appPassword: string;
  appTenantId: string | null;
  appType: 'MultiTenant' | 'SingleTenant';
  graphApiUrl: string;
  /** Token endpoint; `{tenant}` is replaced by the tenant the call is for. */
  graphTokenUrl: string;
  /**
   * What a new incident's space is (TEAMS_SPACE): `chat`, a group chat (the default, works
   * without anyone adding the app by hand), or `channel`, a private channel in the team.
   */
  space?: 'chat' | 'channel';
  /** The Teams app's manifest id (TEAMS_APP_ID), to install the app in a new group chat. */
  manifestId?: string;
}

/** TEAMS_SPACE and TEAMS_APP_ID, shared by the bot and `npm run teams:check`. */
export function spaceSettings(env: Env): { space: 'chat' | 'channel'; manifestId: string } {
  const manifestId = text(env, 'TEAMS_APP_ID') ?? MANIFEST_ID;
  if (!isGuid(manifestId))
    throw new ConfigError('TEAMS_APP_ID', `must be the Teams app's id, a GUID (got "${manifestId}").`);
  return { space: oneOf(env, 'TEAMS_SPACE', ['chat', 'channel'] as const, 'chat'), manifestId };
}

export const GRAPH_API_URL = 'https://graph.microsoft.com/v1.0';
export const GRAPH_TOKEN_URL = 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token';

/** Teams settings from the environment, or null when MicrosoftAppId is not set. */
export function loadTeamsConfig(env: Env): TeamsConfig | null {
  const appId = text(env, 'MicrosoftAppId');
  const appPassword = text(env, 'MicrosoftAppPassword');
  if (appId === null) {
    if (appPassword !== null) {
      throw new ConfigError('MicrosoftAppId', 'must be set when MicrosoftAppPassword is set.');
    }
    return null;
  }
  if (!isGuid(appId)) {
    throw new ConfigError('MicrosoftAppId', `must be the bot's application id, a GUID (got "${appId}").`);
  }
  if (appPassword === null)
    throw new ConfigError('MicrosoftAppPassword', 'must be set when MicrosoftAppId is set.');
  const appType = oneOf(env, 'MicrosoftAppType', ['MultiTenant', 'SingleTenant'] as const, 'MultiTenant');
  const appTenantId = text(env, 'MicrosoftAppTenantId');
  if (appTenantId !== null && !isGuid(appTenantId)) {
    // Teams names the tenant of every activity by this id; a domain name would never match it.
    throw new ConfigError(
      'MicrosoftAppTenantId',
      `must be the Entra tenant id, a GUID (got "${appTenantId}").`,
    );
  }
  if (appType === 'SingleTenant' && appTenantId === null) {
    throw new ConfigError('MicrosoftAppTenantId', 'must be set when MicrosoftAppType is SingleTenant.');
  }
  return {
    appId,
    appPassword,
    appTenantId,
    appType,
    ...graphUrls(env),
    ...spaceSettings(env),
    ...loadSignInConfig(env, appTenantId),
  };
}

/** Graph's addresses, overridable so tests and the playground can stand in for Microsoft. */
export function graphUrls(env: Env): Pick<TeamsConfig, 'graphApiUrl' | 'graphTokenUrl'> {
  return {
    graphApiUrl: httpUrl(env, 'GRAPH_API_URL') ?? GRAPH_API_URL,
    graphTokenUrl: httpUrl(env, 'GRAPH_TOKEN_URL') ?? GRAPH_TOKEN_URL,
  };
}

function httpUrl(env: Env, name: string): string | null {
  const raw = text(env, name);
  if (raw === null) return null;
  try {
    const url = new URL(raw.replace('{tenant}', 'tenant'));
    if (url.protocol === 'https:' || url.protocol === 'http:') return raw.replace(/\/+$/, '');
  } catch {
    // fall through to the error below
  }
  throw new ConfigError(name, `must be an http(s) URL (got "${raw}").`);
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}
