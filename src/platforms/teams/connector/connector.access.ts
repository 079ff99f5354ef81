import type { Activity, CloudAdapter, ConversationParameters, ConversationReference } from 'botbuilder';
import { GatewayError } from '../../../core/ports/gateway-error.js';

/** The Connector operations the bot uses (a subset of botframework-connector's client). */
export interface ConnectorClient {
  conversations: {
    sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
    replyToActivity(
      conversationId: string,
      activityId: string,
      activity: Partial<Activity>,
    ): Promise<{ id?: string }>;
    updateActivity(
      conversationId: string,
      activityId: string,
      activity: Partial<Activity>,
    ): Promise<{ id?: string }>;
    createConversation(parameters: ConversationParameters): Promise<{ id?: string; activityId?: string }>;
    getConversationPagedMembers(
      conversationId: string,
      options?: { pageSize?: number; continuationToken?: string },
    ): Promise<{
      members?: Array<{ id?: string; name?: string; aadObjectId?: string }>;
      continuationToken?: string;
    }>;
  };
}

/**
 * The Bot Framework Connector outside a turn (proactive messages). botbuilder's Connector client
 * already retries throttling (429 and 503, waiting as long as Retry-After says) and other server
 * errors with exponential back-off, so calls here are not wrapped in a second retry loop.
 */
export class ConnectorAccess {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  /** Runs `call` with a Connector client for the service URL. */
  async call<T>(serviceUrl: string, call: (client: ConnectorClient) => Promise<T>): Promise<T> {
    const reference: Partial<ConversationReference> = {
      serviceUrl,
      channelId: 'msteams',
      conversation: { id: 'proactive', isGroup: false, conversationType: '', name: '' },
      bot: { id: this.appId, name: '' },
    };
    let result: { value: T } | null = null;
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
        const client = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
        result = { value: await call(client) };
      });
    } catch (error) {
      throw asGatewayError(error);
    }
    if (!result) throw new Error('The Connector call did not run');
    return (result as { value: T }).value;
  }
}

/**
 * The Connector's refusals as the reminders understand them: a conversation or person that is
 * gone (404) or a bot without access (401/403) will not come back by retrying.
 */
export function asGatewayError(error: unknown): unknown {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status !== 'number') return error;
  if (status === 404) return new GatewayError('not_found', true, { cause: error });
  if (status === 401 || status === 403) return new GatewayError('no_access', true, { cause: error });
  if (status === 429) return new GatewayError('rate_limited', false, { cause: error });
  return new GatewayError(status >= 500 ? 'unavailable' : `http_${status}`, status < 500, { cause: error });
}
