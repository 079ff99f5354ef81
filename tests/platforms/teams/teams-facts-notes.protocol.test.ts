import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../../src/core/i18n/catalogue.js';
import { VERBS } from '../../../src/platforms/teams/cards/adaptive.types.js';
import { actionData, answeredCard, cardText, findAll } from './support/card-reading.support.js';
import { eventually, type Harness, startHarness } from './support/teams-harness.js';
import { type OpenedIncident, openIncident } from './support/teams-open.support.js';
import { ANNA, BAS } from './support/teams-people.support.js';

type Node = Record<string, unknown>;

/** "Feiten aanpassen" in the overview's menu, and "Alle notities" on a step, the Teams way. */
describe('Teams: editing the facts and reading every note', () => {
  let h: Harness;
  let incident: OpenedIncident;

  beforeAll(async () => {
    h = await startHarness();
    incident = await openIncident(h, ANNA, {
      'o:title': 'Foto 2B',
      'o:kind': 'nude_photo',
      'o:invited': 'aad-bas',
      'o:spread': 'class',
    });
  });
  afterAll(async () => {
    await h?.close();
    await h?.microsoft.stop();
  });

  const inSpace = (replyToId: string) => ({ channel: incident.spaceId, replyToId });
  const current = (id: string) =>
    h.microsoft.postedCards(incident.spaceId).find((card) => card.id === id)?.card as Node;
  const overviewId = () => incident.cards[0]!.id;
  const classPhase = () =>
    incident.cards.find((card) => cardText(card.card).includes('Informeer ouders uit overige klassen'))!;

  /** The inline "Feiten aanpassen" form on the overview as it is now, filled in as Teams sends it. */
  const factsForm = () => {
    const form = findAll(
      current(overviewId()),
      (n) => n.type === 'Action.ShowCard' && n.title === 'Feiten aanpassen',
    )[0];
    if (!form) throw new Error('no "Feiten aanpassen" on the overview');
    const inputs = findAll(form, (n) => n.type === 'Input.ChoiceSet') as Array<{ id: string; value: string }>;
    const save = actionData(form, 'Opslaan');
    const chosenValue = (fact: string) => inputs.find((input) => input.id === `${save.k}:${fact}`)?.value;
    const fill = (facts: Record<string, string>) => ({
      ...save,
      ...Object.fromEntries(inputs.map((input) => [input.id, input.value])),
      ...Object.fromEntries(Object.entries(facts).map(([fact, value]) => [`${save.k}:${fact}`, value])),
    });
    return { chosenValue, fill };
  };

  it('the overview asks the opening questions again, with the facts as they are chosen', () => {
    const form = factsForm();
    expect(form.chosenValue('spread')).toBe('class');
    expect(form.chosenValue('perpetratorKnown')).toBe('unknown');
    expect(cardText(classPhase().card)).toContain(t('nl', 'step.naByCondition'));
  });

  it('a colleague who is not the lead is refused, and nothing changes', async () => {
    const answer = await h.click(
      BAS,
      VERBS.action,
      factsForm().fill({ spread: 'school' }),
      inSpace(overviewId()),
    );
    expect(cardText(answeredCard(answer))).toContain(t('nl', 'error.NotLead', { lead: 'Anna' }));
    expect(factsForm().chosenValue('spread')).toBe('class');
  });

  it('the lead widens the spread: the step applies again, cards and timeline follow', async () => {
    const answer = await h.click(
      ANNA,
      VERBS.action,
      factsForm().fill({ spread: 'public_online' }),
      inSpace(overviewId()),
    );
    expect(cardText(answeredCard(answer))).toContain(
      'De feiten zijn aangepast: verspreiding nu openbaar online',
    );
    const line = await eventually(() =>
      h.microsoft
        .texts(incident.spaceId)
        .find((text) => text.replyToId === overviewId() && String(text.text).includes('feiten aangepast')),
    );
    expect(line.text).toContain('verspreiding nu openbaar online; 1 stap weer van toepassing');
    await eventually(() => !cardText(current(classPhase().id)).includes(t('nl', 'step.naByCondition')));
    await eventually(() =>
      cardText(current(incident.now.id)).includes('Het beeldmateriaal staat openbaar online'),
    );
    await eventually(() => factsForm().chosenValue('spread') === 'public_online');
  });

  it('"Alle notities" shows every note of a step to the clicker, newest first, with a way back', async () => {
    const phaseId = incident.cards[1]!.id;
    for (const text of ['Mentor gesproken', 'Ouders gebeld', 'Afspraak gemaakt']) {
      const more = findAll(current(phaseId), (n) => n.type === 'Action.ShowCard' && n.title === 'Meer')[1];
      const note = findAll(more, (n) => n.type === 'Action.ShowCard' && n.title === 'Notitie toevoegen')[0];
      const save = actionData(note, 'Opslaan');
      await h.click(BAS, VERBS.action, { ...save, [`${save.k}:note`]: text }, inSpace(phaseId));
      await eventually(() => cardText(current(phaseId)).includes(text));
    }
    expect(cardText(current(phaseId))).toContain(t('nl', 'step.moreNotes.other', { count: 2 }));
    const more = findAll(current(phaseId), (n) => n.type === 'Action.ShowCard' && n.title === 'Meer')[1];
    const answer = answeredCard(
      await h.click(ANNA, VERBS.action, actionData(more, 'Alle notities'), inSpace(phaseId)),
    );
    const text = cardText(answer);
    expect(text).toContain('Notities bij “Bepaal omvang en impact”');
    const order = ['Afspraak gemaakt', 'Ouders gebeld', 'Mentor gesproken'].map((note) => text.indexOf(note));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toMatch(/Bas · \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/);
    // Only the clicker saw that: the card in the space is still the phase card for everyone.
    expect(cardText(current(phaseId))).not.toContain('Notities bij');
    const back = await h.click(
      ANNA,
      VERBS.cardView,
      actionData(answer, 'Terug naar de kaart'),
      inSpace(phaseId),
    );
    expect(cardText(answeredCard(back))).toContain('Bepaal omvang en impact');
    expect(cardText(answeredCard(back))).not.toContain('Notities bij');
  });
});
