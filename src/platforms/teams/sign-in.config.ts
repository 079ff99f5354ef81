import { ConfigError, type Env, text } from '../../config/config.js';

/**
 * The URL-valued settings botbuilder's ConfigurationBotFrameworkAuthentication reads, by botbuilder's
 * own names (botbuilder-core 4.23, configurationBotFrameworkAuthentication.js). They are the
 * per-cloud endpoints Azure Bot Service lists as host settings:
 * https://learn.microsoft.com/en-us/javascript/api/@azure/arm-botservice/hostsettingsresponse
 */
export const BOT_AUTH_URL_SETTINGS = [
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromChannelTokenIssuer',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'OAuthUrl',
  'ChannelService',
] as const;

/** Older names botbuilder still reads when the newer name is not set (SDK < 4.12 in the page above). */
const LEGACY_NAMES = {
  BotOpenIdMetadata: 'ToBotFromChannelOpenIdMetadataUrl',
  OAuthApiEndpoint: 'OAuthUrl',
} as const;

/** botbuilder's ChannelService value for the US Government cloud (GovernmentConstants.ChannelService). */
export const US_GOVERNMENT_CHANNEL_SERVICE = 'https://botframework.azure.us';

export type BotAuthUrlSetting = (typeof BOT_AUTH_URL_SETTINGS)[number];

/** botbuilder's own authentication settings that are set in the environment, by botbuilder's names. */
export interface BotAuthenticationSettings extends Partial<Record<BotAuthUrlSetting, string>> {
  ValidateAuthority?: boolean;
  CallerId?: string;
}

/** Who may reach the bot: botbuilder's sign-in settings and the tenants whose activities are handled. */
export interface SignInConfig {
  /** Empty: botbuilder's defaults for the public cloud. */
  botAuthentication: BotAuthenticationSettings;
  /** Lower-case tenant ids; null when any tenant may use the bot. */
  allowedTenants: readonly string[] | null;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a GUID such as an Entra tenant id or an application id. */
export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/**
 * The sign-in settings from the environment. `appTenantId` is MicrosoftAppTenantId, already
 * checked; it is the allow-list when TEAMS_ALLOWED_TENANTS is not set.
 */
export function loadSignInConfig(env: Env, appTenantId: string | null): SignInConfig {
  return { botAuthentication: botAuthentication(env), allowedTenants: allowedTenants(env, appTenantId) };
}

function botAuthentication(env: Env): BotAuthenticationSettings {
  const settings: BotAuthenticationSettings = {};
  for (const name of BOT_AUTH_URL_SETTINGS) {
    const value = httpsUrl(env, name);
    if (value !== null) settings[name] = value;
  }
  for (const [legacy, name] of Object.entries(LEGACY_NAMES)) {
    const value = httpsUrl(env, legacy);
    if (value === null) continue;
    if (settings[name] !== undefined && settings[name] !== value) {
      throw new ConfigError(legacy, `is an older name for ${name}; set only ${name}.`);
    }
    settings[name] = value;
  }
  const validateAuthority = trueOrFalse(env, 'ValidateAuthority');
  if (validateAuthority !== null) settings.ValidateAuthority = validateAuthority;
  const callerId = text(env, 'CallerId');
  if (callerId !== null) {
    if (!/^urn:[a-z0-9][a-z0-9-]*:\S+$/i.test(callerId)) {
      throw new ConfigError('CallerId', `must be a URN such as urn:botframework:azure (got "${callerId}").`);
    }
    settings.CallerId = callerId;
  }
  const { ChannelService, ValidateAuthority: _, ...endpoints } = settings;
  if (
    ChannelService !== undefined &&
    ChannelService !== US_GOVERNMENT_CHANNEL_SERVICE &&
    Object.keys(endpoints).length === 0
  ) {
    // botbuilder itself knows only the public and the US Government cloud by this name.
    throw new ConfigError(
      'ChannelService',
      `must be ${US_GOVERNMENT_CHANNEL_SERVICE} or empty; for another cloud set ToChannelFromBotLoginUrl and the other endpoints (got "${ChannelService}").`,
    );
  }
  return settings;
}

function allowedTenants(env: Env, appTenantId: string | null): readonly string[] | null {
  const raw = text(env, 'TEAMS_ALLOWED_TENANTS');
  if (raw === null) return appTenantId ? [appTenantId.toLowerCase()] : null;
  const tenants = raw
    .split(',')
    .map((tenant) => tenant.trim())
    .filter(Boolean);
  const bad = tenants.find((tenant) => !isGuid(tenant));
  if (bad !== undefined || tenants.length === 0) {
    throw new ConfigError(
      'TEAMS_ALLOWED_TENANTS',
      `must be Entra tenant ids (GUIDs) separated by commas (got "${bad ?? raw}").`,
    );
  }
  return [...new Set(tenants.map((tenant) => tenant.toLowerCase()))];
}

function httpsUrl(env: Env, name: string): string | null {
  const raw = text(env, name);
  if (raw === null) return null;
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    // reported below
  }
  if (url?.protocol !== 'https:' || !url.hostname) {
    throw new ConfigError(name, `must be an https URL (got "${raw}").`);
  }
  // Passed on exactly as written: botbuilder compares the issuer as a string.
  return raw;
}

function trueOrFalse(env: Env, name: string): boolean | null {
  const raw = text(env, name);
  if (raw === null) return null;
  const value = raw.toLowerCase();
  if (value !== 'true' && value !== 'false') {
    throw new ConfigError(name, `must be true or false (got "${raw}").`);
  }
  return value === 'true';
}
