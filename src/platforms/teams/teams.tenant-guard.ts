import type { Activity, TurnContext } from 'botbuilder';

/** An activity from a tenant that is not on the allow-list; the route answers 403. */
export class TenantNotAllowedError extends Error {
  constructor(readonly tenantId: string | null) {
    super('The activity comes from a tenant that is not allowed');
    this.name = 'TenantNotAllowedError';
  }
}

/**
 * The Entra tenants an activity names: `channelData.tenant.id` first, then `conversation.tenantId`.
 * Teams does not fill both on every activity, so reading one alone misses some
 * (https://learn.microsoft.com/en-us/dotnet/api/microsoft.teams.apps.schema.teamsactivity.tenantid?view=msteams-sdk-dotnet-latest).
 */
export function tenantsOf(activity: Partial<Activity>): string[] {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const fromConversation = activity.conversation?.tenantId;
  return [fromChannelData, fromConversation].filter(
    (tenant): tenant is string => typeof tenant === 'string' && tenant !== '',
  );
}

/**
 * The turn logic behind the tenant allow-list: an activity that names no tenant, or any tenant
 * not on the list, throws before a handler runs. `allowed` null means every tenant, as without a
 * list. It runs inside the turn, so only after botbuilder accepted the token: a caller without a
 * valid token learns nothing about the list.
 */
export function onlyAllowedTenants(
  allowed: readonly string[] | null | undefined,
  logic: (context: TurnContext) => Promise<void>,
): (context: TurnContext) => Promise<void> {
  if (!allowed) return logic;
  const tenants = new Set(allowed.map((tenant) => tenant.toLowerCase()));
  return async (context) => {
    const named = tenantsOf(context.activity);
    const refused = named.find((tenant) => !tenants.has(tenant.toLowerCase()));
    if (named.length === 0 || refused !== undefined) throw new TenantNotAllowedError(refused ?? null);
    await logic(context);
  };
}
