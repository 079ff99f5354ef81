import {
  type GraphAnswer,
  type GraphChannel,
  type GraphChat,
  GraphStandIn,
} from '../../../../src/platforms/playground/graph.rules.js';

export { ALL_ROLES, CATALOG_APP_ID, userIdOf } from '../../../../src/platforms/playground/graph.rules.js';
export type { GraphChannel, GraphChat };
export type Answer = GraphAnswer;

/**
 * The tests' Microsoft Graph: the playground's own rules (src/platforms/playground/graph.rules.ts),
 * reached under `/graph` on the fake Microsoft, which adds the faults and the tokens with fewer
 * permissions that only tests need.
 */
export class FakeGraph extends GraphStandIn {
  constructor(
    tenant: string,
    catalogued: string | null,
    onInstalled: (conversationId: string) => void,
    postsOf: (channelId: string) => Array<{ id: string; card: Record<string, unknown> }>,
  ) {
    super(tenant, catalogued, { installed: onInstalled, postsOf });
  }

  override route(method: string, path: string, body: Record<string, unknown>, roles: Set<string>) {
    return super.route(method, path.replace(/^\/graph(?=\/)/, ''), body, roles);
  }
}
