/**
 * What the Bot Framework Connector refuses, one rule set for the playground's stand-in and the
 * tests' fake Microsoft.
 */
export type ConnectorRefusal = { status: number; body: { error: { code: string; message: string } } };

/** A personal chat with the bot; a team's channels and group chats are not. */
export function isPersonalConversation(conversationId: string): boolean {
  return conversationId.startsWith('a:');
}

/**
 * "Send and receive files using bots" (Microsoft Learn): a file consent card works in the
 * personal scope only; anywhere else Teams refuses the message.
 */
export function fileCardRefusal(
  conversationId: string,
  activity: Record<string, unknown>,
): ConnectorRefusal | null {
  const attachments = (activity.attachments as Array<{ contentType?: string }> | undefined) ?? [];
  const fileCard = attachments.some((a) =>
    String(a.contentType).startsWith('application/vnd.microsoft.teams.card.file.'),
  );
  if (!fileCard || isPersonalConversation(conversationId)) return null;
  return {
    status: 400,
    body: { error: { code: 'BadArgument', message: 'File cards need a personal chat.' } },
  };
}

/** The Connector answers a conversation the bot is not in with 404 (Agents Playground: ConversationNotFound). */
export const CONVERSATION_NOT_FOUND: ConnectorRefusal = {
  status: 404,
  body: { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } },
};
