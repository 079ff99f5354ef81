import { beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../../src/platforms/teams/cards/adaptive.types.js';
import { FakeClock } from '../../support/core-fixture.js';
import { clicker } from './support/card-click.support.js';
import { actionData, cardText, findAll } from './support/card-reading.support.js';
import { eventually, teamsHarness } from './support/teams-harness.js';
import { FOTO_2B_WITH_BAS, type OpenedIncident, openIncident } from './support/teams-open.support.js';
import { ANNA, BAS, DIRK } from './support/teams-people.support.js';

type Node = Record<string, unknown>;

/** "Taak maken" on the action list, the Teams way: an inline form under "Meer". */
describe('Teams: tasks on the action list', () => {
  const clock = new FakeClock('2026-11-25T09:00:00Z');
  const h = teamsHarness({ clock, people: [ANNA, BAS, DIRK] });
  const click = clicker(h);
  let incident: OpenedIncident;
  let planId: string;

  beforeAll(async () => {
    incident = await openIncident(h, ANNA, FOTO_2B_WITH_BAS);
    // The overview names every step too: the action list's own card is one of the phase cards.
    planId = incident.cards
      .slice(1)
      .find((card) => cardText(card.card).includes('Zet acties op een rijtje'))!.id;
  });

  const where = () => ({ channel: incident.spaceId, replyToId: planId });
  const current = () =>
    h.microsoft.postedCards(incident.spaceId).find((card) => card.id === planId)?.card as Node;
  /** The action-list step's own "Taak maken" form, as the card shows it now. */
  const taskForm = () =>
    findAll(current(), (n) => n.type === 'Action.ShowCard' && n.title === 'Taak maken')[0] as
      | Node
      | undefined;

  it('offers "Taak maken" once the action list has rows, with those rows and the members to choose from', async () => {
    expect(taskForm()).toBeUndefined();
    const form = await click(BAS, VERBS.formView, actionData(current(), 'Invullen'), where());
    const save = actionData(form.card, 'Opslaan');
    const saved = await click(
      BAS,
      VERBS.action,
      { ...save, 'f:items.0.who': 'Mentor', 'f:items.0.what': 'Ouders bellen' },
      where(),
    );
    expect(saved.text).toContain('Opgeslagen');
    await eventually(() => taskForm() !== undefined);
    const choices = findAll(taskForm(), (n) => n.type === 'Input.ChoiceSet') as Array<{
      id: string;
      choices: Array<{ title: string; value: string }>;
    }>;
    expect(choices.map((choice) => choice.id.split(':')[1])).toEqual(['taskRow', 'taskOwner']);
    expect(choices[0]?.choices.map((choice) => choice.title)).toEqual(['Ouders bellen']);
    expect(choices[1]?.choices.map((choice) => choice.value)).toEqual(
      expect.arrayContaining(['aad-anna', 'aad-bas']),
    );
  });

  /** The inline form filled in as Teams sends it. */
  const fill = (values: { owner?: string; due: string; done?: boolean }) => {
    const form = taskForm();
    const save = actionData(form, 'Opslaan');
    const row = (
      findAll(form, (n) => n.type === 'Input.ChoiceSet')[0] as { choices: Array<{ value: string }> }
    ).choices[0]?.value;
    return {
      ...save,
      [`${save.k}:taskRow`]: row,
      [`${save.k}:taskOwner`]: values.owner ?? 'aad-bas',
      [`${save.k}:taskDue`]: values.due,
      [`${save.k}:taskDone`]: values.done ? 'true' : 'false',
    };
  };

  it('refuses a date in the past and a stranger, and saves a good task that the card then shows', async () => {
    const past = await click(ANNA, VERBS.action, fill({ due: '2026-11-24' }), where());
    expect(past.text).toContain('Klaar vóór: deze datum ligt vóór 25 nov 2026.');
    const stranger = await click(DIRK, VERBS.action, fill({ due: '2026-11-27' }), where());
    expect(stranger.text).toContain('Je bent geen lid van dit incident');
    const good = await click(ANNA, VERBS.action, fill({ due: '2026-11-27' }), where());
    expect(good.text).toContain('De taak is opgeslagen: Ouders bellen — Bas, vóór 27 nov 2026.');
    await eventually(() => cardText(current()).includes('Taak: Ouders bellen — Bas, vóór 27 nov 2026'));
    const line = await eventually(() =>
      h.microsoft.texts(incident.spaceId).find((text) => String(text.text).includes('een taak gemaakt')),
    );
    expect(line.text).toContain('Anna heeft een taak gemaakt: Ouders bellen — Bas, vóór 27 nov 2026');
  });

  it('marks the task done from the same form', async () => {
    clock.set('2026-11-30T09:00:00Z');
    const done = await click(BAS, VERBS.action, fill({ due: '2026-11-27', done: true }), where());
    expect(done.text).toContain('De taak is opgeslagen');
    await eventually(() => cardText(current()).includes('vóór 27 nov 2026 (klaar)'));
  });
});
