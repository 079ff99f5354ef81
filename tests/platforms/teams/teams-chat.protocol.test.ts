import { beforeAll, expect, it } from 'vitest';
import { t } from '../../../src/core/i18n/catalogue.js';
import { VERBS } from '../../../src/platforms/teams/cards/adaptive.types.js';
import { describeEachDatabase } from '../../support/databases.js';
import { clicker } from './support/card-click.support.js';
import { actionData, cardText, findAll } from './support/card-reading.support.js';
import { CATALOG_APP_ID } from './support/fake-graph.js';
import { eventually, teamsHarness } from './support/teams-harness.js';
import { FOTO_2B_WITH_BAS, type OpenedIncident, openIncident } from './support/teams-open.support.js';
import { ANNA, BAS, CARLA, GENERAL } from './support/teams-people.support.js';

const OPEN = FOTO_2B_WITH_BAS;

/** The inline card a menu entry opens (Action.ShowCard), with its inputs and its save button. */
function menuEntry(
  card: unknown,
  title: string,
): { data: Record<string, unknown>; input(suffix: string): string } {
  const entry = findAll(card, (node) => node.type === 'Action.ShowCard' && node.title === title)[0];
  if (!entry) throw new Error(`no menu entry "${title}"`);
  const save = findAll(entry.card, (node) => node.type === 'Action.Execute')[0];
  return {
    data: (save?.data ?? {}) as Record<string, unknown>,
    input(suffix) {
      const input = findAll(
        entry.card,
        (node) => typeof node.id === 'string' && String(node.id).endsWith(suffix),
      )[0];
      if (!input) throw new Error(`no input *${suffix}`);
      return String(input.id);
    },
  };
}

describeEachDatabase('Teams: the incident as a group chat', (target) => {
  const h = teamsHarness({ space: 'chat', database: target.name });
  const click = clicker(h);
  let incident: OpenedIncident;
  const inChat = (replyToId: string) => ({ chat: incident.spaceId, replyToId });
  const latest = (id: string) => h.microsoft.cards(incident.spaceId).find((card) => card.id === id)!.card;

  beforeAll(async () => {
    incident = await openIncident(h, ANNA, OPEN);
  });

  it('makes one group chat named by the number only, everyone an owner, with the app installed', () => {
    const [chat, ...others] = h.microsoft.chats;
    expect(others).toEqual([]);
    expect(chat).toMatchObject({ id: incident.spaceId, topic: 'Incident 2026-0001', chatType: 'group' });
    expect(chat?.members.map((member) => [member.userId, member.roles])).toEqual([
      ['aad-anna', ['owner']],
      ['aad-bas', ['owner']],
    ]);
    expect(chat?.installedApps).toEqual([CATALOG_APP_ID]);
    // The app is found in the catalogue before a chat exists; the chat is made before the install.
    const order = h.microsoft.calls
      .filter((call) => call.path.startsWith('/graph/'))
      .map((call) => `${call.method} ${call.path.replace(/\?.*$/, '')}`);
    expect(order.slice(0, 3)).toEqual([
      'GET /graph/appCatalogs/teamsApps',
      'POST /graph/chats',
      `POST /graph/chats/${incident.spaceId}/installedApps`,
    ]);
    // Graph never hears the title: it may hint at a pupil.
    expect(JSON.stringify(h.microsoft.calls.filter((call) => call.path.startsWith('/graph/')))).not.toContain(
      'Foto 2B',
    );
    expect(incident.cards).toHaveLength(9);
  });

  it('turns the requester’s confirmation into a link into the chat', async () => {
    const pending = h.microsoft.cards(GENERAL).find((card) => cardText(card.card).includes('2026-0001'));
    const done = await eventually(() => {
      const card = h.microsoft.cards(GENERAL).find((c) => c.id === pending?.id)?.card;
      return cardText(card).includes('Incident 2026-0001 is geopend') ? card : null;
    });
    expect(JSON.stringify(done)).toContain(h.microsoft.chats[0]!.webUrl);
  });

  it('works in the chat: a claim updates the phase card', async () => {
    const phase = incident.cards[1]!;
    const answer = await click(BAS, VERBS.action, actionData(phase.card, 'Oppakken'), inChat(phase.id));
    expect(answer.text).toContain(t('nl', 'step.owner', { owner: 'Bas' }));
    await eventually(() => cardText(latest(phase.id)).includes('Opgepakt door Bas'));
    // Timeline lines are plain messages in a chat: it has no threads.
    await eventually(() =>
      h.microsoft.texts(incident.spaceId).some((line) => line.text.includes('Bas') && !line.replyToId),
    );
  });

  it('adds and removes a colleague through Graph from the overview’s menu', async () => {
    const overview = incident.cards[0]!;
    // The team's members not yet in the incident are offered (read from the Connector).
    const card = await eventually(() => {
      const now = latest(overview.id);
      return JSON.stringify(now).includes(CARLA.aad) ? now : null;
    });
    const add = menuEntry(card, 'Collega toevoegen');
    const added = await click(
      ANNA,
      VERBS.action,
      { ...add.data, [add.input(':colleagues')]: CARLA.aad },
      inChat(overview.id),
    );
    expect(added.card).toBeTruthy();
    await eventually(() => h.microsoft.chats[0]!.members.some((member) => member.userId === CARLA.aad));
    expect(h.microsoft.named('POST', /^\/graph\/chats\/[^/]+\/members$/)).toHaveLength(1);

    const now = await eventually(() => {
      const latestCard = latest(overview.id);
      const entry = findAll(
        latestCard,
        (n) => n.type === 'Action.ShowCard' && n.title === 'Collega verwijderen',
      );
      return JSON.stringify(entry).includes(CARLA.aad) ? latestCard : null;
    });
    const remove = menuEntry(now, 'Collega verwijderen');
    await h.click(
      ANNA,
      VERBS.action,
      { ...remove.data, [remove.input(':memberId')]: CARLA.aad, [remove.input(':stepsTo')]: 'release' },
      inChat(overview.id),
    );
    await eventually(() => !h.microsoft.chats[0]!.members.some((member) => member.userId === CARLA.aad));
    expect(h.microsoft.named('DELETE', /^\/graph\/chats\/[^/]+\/members\/[^/]+$/)).toHaveLength(1);
  });

  it('closing renames the chat "(gesloten)"; a chat is never archived', async () => {
    await h.say(ANNA, 'incident sluit', { chat: incident.spaceId });
    const question = await eventually(() =>
      h.microsoft
        .cards(incident.spaceId)
        .find((card) => cardText(card.card).includes('Wil je de acute fase van incident 2026-0001 sluiten?')),
    );
    const closed = await click(
      ANNA,
      VERBS.closeConfirm,
      actionData(question.card, 'Ja, sluiten'),
      inChat(question.id),
    );
    expect(closed.text).toContain('De acute fase van incident 2026-0001 is gesloten.');
    await eventually(() => h.microsoft.chats[0]!.topic === 'Incident 2026-0001 (gesloten)');
    expect(h.microsoft.named('POST', /\/archive$/)).toEqual([]);
  });
});
