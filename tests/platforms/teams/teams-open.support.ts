import { VERBS } from '../../../src/platforms/teams/cards/adaptive.types.js';
import type { Person } from './fake-microsoft.js';
import {
  actionData,
  answeredCard,
  click,
  eventually,
  GENERAL,
  type Harness,
  message,
} from './teams-harness.js';

export interface OpenedIncident {
  channelId: string;
  /** Posted card message ids by card key order: overview, seven phases, tips. */
  cards: Array<{ id: string; card: Record<string, unknown> }>;
}

/** Runs the opening flow in the general channel and waits until every card is in the new channel. */
export async function openIncident(
  h: Harness,
  opener: Person,
  values: Record<string, string>,
  expectedCards = 9,
  /** A channel that already exists and should be used. */
  existingChannel?: string,
): Promise<OpenedIncident> {
  const before = h.microsoft.channels.length;
  await h.post(message(h.microsoft, opener, 'incident nieuw', { channel: GENERAL }));
  const pending = h.microsoft.cards(GENERAL).at(-1);
  if (!pending) throw new Error('no pending card');
  const data = (pending.card.refresh as { action: { data: object } }).action.data;
  const form = answeredCard(
    await h.post(
      click(h.microsoft, opener, VERBS.openForm, { ...data }, { channel: GENERAL, replyToId: pending.id }),
    ),
  );
  await h.post(
    click(
      h.microsoft,
      opener,
      VERBS.openSubmit,
      { ...actionData(form, 'Openen'), ...values },
      {
        channel: GENERAL,
        replyToId: pending.id,
      },
    ),
  );
  const channel = await eventually(() =>
    existingChannel
      ? h.microsoft.channels.find((c) => c.id === existingChannel)
      : h.microsoft.channels[before],
  );
  const cards = await eventually(() => {
    const posted = h.microsoft.postedCards(channel.id);
    return posted.length === expectedCards ? posted : null;
  });
  // The opening is done once every card's id is stored and the incident is open.
  await eventually(async () => {
    const incident = await h.app.database.db
      .selectFrom('incident')
      .select('status')
      .where('space_id', '=', channel.id)
      .executeTakeFirst();
    return incident?.status === 'open';
  });
  return { channelId: channel.id, cards };
}
