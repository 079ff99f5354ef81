import type { GraphClient } from './graph.client.js';
import { GraphError } from './graph.client.js';

/**
 * Membership of a chat or a channel: both are a `conversationMember` collection
 * (`/chats/{id}/members`, `/teams/{id}/channels/{id}/members`) with the same calls.
 * https://learn.microsoft.com/graph/api/resources/aaduserconversationmember
 * https://learn.microsoft.com/graph/api/conversationmember-delete
 */
export function conversationMember(graph: GraphClient, userId: string, owner: boolean) {
  return {
    '@odata.type': '#microsoft.graph.aadUserConversationMember',
    'user@odata.bind': `${graph.baseUrl}/users('${encodeURIComponent(userId)}')`,
    roles: owner ? ['owner'] : [],
  };
}

/** Adds people one by one; someone already in (409) is nothing to do. */
export async function addConversationMembers(
  graph: GraphClient,
  tenantId: string,
  membersPath: string,
  members: Array<ReturnType<typeof conversationMember>>,
  permission: string,
): Promise<void> {
  for (const member of members) {
    await graph.request(tenantId, 'POST', membersPath, member, permission).catch(unlessStatus(409));
  }
}

/** Removes people by their Entra id; someone already gone is not an error. */
export async function removeConversationMembers(
  graph: GraphClient,
  tenantId: string,
  membersPath: string,
  userIds: string[],
  permission: string,
): Promise<void> {
  const members = await graph.request<{ value: Array<{ id: string; userId?: string }> }>(
    tenantId,
    'GET',
    membersPath,
    undefined,
    permission,
  );
  for (const userId of userIds) {
    const membership = members.value.find((member) => member.userId === userId);
    if (!membership) continue;
    await graph
      .request(
        tenantId,
        'DELETE',
        `${membersPath}/${encodeURIComponent(membership.id)}`,
        undefined,
        permission,
      )
      .catch(unlessStatus(404));
  }
}

/** A `.catch` that lets one Graph status pass (already done) and rethrows everything else. */
export function unlessStatus(status: number): (error: unknown) => void {
  return (error) => {
    if (!(error instanceof GraphError && error.status === status)) throw error;
  };
}
