import type { ConversationParameters } from 'botbuilder';
import type { FileHandover, HandoverResult } from '../../../core/ports/chat-gateway.js';
import { isGatewayError } from '../../../core/ports/gateway-error.js';
import type { ConnectorAccess } from '../connector/connector.access.js';
import type { TeamRef } from '../storage/teams-reference.repository.js';
import type { FileOffers } from './file-offers.js';

/**
 * The documented way for a bot to give a user a file in Teams ("Send and receive files using
 * bots", https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4): a file
 * consent card in the user's personal chat with the bot. On "Allow" Teams sends the invoke
 * `fileConsent/invoke` with an upload URL in the user's OneDrive (handlers/file-consent.handler.ts).
 * Works in the personal scope only, and needs `supportsFiles` in the manifest.
 */
export const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';

export interface ConsentRoute {
  connector: ConnectorAccess;
  offers: FileOffers;
  bot: { id: string; name: string };
}

/** One consent card per file in the requester's personal chat; `unreachable` when that chat cannot be reached. */
export async function offerInPersonalChat(
  route: ConsentRoute,
  team: TeamRef,
  handover: FileHandover,
): Promise<HandoverResult> {
  const made: string[] = [];
  try {
    const conversation = await route.connector.call(team.serviceUrl, (client) =>
      client.conversations.createConversation({
        isGroup: false,
        bot: route.bot,
        members: [{ id: handover.requesterId, name: '' }],
        tenantId: team.tenantId,
        channelData: { tenant: { id: team.tenantId } },
      } as ConversationParameters),
    );
    const conversationId = conversation.id ?? '';
    for (const file of handover.files) {
      const offer = route.offers.add({
        workspaceId: team.workspaceId,
        incidentId: handover.incidentId,
        spaceId: handover.spaceId,
        incidentNumber: handover.incidentNumber,
        requesterId: handover.requesterId,
        requesterName: handover.requesterName,
        locale: handover.locale,
        file,
      });
      made.push(offer.id);
      const context = { offer: offer.id };
      await route.connector.call(team.serviceUrl, (client) =>
        client.conversations.sendToConversation(conversationId, {
          type: 'message',
          conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
          attachments: [
            {
              contentType: FILE_CONSENT,
              name: file.name,
              content: {
                description: handover.title,
                sizeInBytes: file.bytes.length,
                acceptContext: context,
                declineContext: context,
              },
            },
          ],
        }),
      );
    }
    return { kind: 'offered' };
  } catch (error) {
    for (const id of made) route.offers.drop(id);
    // The app is not installed for the person, or the chat is gone: trying again will not help.
    if (isGatewayError(error) && error.permanent) return { kind: 'unreachable' };
    throw error;
  }
}
