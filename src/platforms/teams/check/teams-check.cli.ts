import { ConfigError } from '../../../config/config.js';
import { ClientCredentialTokens } from '../graph/graph-token.js';
import { loadTeamsConfig } from '../teams.config.js';
import { checkTeamsSetup } from './teams-check.js';

/**
 * `npm run teams:check`: with the bot's own settings (MicrosoftAppId, MicrosoftAppPassword,
 * MicrosoftAppTenantId or TEAMS_ALLOWED_TENANTS, TEAMS_SPACE), says per needed Graph permission
 * whether the school granted it, and whether the app is in the school's catalogue. Exits 1 while
 * something is missing.
 */
async function main(): Promise<number> {
  const config = loadTeamsConfig(process.env);
  if (!config) throw new ConfigError('MicrosoftAppId', 'must be set to check the Teams set-up.');
  const tenantId = config.appTenantId ?? config.allowedTenants?.[0] ?? null;
  if (!tenantId) {
    throw new ConfigError(
      'MicrosoftAppTenantId',
      "must name the school's tenant (or TEAMS_ALLOWED_TENANTS).",
    );
  }
  const tokens = new ClientCredentialTokens({
    tokenUrl: config.graphTokenUrl,
    clientId: config.appId,
    clientSecret: config.appPassword,
    fixedTenantId: null,
    retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
  });
  const result = await checkTeamsSetup({
    tenantId,
    space: config.space ?? 'chat',
    manifestId: config.manifestId ?? '',
    graphApiUrl: config.graphApiUrl,
    tokens,
  });
  process.stdout.write(`${result.lines.join('\n')}\n`);
  return result.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const text = error instanceof ConfigError ? error.message : 'The check could not run.';
    process.stderr.write(`${text}\n`);
    process.exit(1);
  },
);
