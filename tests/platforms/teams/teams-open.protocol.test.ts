import { describe, expect, it } from 'vitest';
import { t } from '../../../src/core/i18n/catalogue.js';
import { VERBS } from '../../../src/platforms/teams/cards/adaptive.types.js';
import { clicker } from './support/card-click.support.js';
import { cardText, findAll, shown } from './support/card-reading.support.js';
import { GROUP_ID } from './support/fake-microsoft.js';
import { eventually, type Harness, quiet, teamsHarness } from './support/teams-harness.js';
import { addAppToChannel, conversationStored, submitOpeningForm } from './support/teams-open.support.js';
import { ANNA, BAS, DIRK, GENERAL } from './support/teams-people.support.js';

describe('Teams: opening an incident from a channel', () => {
  const h = teamsHarness();
  const click = clicker(h);
  let pendingId: string;
  let form: Record<string, unknown>;
  /** The asker's form, clicked on the channel's pending card. */
  const onPending = () => ({ form, where: { channel: GENERAL, replyToId: pendingId } });

  it('answers "@Stappenplan incident nieuw" with a card that shows the form only to the asker', async () => {
    const response = await h.say(ANNA, 'incident nieuw foto van Jan', { channel: GENERAL });
    expect(response.status).toBe(200);
    const posted = h.microsoft.cards(GENERAL);
    expect(posted).toHaveLength(1);
    const pending = posted[0]!;
    pendingId = pending.id;
    expect(cardText(pending.card)).toContain('Anna vult het formulier voor een nieuw incident in');
    expect(pending.card.refresh).toMatchObject({
      userIds: ['29:aad-anna'],
      action: { verb: VERBS.openForm },
    });
    // Nothing typed after the command is carried into the channel's card.
    expect(JSON.stringify(pending.card)).not.toContain('Jan');
  });

  it('gives Anna the form on refresh and Dirk only the pending card', async () => {
    const data = (h.microsoft.cards(GENERAL)[0]!.card.refresh as { action: { data: object } }).action.data;
    const onPending = { channel: GENERAL, replyToId: pendingId };
    form = (await click(ANNA, VERBS.openForm, { ...data }, onPending)).card;
    const ids = findAll(form, (n) => typeof n.id === 'string').map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining(['o:title', 'o:kind', 'o:spread', 'o:invited', 'o:lead']));
    const invite = findAll(form, (n) => n.id === 'o:invited')[0] as { choices: Array<{ value: string }> };
    expect(invite.choices.map((c) => c.value)).toEqual(['aad-bas', 'aad-carla', 'aad-dirk']);
    // The title typed after the command is in Anna's form, with a word that the channel saw it.
    expect(findAll(form, (n) => n.id === 'o:title')[0]).toMatchObject({ value: 'foto van Jan' });
    expect(cardText(form)).toContain('wat je na het commando typt, ziet iedereen in dit kanaal');
    expect(cardText(form)).toContain('persoonlijke chat met Stappenplan');

    const forDirk = await click(DIRK, VERBS.openForm, { ...data }, onPending);
    expect(findAll(forDirk.card, (n) => n.id === 'o:title')).toEqual([]);
    expect(JSON.stringify(forDirk.card)).not.toContain('Jan');
    expect(forDirk.text).toContain('Alleen Anna ziet dat formulier');
  });

  it('answers bad input on the form itself, keeping what was typed', async () => {
    const response = await submitOpeningForm(h, ANNA, onPending(), {
      'o:title': 'x',
      'o:kind': 'nude_photo',
      'o:invited': 'aad-bas',
    });
    const again = response.card;
    expect(response.text).toContain('Korte titel: minimaal 3 tekens.');
    expect(findAll(again, (n) => n.id === 'o:invited')[0]?.value).toBe('aad-bas');
    expect(h.microsoft.channels).toEqual([]);
  });

  it('opens the incident: a private channel with the lead as owner, then every card in it', async () => {
    const values = {
      'o:title': 'Foto 2B',
      'o:kind': 'nude_photo',
      'o:invited': 'aad-bas',
      'o:lead': 'aad-anna',
    };
    const response = await submitOpeningForm(h, ANNA, onPending(), values);
    // Nothing says "geopend" before it is true.
    expect(response.text).toContain(t('nl', 'opening.pending', { number: '2026-0001' }));
    // The channel's pending card says the same, with the number only.
    const updated = h.microsoft.activities.get(GENERAL)?.get(pendingId);
    expect(JSON.stringify(updated)).toContain('2026-0001 wordt geopend');
    expect(JSON.stringify(updated)).not.toContain('Foto 2B');

    const channel = await eventually(() => h.microsoft.channels[0]);
    expect(channel).toMatchObject({ displayName: 'incident-2026-0001', membershipType: 'private' });
    expect(channel.members).toEqual([
      expect.objectContaining({
        'user@odata.bind': expect.stringContaining("users('aad-anna')"),
        roles: ['owner'],
      }),
      expect.objectContaining({ 'user@odata.bind': expect.stringContaining("users('aad-bas')"), roles: [] }),
    ]);
    // Teams lets the bot in only once a member adds the app: the lead is told how, with a link,
    // and the confirmation says what it waits for.
    const steps = await eventually(() => h.microsoft.cards('a:personal-aad-anna').at(-1));
    expect(cardText(steps.card)).toContain(
      'Voeg de app Stappenplan toe aan het privékanaal incident-2026-0001',
    );
    expect(cardText(steps.card)).toContain('Kanaal beheren');
    expect(JSON.stringify(steps.card)).toContain(channel.webUrl);
    await eventually(() =>
      cardText(h.microsoft.cards(GENERAL).find((c) => c.id === pendingId)?.card).includes(
        'Wacht tot de app aan het kanaal is toegevoegd',
      ),
    );
    expect(h.microsoft.postedCards(channel.id)).toEqual([]);
    await addAppToChannel(h, channel.id);
    const create = h.microsoft.named('POST', new RegExp(`/graph/teams/${GROUP_ID}/channels$`))[0];
    expect(create?.authorization).toBe('Bearer token-for-tenant-1');

    const cards = await eventually(() => {
      const posted = h.microsoft.postedCards(channel.id);
      return posted.length === 10 ? posted : null;
    });
    expect(cardText(cards[0]!.card)).toContain('Nu eerst · incident 2026-0001');
    expect(cardText(cards[1]!.card)).toContain('Incident 2026-0001: Foto 2B');
    const incident = await eventually(async () => {
      const found = await firstIncident(h);
      return found.status === 'open' ? found : null;
    });
    expect(incident.status).toBe('open');
    expect(incident.spaceId).toBe(channel.id);
    // The same confirmation now links into the channel.
    const done = await eventually(() => {
      const card = h.microsoft.cards(GENERAL).find((c) => c.id === pendingId)?.card;
      return cardText(card).includes('Incident 2026-0001 is geopend') ? card : null;
    });
    expect(JSON.stringify(done)).toContain(channel.webUrl);
  });

  it('a second submit of the same form opens nothing new', async () => {
    const values = { 'o:title': 'Foto 2B', 'o:kind': 'nude_photo', 'o:invited': 'aad-bas' };
    const response = await submitOpeningForm(h, ANNA, onPending(), values);
    expect(response.text).toContain('Incident 2026-0001');
    await quiet(h.microsoft);
    expect(h.microsoft.channels).toHaveLength(1);
  });

  it('refuses the form sent in by someone else than the asker', async () => {
    const response = await submitOpeningForm(h, DIRK, onPending(), {
      'o:title': 'Foto 5E',
      'o:kind': 'other',
    });
    expect(response.text).toContain(t('nl', 'teams.notYourForm'));
  });

  it('refuses to invite someone who is not in the team', async () => {
    const response = await submitOpeningForm(
      h,
      ANNA,
      { form, where: { channel: GENERAL, replyToId: 'another-card' } },
      { 'o:title': 'Foto 3C', 'o:kind': 'other', 'o:invited': 'aad-stranger' },
    );
    expect(response.text).toContain('deze collega is geen lid');
  });

  it('opens from a personal chat too, in the one team the bot is in', async () => {
    await h.say(BAS, 'incident nieuw Filmpje 4A');
    const chat = h.microsoft.cards('a:personal-aad-bas');
    expect(chat).toHaveLength(1);
    const personalForm = chat[0]!.card;
    expect(findAll(personalForm, (n) => n.id === 'o:title')[0]?.value).toBe('Filmpje 4A');
    const response = await submitOpeningForm(
      h,
      BAS,
      { form: personalForm, where: { replyToId: chat[0]!.id } },
      { 'o:title': 'Filmpje 4A', 'o:kind': 'sex_video' },
    );
    expect(response.text).toContain(t('nl', 'opening.pending', { number: '2026-0002' }));
    const channel = await eventually(() =>
      h.microsoft.channels.find((c) => c.displayName === 'incident-2026-0002'),
    );
    await eventually(() => conversationStored(h, channel.id));
    await addAppToChannel(h, channel.id);
    // The form in Bas's personal chat became the link into the new channel.
    await eventually(() =>
      cardText(h.microsoft.cards('a:personal-aad-bas').find((c) => c.id === chat[0]!.id)?.card).includes(
        'Incident 2026-0002 is geopend',
      ),
    );
  });

  it('status in a personal chat lists your open incidents; help comes in your language', async () => {
    await h.say(BAS, 'incident status');
    const status = JSON.stringify(h.microsoft.cards('a:personal-aad-bas').at(-1)?.card);
    expect(status).toContain('Jouw open incidenten');
    expect(status).toContain('2026-0001 · Naaktfoto');
    expect(status).toContain('Foto 2B');
    expect(status).toContain('Filmpje 4A');
    await h.say(DIRK, 'incident status');
    expect(shown(h.microsoft.texts('a:personal-aad-dirk').at(-1)?.text)).toBe(
      'Je hebt geen open incidenten.',
    );
    await h.say(DIRK, 'hallo', { locale: 'en-US' });
    const hello = shown(h.microsoft.texts('a:personal-aad-dirk').at(-1)?.text);
    // Unrecognised text gets a short help with the commands, not a refusal.
    expect(hello).toContain('Hi! I am Stappenplan');
    expect(hello).toContain('incident new: open a new incident');
    expect(hello).not.toContain('I do not know');
  });
});

async function firstIncident(h: Harness) {
  const { rows } = await (await import('kysely')).sql<{
    id: string;
  }>`select id from incident order by created_at limit 1`.execute(h.app.database.db);
  const incident = await h.app.context.store.incidents.get(rows[0]?.id ?? '');
  if (!incident) throw new Error('no incident');
  return incident;
}
