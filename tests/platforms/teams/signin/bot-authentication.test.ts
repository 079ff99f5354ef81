import { CallerIdConstants, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  GovernmentConstants,
  MsalServiceClientCredentialsFactory,
} from 'botframework-connector';
import { describe, expect, it } from 'vitest';
import {
  authenticationSettings,
  botFrameworkAuthentication,
} from '../../../../src/platforms/teams/bot-authentication.js';
import { US_GOVERNMENT_CHANNEL_SERVICE } from '../../../../src/platforms/teams/sign-in.config.js';
import type { TeamsConfig } from '../../../../src/platforms/teams/teams.config.js';
import { tenantsOf } from '../../../../src/platforms/teams/teams.tenant-guard.js';
import { isRejectedToken, rejectionReason } from '../../../../src/platforms/teams/token-rejection.js';
import { APP_ID } from './signin.support.js';

const IDENTITY: Pick<TeamsConfig, 'appId' | 'appPassword' | 'appType' | 'appTenantId'> = {
  appId: APP_ID,
  appPassword: 'secret',
  appType: 'MultiTenant',
  appTenantId: null,
};

/** What botbuilder made of the settings (its ParameterizedBotFrameworkAuthentication's fields). */
function inside(auth: unknown): Record<string, unknown> {
  return (auth as { inner: Record<string, unknown> }).inner;
}

const PUBLIC = {
  toChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
  toChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
  toBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
  oAuthUrl: AuthenticationConstants.OAuthUrl,
  toBotFromChannelOpenIdMetadataUrl: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
  toBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  callerId: CallerIdConstants.PublicAzureChannel,
  validateAuthority: true,
};

describe("botbuilder's authentication from the bot's settings", () => {
  it('without settings, is botbuilder’s public cloud with its own credentials, exactly as before', () => {
    const auth = botFrameworkAuthentication(IDENTITY);
    expect(inside(auth)).toMatchObject(PUBLIC);
    expect(inside(auth).credentialsFactory).toBeInstanceOf(ConfigurationServiceClientCredentialFactory);
    expect(authenticationSettings({})).toEqual({});
    expect(authenticationSettings({ ValidateAuthority: false })).toEqual({ ValidateAuthority: false });
  });

  it('hands every setting to botbuilder under its own name', () => {
    const auth = botFrameworkAuthentication({
      ...IDENTITY,
      botAuthentication: {
        ToChannelFromBotLoginUrl: 'https://login.cloud.example:8443/botframework.com',
        ToChannelFromBotOAuthScope: 'https://api.cloud.example',
        ToBotFromChannelTokenIssuer: 'https://issuer.cloud.example',
        OAuthUrl: 'https://token.cloud.example',
        ToBotFromChannelOpenIdMetadataUrl: 'https://login.cloud.example/v1/.well-known/openidconfiguration',
        ToBotFromEmulatorOpenIdMetadataUrl: 'https://emulator.cloud.example/openid',
        CallerId: 'urn:botframework:example',
        ValidateAuthority: false,
      },
    });
    expect(inside(auth)).toMatchObject({
      toChannelFromBotLoginUrl: 'https://login.cloud.example:8443/botframework.com',
      toChannelFromBotOAuthScope: 'https://api.cloud.example',
      toBotFromChannelTokenIssuer: 'https://issuer.cloud.example',
      oAuthUrl: 'https://token.cloud.example',
      toBotFromChannelOpenIdMetadataUrl: 'https://login.cloud.example/v1/.well-known/openidconfiguration',
      toBotFromEmulatorOpenIdMetadataUrl: 'https://emulator.cloud.example/openid',
      callerId: 'urn:botframework:example',
      validateAuthority: false,
    });
    // Outgoing tokens from MSAL, told that the login host (with its port) is a known authority.
    const factory = inside(auth).credentialsFactory as MsalServiceClientCredentialsFactory;
    expect(factory).toBeInstanceOf(MsalServiceClientCredentialsFactory);
    const msal = (factory as unknown as { clientApplication: { config: { auth: Record<string, unknown> } } })
      .clientApplication.config.auth;
    expect(msal).toMatchObject({
      clientId: APP_ID,
      authority: 'https://login.cloud.example:8443/botframework.com',
      knownAuthorities: ['login.cloud.example:8443'],
    });
  });

  it("fills the endpoints not given with that cloud's defaults, where botbuilder would leave them empty", () => {
    const metadata = 'https://login.cloud.example/v1/.well-known/openidconfiguration';
    const auth = botFrameworkAuthentication({
      ...IDENTITY,
      botAuthentication: { ToBotFromChannelOpenIdMetadataUrl: metadata },
    });
    expect(inside(auth)).toMatchObject({ ...PUBLIC, toBotFromChannelOpenIdMetadataUrl: metadata });
    expect(inside(auth).credentialsFactory).toBeInstanceOf(ConfigurationServiceClientCredentialFactory);

    expect(US_GOVERNMENT_CHANNEL_SERVICE).toBe(GovernmentConstants.ChannelService);
    expect(
      authenticationSettings({
        ChannelService: US_GOVERNMENT_CHANNEL_SERVICE,
        OAuthUrl: 'https://oauth.example',
      }),
    ).toEqual({
      ChannelService: US_GOVERNMENT_CHANNEL_SERVICE,
      ToChannelFromBotLoginUrl: GovernmentConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: GovernmentConstants.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: GovernmentConstants.ToBotFromChannelTokenIssuer,
      OAuthUrl: 'https://oauth.example',
      ToBotFromChannelOpenIdMetadataUrl: GovernmentConstants.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: GovernmentConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      CallerId: CallerIdConstants.USGovChannel,
    });
  });

  it('never gives MSAL an empty identity: the playground keeps botbuilder’s anonymous credentials', () => {
    const auth = botFrameworkAuthentication({
      ...IDENTITY,
      appId: '',
      appPassword: '',
      botAuthentication: { ToChannelFromBotLoginUrl: 'https://login.cloud.example/t' },
    });
    expect(inside(auth).credentialsFactory).toBeInstanceOf(ConfigurationServiceClientCredentialFactory);
  });
});

describe('what counts as a refused token, and the tenant of an activity', () => {
  it("takes botbuilder's 401s and jsonwebtoken's errors, nothing else", () => {
    expect(isRejectedToken(new AuthenticationError('Unauthorized. Is not authenticated', 401))).toBe(true);
    for (const name of ['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']) {
      expect(isRejectedToken(Object.assign(new Error('invalid signature'), { name }))).toBe(true);
    }
    // The issuer's metadata being unreachable is the bot's problem, not the caller's.
    expect(isRejectedToken(new AuthenticationError('Failed to load openID config: 503', 500))).toBe(false);
    expect(isRejectedToken(new TypeError('x is undefined'))).toBe(false);
    expect(isRejectedToken(undefined)).toBe(false);
  });

  it('logs the reason without anything shaped like a token', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl';
    const reason = rejectionReason(
      Object.assign(new Error(`invalid token ${token}`), { name: 'JsonWebTokenError' }),
    );
    expect(reason).toBe('JsonWebTokenError: invalid token [token]');
  });

  it('reads the tenant from channelData and from the conversation', () => {
    expect(
      tenantsOf({ channelData: { tenant: { id: 'a' } }, conversation: { tenantId: 'b' } as never }),
    ).toEqual(['a', 'b']);
    expect(tenantsOf({ conversation: { tenantId: 'b' } as never })).toEqual(['b']);
    expect(tenantsOf({ channelData: { tenant: { id: 42 } } })).toEqual([]);
    expect(tenantsOf({})).toEqual([]);
  });
});
