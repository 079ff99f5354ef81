import type { CardMessage, CardMessageRepository } from '../../core/ports/store.js';
import { type Db, rowsWhere } from './db.js';

export function cardMessageRepository(db: Db): CardMessageRepository {
  const list = async (incidentId: string): Promise<CardMessage[]> => {
    const rows = await rowsWhere(db, 'card_message', { incident_id: incidentId })
      .orderBy('created_at')
      .execute();
    return rows.map((row) => ({
      incidentId: row.incident_id,
      cardKey: row.card_key,
      spaceId: row.space_id,
      messageId: row.message_id,
      createdAt: row.created_at,
    }));
  };
  return {
    list,
    async save(message) {
      await db
        .insertInto('card_message')
        .values({
          incident_id: message.incidentId,
          card_key: message.cardKey,
          space_id: message.spaceId,
          message_id: message.messageId,
          created_at: message.createdAt,
        })
        .onConflict((oc) => oc.columns(['incident_id', 'card_key']).doNothing())
        .execute();
      const stored = (await list(message.incidentId)).find((card) => card.cardKey === message.cardKey);
      return stored ?? message;
    },
  };
}
