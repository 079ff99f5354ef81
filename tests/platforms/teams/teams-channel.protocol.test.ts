import { expect, it } from 'vitest';
import { FakeClock } from '../../support/core-fixture.js';
import { describeEachDatabase } from '../../support/databases.js';
import { cardText } from './support/card-reading.support.js';
import { eventually, teamsHarness } from './support/teams-harness.js';
import { addAppToChannel, requestOpeningForm, submitOpeningForm } from './support/teams-open.support.js';
import { ANNA, GENERAL } from './support/teams-people.support.js';

describeEachDatabase('Teams private channels: waiting for the app, reminding the lead once', (target) => {
  const clock = new FakeClock(new Date());
  const h = teamsHarness({ space: 'channel', clock, database: target.name });

  it('asks the lead to add the app, reminds once after ten minutes, and posts the cards once it is added', async () => {
    const opening = await requestOpeningForm(h, ANNA);
    await submitOpeningForm(h, ANNA, opening, {
      'o:title': 'Foto 2B',
      'o:kind': 'nude_photo',
      'o:invited': 'aad-bas',
    });
    const channel = await eventually(() => h.microsoft.channels[0]);
    const personal = () => h.microsoft.cards('a:personal-aad-anna').map((card) => cardText(card.card));
    await eventually(() => personal().some((text) => text.includes('Voeg de app Stappenplan toe')));

    clock.advance(5 * 60_000);
    expect(await h.teams.remindNow()).toBe(0);
    clock.advance(6 * 60_000);
    expect(await h.teams.remindNow()).toBe(1);
    expect(personal().at(-1)).toContain(
      'Herinnering: het privékanaal incident-2026-0001 wacht nog op de app',
    );
    // Once, not every minute after.
    clock.advance(30 * 60_000);
    expect(await h.teams.remindNow()).toBe(0);

    await addAppToChannel(h, channel.id);
    await eventually(() => h.microsoft.postedCards(channel.id).length === 10);
    await eventually(() =>
      cardText(h.microsoft.cards(GENERAL).find((c) => c.id === opening.pendingId)?.card).includes(
        'is geopend',
      ),
    );
  });
});
