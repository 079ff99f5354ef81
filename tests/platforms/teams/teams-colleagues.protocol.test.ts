import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAction } from '../../../src/core/cards/action-payload.js';
import { t } from '../../../src/core/i18n/catalogue.js';
import { VERBS } from '../../../src/platforms/teams/cards/adaptive.types.js';
import { answeredCard, cardText, findAll } from './support/card-reading.support.js';
import { eventually, type Harness, startHarness } from './support/teams-harness.js';
import { FOTO_2B_WITH_BAS, type OpenedIncident, openIncident } from './support/teams-open.support.js';
import { ANNA } from './support/teams-people.support.js';

/** Adding colleagues from the overview's menu: names from the team, only the team's members. */
describe('Teams: adding colleagues to an incident', () => {
  let h: Harness;
  let incident: OpenedIncident;
  let save: Record<string, unknown>;
  let inputId: string;

  beforeAll(async () => {
    h = await startHarness({ space: 'chat' });
    incident = await openIncident(h, ANNA, FOTO_2B_WITH_BAS);
    // The menu offers the team's members once the overview is redrawn with them.
    const overview = await eventually(() => {
      const card = h.microsoft.cards(incident.spaceId).find((c) => c.id === incident.cards[0]!.id)?.card;
      return JSON.stringify(card ?? {}).includes('aad-carla') ? card : null;
    });
    const button = findAll(overview, (n) => {
      const data = n.data as { p?: string } | undefined;
      return n.type === 'Action.Execute' && !!data?.p && decodeAction(data.p).kind === 'addMember';
    })[0]!;
    save = button.data as Record<string, unknown>;
    inputId = String(
      findAll(overview, (n) => typeof n.id === 'string' && String(n.id).endsWith(':colleagues'))[0]!.id,
    );
  });
  afterAll(async () => {
    await h?.close();
    await h?.microsoft.stop();
  });

  const add = (ids: string) =>
    h.click(
      ANNA,
      VERBS.action,
      { ...save, [inputId]: ids },
      { chat: incident.spaceId, replyToId: incident.cards[0]!.id },
    );
  const incidentId = () => decodeAction(save.p).incidentId;

  it('refuses someone who is not in the team (a forged choice), and adds nobody', async () => {
    const answer = answeredCard(await add('aad-carla,aad-mallory'));
    expect(cardText(answer)).toContain(t('nl', 'input.notInTeam', { field: t('nl', 'colleagues.label') }));
    const members = await h.app.context.incidents.members(incidentId());
    expect(members.map((m) => m.userId).sort()).toEqual(['aad-anna', 'aad-bas']);
  });

  it('adds a colleague of the team under the name Teams shows for them', async () => {
    const answer = answeredCard(await add('aad-carla'));
    expect(cardText(answer)).toContain(t('nl', 'feedback.addMember', { names: 'Carla' }));
    const members = await h.app.context.incidents.members(incidentId());
    expect(members.find((m) => m.userId === 'aad-carla')?.displayName).toBe('Carla');
  });
});
