import { ConfidentialClientApplication } from '@azure/msal-node';
import {
  CallerIdConstants,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import {
  AuthenticationConstants,
  GovernmentConstants,
  MsalServiceClientCredentialsFactory,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import type { BotAuthenticationSettings } from './sign-in.config.js';
import type { TeamsConfig } from './teams.config.js';

type Identity = Pick<TeamsConfig, 'appId' | 'appPassword' | 'appType' | 'appTenantId' | 'botAuthentication'>;

/** The settings botbuilder picks a cloud by; any one of them set means "all of them are given". */
const ENDPOINTS = [
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'ToBotFromChannelTokenIssuer',
  'OAuthUrl',
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'CallerId',
] as const;

type Endpoints = Record<(typeof ENDPOINTS)[number], string>;

/**
 * botbuilder's authentication for the bot's identity, from botbuilder's own settings
 * (ConfigurationBotFrameworkAuthentication reads the same object as botbuilder's samples pass it).
 */
export function botFrameworkAuthentication(config: Identity): ConfigurationBotFrameworkAuthentication {
  const identity = {
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.appTenantId ?? undefined,
  };
  const settings: ConfigurationBotFrameworkAuthenticationOptions = {
    ...identity,
    ...authenticationSettings(config.botAuthentication ?? {}),
  };
  return new ConfigurationBotFrameworkAuthentication(settings, credentialsFactory(config, identity));
}

/**
 * The settings handed to botbuilder. With none of the endpoints set, botbuilder's own defaults
 * apply (the public cloud, or the US Government cloud by ChannelService), exactly as before. Once
 * one is set, botbuilder (BotFrameworkAuthenticationFactory.create) takes every endpoint from the
 * settings and leaves the missing ones undefined, so an override of one address would silently
 * drop the token issuer check's expected value or the outgoing token's scope. The missing ones are
 * filled with that cloud's defaults instead.
 */
export function authenticationSettings(settings: BotAuthenticationSettings): BotAuthenticationSettings {
  if (!ENDPOINTS.some((name) => settings[name] !== undefined)) return { ...settings };
  const defaults =
    settings.ChannelService === GovernmentConstants.ChannelService ? US_GOVERNMENT : PUBLIC_CLOUD;
  const filled: BotAuthenticationSettings = { ...settings };
  for (const name of ENDPOINTS) filled[name] = settings[name] ?? defaults[name];
  return filled;
}

const PUBLIC_CLOUD: Endpoints = {
  ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
  ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
  ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
  OAuthUrl: AuthenticationConstants.OAuthUrl,
  ToBotFromChannelOpenIdMetadataUrl: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
  ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  CallerId: CallerIdConstants.PublicAzureChannel,
};

const US_GOVERNMENT: Endpoints = {
  ToChannelFromBotLoginUrl: GovernmentConstants.ToChannelFromBotLoginUrl,
  ToChannelFromBotOAuthScope: GovernmentConstants.ToChannelFromBotOAuthScope,
  ToBotFromChannelTokenIssuer: GovernmentConstants.ToBotFromChannelTokenIssuer,
  OAuthUrl: GovernmentConstants.OAuthUrl,
  ToBotFromChannelOpenIdMetadataUrl: GovernmentConstants.ToBotFromChannelOpenIdMetadataUrl,
  ToBotFromEmulatorOpenIdMetadataUrl: GovernmentConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  CallerId: CallerIdConstants.USGovChannel,
};

/**
 * The credentials for outgoing calls. botbuilder's default credentials hand MSAL only an authority,
 * and MSAL then asks Microsoft's instance discovery endpoint whether that authority is valid
 * (https://learn.microsoft.com/en-us/entra/msal/dotnet/advanced/custom-authority-aliases), which a
 * sovereign or private login host does not pass. When ToChannelFromBotLoginUrl is set, MSAL is told
 * that host is a known authority (`knownAuthorities`, "only the host of the authority":
 * https://learn.microsoft.com/en-us/entra/msal/javascript/node/configuration), so it reads the
 * authority's own OpenID configuration and token endpoint and nothing else.
 */
function credentialsFactory(
  config: Identity,
  identity: ConstructorParameters<typeof ConfigurationServiceClientCredentialFactory>[0],
): ServiceClientCredentialsFactory {
  const loginUrl = config.botAuthentication?.ToChannelFromBotLoginUrl;
  if (!loginUrl || !config.appId) return new ConfigurationServiceClientCredentialFactory(identity);
  const client = new ConfidentialClientApplication({
    auth: {
      clientId: config.appId,
      clientSecret: config.appPassword,
      authority: loginUrl,
      knownAuthorities: [new URL(loginUrl).host],
    },
  });
  // The same class; TypeScript sees msal-node's ESM and CommonJS declarations as two types.
  return new MsalServiceClientCredentialsFactory(config.appId, client as unknown as MsalClient);
}

type MsalClient = ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1];
