import { VERBS } from '../../../../src/platforms/teams/cards/adaptive.types.js';
import { type ClickAnswer, clicker } from './card-click.support.js';
import { actionData } from './card-reading.support.js';
import { type Person, TEAM_ID, TENANT } from './fake-microsoft.js';
import { eventually, type Harness } from './teams-harness.js';
import { GENERAL } from './teams-people.support.js';

/** The usual opening: a naaktfoto titled "Foto 2B", with Bas invited. */
export const FOTO_2B_WITH_BAS = {
  'o:title': 'Foto 2B',
  'o:kind': 'nude_photo',
  'o:invited': 'aad-bas',
} as const;

export interface OpenedIncident {
  /** The incident's space: the group chat's or the private channel's conversation id. */
  spaceId: string;
  /** Posted card message ids by card key order: overview, seven phases, tips. */
  cards: Array<{ id: string; card: Record<string, unknown> }>;
  /** The "Nu eerst" card, posted before all others. */
  now: { id: string; card: Record<string, unknown> };
}

/** The opening form as the asker has it: the channel's pending card refreshed for them. */
export interface OpeningForm {
  /** The pending card in the team's channel. */
  pendingId: string;
  form: Record<string, unknown>;
  /** Where clicks on the form come from: the team's channel, on the pending card. */
  where: { channel?: string; replyToId: string };
}

/** `@Stappenplan incident nieuw` in the team's channel, and the form the asker gets on refresh. */
export async function requestOpeningForm(h: Harness, asker: Person): Promise<OpeningForm> {
  await h.say(asker, 'incident nieuw', { channel: GENERAL });
  const pending = h.microsoft.cards(GENERAL).at(-1);
  if (!pending) throw new Error('no pending card');
  const data = (pending.card.refresh as { action: { data: object } }).action.data;
  const where = { channel: GENERAL, replyToId: pending.id };
  const { card: form } = await clicker(h)(asker, VERBS.openForm, { ...data }, where);
  return { pendingId: pending.id, form, where };
}

/** `person` presses **Openen** on the form with these values; the card the invoke answered with. */
export function submitOpeningForm(
  h: Harness,
  person: Person,
  opening: Pick<OpeningForm, 'form' | 'where'>,
  values: Record<string, string>,
): Promise<ClickAnswer> {
  const data = { ...actionData(opening.form, 'Openen'), ...values };
  return clicker(h)(person, VERBS.openSubmit, data, opening.where);
}

/**
 * A member adds the app to a private channel by hand, as Teams requires: from then on the bot is
 * in it and receives its own `channelMemberAdded` there.
 */
export async function addAppToChannel(h: Harness, channelId: string): Promise<void> {
  h.microsoft.addBotTo(channelId);
  const response = await h.post({
    type: 'conversationUpdate',
    id: `added-${channelId}`,
    channelId: 'msteams',
    serviceUrl: h.microsoft.serviceUrl,
    from: { id: '29:aad-anna', aadObjectId: 'aad-anna' },
    recipient: { id: '28:bot', name: 'Stappenplan' },
    conversation: { id: channelId, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    membersAdded: [{ id: '28:bot' }],
    channelData: {
      eventType: 'channelMemberAdded',
      team: { id: TEAM_ID },
      channel: { id: channelId },
      tenant: { id: TENANT },
    },
  });
  if (response.status !== 200) throw new Error(`conversationUpdate answered ${response.status}`);
}

/**
 * Runs the opening flow in the general channel and waits until every card is in the new space: a
 * group chat (the harness's `space: 'chat'`) or a private channel, to which the app is then added
 * the way a member would.
 */
export async function openIncident(
  h: Harness,
  opener: Person,
  values: Record<string, string>,
  expectedCards = 10,
  /** A channel that already exists and should be used. */
  existingChannel?: string,
): Promise<OpenedIncident> {
  const before = h.space === 'chat' ? h.microsoft.chats.length : h.microsoft.channels.length;
  await submitOpeningForm(h, opener, await requestOpeningForm(h, opener), values);
  const space = await eventually(() =>
    h.space === 'chat'
      ? h.microsoft.chats[before]
      : existingChannel
        ? h.microsoft.channels.find((c) => c.id === existingChannel)
        : h.microsoft.channels[before],
  );
  if (h.space === 'channel') {
    // The opening waits for the app; the lead was told how to add it.
    await eventually(() => conversationStored(h, space.id));
    await addAppToChannel(h, space.id);
  }
  const cards = await eventually(() => {
    const posted = h.microsoft.postedCards(space.id);
    return posted.length === expectedCards ? posted : null;
  });
  // The opening is done once every card's id is stored and the incident is open.
  await eventually(async () =>
    (await h.app.context.store.incidents.listByStatus('open', 100)).some((open) => open.spaceId === space.id),
  );
  const [now, ...rest] = cards;
  if (!now) throw new Error('no cards');
  return { spaceId: space.id, cards: rest, now };
}

/** Whether the bot has stored the conversation `spaceId` (a new private channel waits there for the app). */
export async function conversationStored(h: Harness, spaceId: string): Promise<boolean> {
  const row = await h.app.database.db
    .selectFrom('teams_conversation')
    .select('space_id')
    .where('space_id', '=', spaceId)
    .executeTakeFirst();
  return row !== undefined;
}
