import type { Card } from '../../core/cards/card.types.js';
import { t } from '../../core/i18n/catalogue.js';
import type { Locale } from '../../core/playbook/playbook.types.js';
import type { ChatGateway } from '../../core/ports/chat-gateway.js';
import { isGatewayError } from '../../core/ports/gateway-error.js';
import type { Store } from '../../core/ports/store.js';

/** What every card of a purged incident says afterwards, in place of its content. */
export function removedCard(incidentId: string, key: string, locale: Locale): Card {
  const text = t(locale, 'retention.removedCard');
  return { key, incidentId, fallback: text, blocks: [{ type: 'text', text, tone: 'muted' }] };
}

/** The lead's warning that an idle, unfinished incident will be purged in 30 days. */
export function idleWarningCard(incidentId: string, number: string, locale: Locale, months: number): Card {
  const text = t(locale, 'retention.idleWarning', { number, months });
  return {
    key: `idle:${incidentId}`,
    incidentId,
    fallback: text,
    blocks: [
      { type: 'text', text, strong: true },
      { type: 'text', text: t(locale, 'retention.idleWarningWhat') },
    ],
  };
}

/** A platform answer that means the message or space is gone: nothing is left to blank. */
function gone(error: unknown): boolean {
  return isGatewayError(error) && error.permanent;
}

/**
 * Before the purge forgets where the bot posted: each posted card (overview, phases, tips) is
 * overwritten with "Inhoud verwijderd (bewaartermijn)", then the space is archived where the
 * platform can. A message or space that is gone is skipped; any other failure is thrown, so the
 * purge waits for the next run and the references are kept. Timeline lines and personal
 * reminders were never stored by id and cannot be reached (the README says so).
 */
export async function blankPostedMessages(
  store: Store,
  gateway: ChatGateway,
  incidentId: string,
  locale: Locale,
): Promise<number> {
  let blanked = 0;
  for (const message of await store.cards.list(incidentId)) {
    try {
      await gateway.updateCard(
        message.spaceId,
        message.messageId,
        removedCard(incidentId, message.cardKey, locale),
      );
      blanked += 1;
    } catch (error) {
      if (!gone(error)) throw error;
    }
  }
  const incident = await store.incidents.get(incidentId);
  if (incident?.spaceId && gateway.archiveSpace) {
    await gateway.archiveSpace(incident.spaceId).catch((error: unknown) => {
      if (!gone(error)) throw error;
    });
  }
  return blanked;
}
