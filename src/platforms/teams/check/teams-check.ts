import { GraphClient, GraphError } from '../graph/graph.client.js';
import type { GraphTokens } from '../graph/graph-token.js';
import { NEEDED_PERMISSIONS } from './teams-permissions.js';

export interface TeamsCheckInput {
  tenantId: string;
  space: 'chat' | 'channel';
  manifestId: string;
  graphApiUrl: string;
  tokens: GraphTokens;
}

export interface TeamsCheckResult {
  ok: boolean;
  lines: string[];
}

/** The `roles` claim of an app-only Graph token (a JWT); empty when it cannot be read. */
export function rolesOfToken(token: string): string[] {
  const payload = token.split('.')[1];
  if (!payload) return [];
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { roles?: unknown };
    return Array.isArray(claims.roles) ? claims.roles.map(String) : [];
  } catch {
    return [];
  }
}

/**
 * What the school's IT person checks before the first incident: the app's Graph token for the
 * tenant, each application permission the chosen TEAMS_SPACE needs (present or missing), and the
 * app in the tenant's catalogue. Prints no secret and no token.
 */
export async function checkTeamsSetup(input: TeamsCheckInput): Promise<TeamsCheckResult> {
  const lines: string[] = [];
  let ok = true;
  let roles: Set<string>;
  try {
    roles = new Set(rolesOfToken(await input.tokens.token(input.tenantId)));
    lines.push(`✓ Graph token for tenant ${input.tenantId}`);
  } catch (error) {
    const status = (error as { status?: number }).status;
    lines.push(`✗ No Graph token for tenant ${input.tenantId}${status ? ` (answer ${status})` : ''}`);
    lines.push('  Check MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId.');
    return { ok: false, lines };
  }
  lines.push(`Application permissions for TEAMS_SPACE=${input.space}:`);
  for (const needed of NEEDED_PERMISSIONS[input.space]) {
    const present = roles.has(needed.role);
    if (!present) ok = false;
    lines.push(`${present ? '✓' : '✗'} ${needed.role}${present ? '' : ' (missing)'}: ${needed.why}`);
  }
  const graph = new GraphClient({
    baseUrl: input.graphApiUrl,
    tokens: input.tokens,
    retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
  });
  const filter = encodeURIComponent(`externalId eq '${input.manifestId}'`);
  try {
    const found = await graph.request<{ value: unknown[] }>(
      input.tenantId,
      'GET',
      `/appCatalogs/teamsApps?$filter=${filter}`,
    );
    if (found.value.length > 0) lines.push(`✓ The app ${input.manifestId} is in the tenant's app catalogue`);
    else {
      ok = false;
      lines.push(`✗ The app ${input.manifestId} is not in the tenant's app catalogue: upload the package`);
      lines.push('  (npm run teams:package) in the Teams admin center, Teams apps, Manage apps, Upload.');
    }
  } catch (error) {
    ok = false;
    const status = error instanceof GraphError ? ` (Graph answered ${error.status})` : '';
    lines.push(`✗ Could not read the tenant's app catalogue${status}`);
  }
  lines.push(
    ok ? 'Everything Stappenplan needs is in place.' : 'Something is missing: see the lines marked ✗.',
  );
  return { ok, lines };
}
