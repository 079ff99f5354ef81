import { describe, expect, it } from 'vitest';
import { BUILTIN_CARD_KEYS } from '../../support/core-fixture.js';
import { mentionsIn, textsOf } from './support/fake-slack.state.js';
import { slackHarness } from './support/slack-harness.hooks.js';
import {
  ANNA,
  BAS,
  BOT_USER,
  CEM,
  cards,
  eventually,
  incidentChannels,
  openIncident,
  TEAM_ID,
  YEAR,
} from './support/slack-harness.js';

const h = slackHarness();

async function modalFor(userId: string, text = 'nieuw') {
  const before = h.fake.state.views.length;
  const answer = await h.people.command(userId, text);
  expect(answer.status).toBe(200);
  return h.fake.waitFor(
    () => h.fake.state.views.slice(before).find((view) => view.userId === userId),
    5000,
    'modal',
  );
}

describe('/incident nieuw', () => {
  it('opens the modal at once, with the title from the command and the opener as lead', async () => {
    const view = await modalFor(ANNA, 'nieuw Foto 2B');
    const open = h.fake.named('views.open').at(-1)!;
    expect(open.ok).toBe(true);
    const blocks = view.view.blocks as Array<{ block_id?: string; element?: Record<string, unknown> }>;
    expect(blocks.find((block) => block.block_id === 'title')?.element?.initial_value).toBe('Foto 2B');
    expect(blocks.find((block) => block.block_id === 'lead')?.element?.initial_user).toBe(ANNA);
    expect(JSON.stringify(view.view)).toContain('Geen namen van leerlingen');
  });

  it('shows bad input next to its field and creates nothing', async () => {
    const channelsBefore = incidentChannels(h.fake).length;
    const view = await modalFor(ANNA);
    const empty = await h.people.submit(ANNA, view, { title: ' ', kind: 'nude_photo' });
    expect(empty.errors).toEqual({ title: 'Korte titel: vul dit in.' });
    const long = await h.people.submit(ANNA, view, { title: 'x'.repeat(81), kind: 'nude_photo' });
    expect(long.errors).toEqual({ title: 'Korte titel: maximaal 80 tekens.' });
    const lead = await h.people.submit(ANNA, view, {
      title: 'Foto',
      kind: 'nude_photo',
      invited: [BAS],
      lead: CEM,
    });
    expect(lead.errors).toEqual({
      lead: 'Regisseur: de regisseur moet een van de uitgenodigde collega’s zijn.',
    });
    expect(incidentChannels(h.fake)).toHaveLength(channelsBefore);
    expect(await h.app.context.store.incidents.listByStatus('opening', 10)).toEqual([]);
  });

  it('makes a private channel named after the number, invites the colleagues and posts the cards', async () => {
    const { channel, card } = await openIncident(h, ANNA, {
      title: 'Foto 2B',
      invited: [BAS, CEM],
      spread: 'school',
    });
    expect(channel.name).toMatch(/^incident-\d{4}-0001$/);
    expect(channel.isPrivate).toBe(true);
    expect([...channel.members].sort()).toEqual([ANNA, BAS, BOT_USER, CEM].sort());
    expect(h.fake.named('conversations.create').at(-1)?.args).toMatchObject({
      is_private: 'true',
      name: channel.name,
    });

    expect([...cards(h.fake, channel.id).keys()]).toEqual(BUILTIN_CARD_KEYS);
    const overview = card('overview');
    expect(h.fake.state.pins.has(`${channel.id}:${overview.ts}`)).toBe(true);
    // "Nu eerst" is posted first and pinned too, with a number to tap.
    const now = card('now');
    expect(h.fake.state.pins.has(`${channel.id}:${now.ts}`)).toBe(true);
    expect(JSON.stringify(now.blocks)).toContain('<tel:+31206626559|020 - 6626559>');
    const text = textsOf(overview.blocks).join('\n');
    expect(text).toContain(`Incident ${YEAR}-0001: Foto 2B`);
    expect(text).toContain('Het bezit ervan is strafbaar');
    expect(text).toContain('*Regisseur*\nAnna');
    expect(text).toContain('Nog niet opgepakt');
    expect(text).toContain('meldknop.nl');
    expect(text).not.toMatch(/U0[A-Z]+/);

    const workspace = await h.app.context.store.workspaces.ensure('slack', TEAM_ID, {
      locale: 'nl',
      timezone: 'Europe/Amsterdam',
    });
    // The cards are all there just before the incident is marked ready.
    const incident = await eventually(async () => {
      const found = await h.app.context.store.incidents.findBySpace(workspace.id, channel.id);
      return found?.status === 'open' ? found : null;
    });
    const names = (await h.app.context.store.members.list(incident!.id)).map((m) => m.displayName).sort();
    expect(names).toEqual(['Anna', 'Bas', 'Cem']);

    // The confirmation is a direct message that said "wordt geopend…" and now links the channel.
    const notice = await h.fake.waitFor(() =>
      h.fake.state.messages.find(
        (m) => m.channel.startsWith('D') && JSON.stringify(m.blocks ?? []).includes(`<#${channel.id}>`),
      ),
    );
    expect(notice.updates).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(notice.blocks)).toContain(`Incident ${YEAR}-0001 is geopend.`);
    expect(JSON.stringify(notice.blocks)).not.toContain('Foto klas');
    expect(h.fake.responses.some((r) => String(r.body.text).includes('geopend'))).toBe(false);
  });

  it('never says "geopend" before it is true: the first confirmation says "wordt geopend…"', async () => {
    const view = await modalFor(BAS);
    await h.people.submit(BAS, view, { title: 'Tweede', kind: 'other' });
    const notice = await h.fake.waitFor(() =>
      h.fake.state.messages.find(
        (m) => m.channel.startsWith('D') && JSON.stringify(m.blocks ?? []).includes('0002 is geopend'),
      ),
    );
    const call = h.fake
      .named('chat.postMessage')
      .find((c) => String(c.args.channel).startsWith('D') && JSON.stringify(c.args.blocks).includes('0002'));
    expect(JSON.stringify(call?.args.blocks)).toContain(`Incident ${YEAR}-0002 wordt geopend…`);
    expect(JSON.stringify(call?.args.blocks)).not.toContain('is geopend');
    expect(notice.updates).toBeGreaterThanOrEqual(1);
  });

  it('asks once whether a title names a pupil; the same modal sent again opens the incident', async () => {
    const before = incidentChannels(h.fake).length;
    const view = await modalFor(BAS);
    const asked = await h.people.submit(BAS, view, {
      title: 'Foto van Sanne de Groot uit 2C',
      kind: 'other',
    });
    expect(asked.errors?.title).toContain('Sanne de Groot uit 2C');
    expect(asked.errors?.title).toContain('initialen');
    expect(incidentChannels(h.fake)).toHaveLength(before);
    const again = await h.people.submit(BAS, view, {
      title: 'Foto van Sanne de Groot uit 2C',
      kind: 'other',
    });
    expect(again.errors).toBeUndefined();
    await h.fake.waitFor(() => incidentChannels(h.fake).length === before + 1);
  });

  it('opens one incident when the same modal is submitted twice', async () => {
    const before = incidentChannels(h.fake).length;
    const view = await modalFor(BAS);
    const fill = { title: 'Filmpje', kind: 'sex_video', invited: [ANNA] };
    const [first, second] = await Promise.all([
      h.people.submit(BAS, view, fill),
      h.people.submit(BAS, view, fill),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const channel = await h.fake.waitFor(() => incidentChannels(h.fake)[before]);
    await h.fake.waitFor(() => cards(h.fake, channel.id).size === 10);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(incidentChannels(h.fake)).toHaveLength(before + 1);
    expect(cards(h.fake, channel.id).size).toBe(10);
    expect(h.fake.state.topLevel(channel.id)).toHaveLength(10);
  });

  it('shows a title like <!channel> literally and notifies nobody', async () => {
    const { channel } = await openIncident(h, ANNA, { title: '<!channel> hoi', invited: [BAS] });
    const posted = h.fake.state.messages.filter((message) => message.channel === channel.id);
    const texts = posted.flatMap((message) => [message.text, ...textsOf(message.blocks)]);
    expect(texts.join('\n')).toContain('&lt;!channel&gt; hoi');
    expect(texts.flatMap(mentionsIn)).toEqual([]);
  });

  it('ignores bots picked as colleagues', async () => {
    const { channel } = await openIncident(h, CEM, { title: 'Met bot', invited: [BOT_USER, ANNA] });
    expect([...channel.members].sort()).toEqual([ANNA, BOT_USER, CEM].sort());
    expect(
      h.fake.named('conversations.invite').every((call) => !String(call.args.users).includes(BOT_USER)),
    ).toBe(true);
  });
});
