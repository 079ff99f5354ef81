// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIncidentCards } from '../../../src/core/cards/incident-cards.js';
import { t } from '../../../src/core/i18n/catalogue.js';
import type { IncidentStatus, IncidentView } from '../../../src/core/incidents/incident.types.js';
import { DEFAULT_PLAYBOOK } from '../../../src/core/playbook/builtin/index.js';
import { toAdaptiveCard } from '../../../src/platforms/teams/cards/adaptive-card.renderer.js';
import { renderContextFor } from '../../../src/platforms/teams/cards/render-context.js';
import { createCoreFixture } from '../../support/core-fixture.js';
import { adaptiveCards } from './support/adaptive-cards.support.js';
import { findAll } from './support/card-reading.support.js';

let base: IncidentView;
let now: Date;

beforeAll(async () => {
  const fx = await createCoreFixture();
  const incident = await fx.open();
  base = await fx.incidents.view(incident.id);
  now = fx.clock.now();
});

function cardsFor(status: IncidentStatus) {
  const view = { ...base, incident: { ...base.incident, status } };
  const ctx = { view, playbook: DEFAULT_PLAYBOOK, locale: 'nl' as const, timeZone: 'Europe/Amsterdam', now };
  // A colleague who could be added, so the menu offers every entry it has.
  const colleagues = [{ userId: 'U-DIRK', displayName: 'Dirk' }];
  const render = { ...renderContextFor(view, DEFAULT_PLAYBOOK, 'nl'), colleagues };
  return buildIncidentCards(ctx).map((card) => toAdaptiveCard(card, render));
}

/** How many actions of a set Microsoft's Adaptive Cards renderer shows by default (the rest it drops). */
const maxActions = () => new (adaptiveCards().HostConfig)().actions.maxActions as number;

/** Microsoft's Adaptive Cards renderer shows five actions of a set and drops the rest. */
describe('Teams cards: every button can be seen', () => {
  it('no set of actions on any card holds more than five, in every status', () => {
    for (const status of ['open', 'closed', 'finished'] as const) {
      for (const card of cardsFor(status)) {
        const sets = findAll(card, (n) => n.type === 'ActionSet');
        for (const set of sets) expect((set.actions as unknown[]).length).toBeLessThanOrEqual(maxActions());
      }
    }
  });

  it('after closing, the overview menu offers every entry, "Afronden" included, within what a client shows', () => {
    const overview = cardsFor('closed').find((card) =>
      JSON.stringify(card).includes(t('nl', 'overview.menu')),
    )!;
    const menu = findAll(
      overview,
      (n) => n.type === 'Action.ShowCard' && n.title === t('nl', 'overview.menu'),
    )[0]!;
    const shown = findAll(menu.card, (n) => n.type === 'ActionSet').flatMap((set) =>
      (set.actions as Array<{ title: string }>).slice(0, maxActions()).map((action) => action.title),
    );
    for (const key of [
      'action.editFacts',
      'action.addMember',
      'action.transferLead',
      'action.finish',
    ] as const)
      expect(shown).toContain(t('nl', key));
  });
});
