import { beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../../src/platforms/teams/cards/adaptive.types.js';
import { clicker } from './support/card-click.support.js';
import { actionData, cardText, findAll, shown } from './support/card-reading.support.js';
import { TENANT } from './support/fake-microsoft.js';
import { teamsHarness } from './support/teams-harness.js';
import { ANNA, GENERAL } from './support/teams-people.support.js';

const SECOND_TEAM = '19:team-second@thread.tacv2';

describe('Teams: opening privately from the personal chat', () => {
  const h = teamsHarness({ space: 'chat' });
  const click = clicker(h);
  beforeAll(async () => {
    // The bot is in the general team (known from a first message) and is added to a second team.
    await h.say(ANNA, 'incident status', { channel: GENERAL });
    const installed = await h.post({
      type: 'conversationUpdate',
      id: 'install-second',
      channelId: 'msteams',
      serviceUrl: h.microsoft.serviceUrl,
      from: { id: '29:admin' },
      recipient: { id: '28:bot', name: 'Stappenplan' },
      conversation: { id: SECOND_TEAM, conversationType: 'channel', isGroup: true, tenantId: TENANT },
      membersAdded: [{ id: '28:bot' }],
      channelData: {
        eventType: 'teamMemberAdded',
        team: { id: SECOND_TEAM, aadGroupId: 'group-2' },
        tenant: { id: TENANT },
      },
    });
    expect(installed.status).toBe(200);
  });

  it('asks which team first when the requester is in several, then shows that team’s form', async () => {
    await h.say(ANNA, 'incident nieuw Foto 2B');
    const choice = h.microsoft.cards('a:personal-aad-anna').at(-1)!;
    expect(cardText(choice.card)).toContain('Voor welk team (welke school) is dit incident?');
    const buttons = findAll(choice.card, (n) => n.type === 'Action.Execute');
    expect(buttons).toHaveLength(2);
    // Nothing was posted in any team's channel.
    expect(h.microsoft.cards(GENERAL).filter((c) => cardText(c.card).includes('nieuw incident'))).toEqual([]);
    const data = buttons[1]!.data as Record<string, unknown>;
    const { card: form } = await click(ANNA, VERBS.openForm, data, { replyToId: choice.id });
    expect(findAll(form, (n) => n.id === 'o:title')).toHaveLength(1);
    expect(actionData(form, 'Openen')).toBeTruthy();
  });

  it('tells someone in no team with the app what the Teams administrator must do', async () => {
    const stranger = { aad: 'aad-eva', name: 'Eva' };
    await h.say(stranger, 'incident nieuw');
    expect(shown(h.microsoft.texts('a:personal-aad-eva').at(-1)?.text)).toContain(
      'Vraag de beheerder van Microsoft Teams om Stappenplan toe te voegen',
    );
  });

  it('refuses a forged choice of a team the clicker is not in', async () => {
    const stranger = { aad: 'aad-eva', name: 'Eva' };
    const workspace = await h.app.database.db
      .selectFrom('teams_team')
      .select('workspace_id')
      .executeTakeFirstOrThrow();
    const answer = await click(
      stranger,
      VERBS.openForm,
      { u: stranger.aad, t: workspace.workspace_id },
      { replyToId: 'x' },
    );
    expect(answer.text).toContain('Vraag de beheerder van Microsoft Teams');
  });
});
