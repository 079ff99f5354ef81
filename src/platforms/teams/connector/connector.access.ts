import type { Activity, CloudAdapter, ConversationParameters, ConversationReference } from 'botbuilder';
import { DEFAULT_RETRY, decideByStatus, type RetryDecision, type RetryOptions, withRetry } from '../retry.js';

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
  };
}

/**
 * The Bot Framework Connector outside a turn (proactive messages): a client for a service URL,
 * with Teams' throttling (429) and server errors retried.
 */
export class ConnectorAccess {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly retry: RetryOptions = DEFAULT_RETRY,
  ) {}

  /** Runs `call` with a Connector client for the service URL, retrying throttling and 5xx. */
  async call<T>(serviceUrl: string, call: (client: ConnectorClient) => Promise<T>): Promise<T> {
    return withRetry(() => this.withClient(serviceUrl, call), connectorDecision, this.retry);
  }

  private async withClient<T>(serviceUrl: string, call: (client: ConnectorClient) => Promise<T>): Promise<T> {
    const reference: Partial<ConversationReference> = {
      serviceUrl,
      channelId: 'msteams',
      conversation: { id: 'proactive', isGroup: false, conversationType: '', name: '' },
      bot: { id: this.appId, name: '' },
    };
    let result: { value: T } | null = null;
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      const client = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
      result = { value: await call(client) };
    });
    if (!result) throw new Error('The Connector call did not run');
    return (result as { value: T }).value;
  }
}

/** Reads the status of a Connector error (Azure REST error or plain HTTP error). */
export function connectorDecision(error: unknown): RetryDecision {
  const e = error as {
    statusCode?: number;
    status?: number;
    code?: string;
    response?: {
      status?: number;
      headers?: { get?: (name: string) => string | null } & Record<string, unknown>;
    };
  };
  const status = e?.statusCode ?? e?.response?.status ?? e?.status;
  const headers = e?.response?.headers;
  const retryAfter =
    typeof headers?.get === 'function'
      ? headers.get('retry-after')
      : (headers?.['retry-after'] as string | undefined);
  if (status === undefined && (e?.code === 'ECONNREFUSED' || e?.code === 'ECONNRESET'))
    return { retry: true };
  return decideByStatus(status, retryAfter);
}
