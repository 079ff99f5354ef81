// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeAction } from '../../../src/core/cards/action-payload.js';
import type { Card } from '../../../src/core/cards/card.types.js';
import { buildPhaseCard } from '../../../src/core/cards/phase.card.js';
import { t } from '../../../src/core/i18n/catalogue.js';
import type { IncidentView } from '../../../src/core/incidents/incident.types.js';
import { DEFAULT_PLAYBOOK } from '../../../src/core/playbook/builtin/index.js';
import type { AdaptiveCardJson, RenderContext } from '../../../src/platforms/teams/cards/adaptive.types.js';
import { toAdaptiveCard } from '../../../src/platforms/teams/cards/adaptive-card.renderer.js';
import { MAX_PERSONAL_VIEWS } from '../../../src/platforms/teams/cards/personal-views.js';
import { renderContextFor } from '../../../src/platforms/teams/cards/render-context.js';
import { BOB, createCoreFixture } from '../../support/core-fixture.js';
import { checkCard } from './support/adaptive-cards.support.js';
import { cardText, findAll } from './support/card-reading.support.js';

const DONE = t('nl', 'action.done');
let view: IncidentView;
let phase: Card;
let heldStep: string;
let lead: string;

beforeAll(async () => {
  const fx = await createCoreFixture();
  const incident = await fx.open();
  const base = await fx.incidents.view(incident.id);
  lead = base.incident.leadId;
  const first = DEFAULT_PLAYBOOK.phases[0]!;
  heldStep = first.steps[0]!.key;
  // The phase's first step is Bob's; the others nobody holds yet.
  view = {
    ...base,
    steps: base.steps.map((step) =>
      step.key === heldStep ? { ...step, status: 'claimed', ownerId: BOB.userId } : step,
    ),
  };
  phase = buildPhaseCard(
    { view, playbook: DEFAULT_PLAYBOOK, locale: 'nl', timeZone: 'Europe/Amsterdam', now: fx.clock.now() },
    first.key,
  );
});

function render(
  extra: Partial<RenderContext>,
  banner?: { text: string; stepKey?: string },
): AdaptiveCardJson {
  const ctx = { ...renderContextFor(view, DEFAULT_PLAYBOOK, 'nl'), ...extra };
  return toAdaptiveCard(phase, ctx, banner ? { banner: { ...banner, tone: 'attention' } } : {});
}

function doneButtonsOf(card: unknown, stepKey: string) {
  return findAll(
    card,
    (n) =>
      n.type === 'Action.Execute' &&
      n.title === DONE &&
      decodeAction((n.data as { p: string }).p).stepKey === stepKey,
  );
}

const ids = () => ({ [BOB.userId]: '29:bob', [lead]: '29:lead' });

describe('Teams cards: buttons only some people may use', () => {
  it('the copy all see leaves them out and names the owner and the lead in its refresh', () => {
    const card = render({ teamsIds: ids() });
    expect(doneButtonsOf(card, heldStep)).toHaveLength(0);
    expect(card.refresh?.userIds?.sort()).toEqual(['29:bob', '29:lead']);
    const other = DEFAULT_PLAYBOOK.phases[0]!.steps[1]!.key;
    expect(doneButtonsOf(card, other)).toHaveLength(1);
    const check = checkCard(card);
    expect(check.parseEvents).toEqual([]);
    expect(check.validationEvents).toEqual([]);
  });

  it('the owner and the lead get them in their own copy; another member does not', () => {
    expect(doneButtonsOf(render({ teamsIds: ids(), viewer: BOB.userId }), heldStep)).toHaveLength(1);
    expect(doneButtonsOf(render({ teamsIds: ids(), viewer: lead }), heldStep)).toHaveLength(1);
    expect(doneButtonsOf(render({ teamsIds: ids(), viewer: 'U-CARLA' }), heldStep)).toHaveLength(0);
  });

  it('keeps them for everyone when Teams cannot give each of those people their own copy', () => {
    // Bob's Teams id unknown (the team's roster could not be read): the core refuses the others.
    const unknown = render({ teamsIds: { [lead]: '29:lead' } });
    expect(doneButtonsOf(unknown, heldStep)).toHaveLength(1);
    expect(unknown.refresh).toBeUndefined();
    expect(doneButtonsOf(render({}), heldStep)).toHaveLength(1);
    expect(MAX_PERSONAL_VIEWS).toBe(60);
  });

  it('shows an answer inside the step that was clicked, or on top when the card has no such step', () => {
    const atStep = render({ viewer: 'U-CARLA' }, { text: 'Niet jouw stap', stepKey: heldStep });
    expect(cardText(atStep.body[0])).not.toContain('Niet jouw stap');
    // The step's own container holds the answer, above the step's title and status.
    const step = findAll(
      atStep,
      (n) =>
        n.type === 'Container' &&
        cardText(n).includes('Niet jouw stap') &&
        cardText(n).includes(t('nl', 'status.claimed')),
    );
    expect(step).toHaveLength(1);
    const onTop = render({}, { text: 'Opgeslagen' });
    expect(cardText(onTop.body[0])).toContain('Opgeslagen');
  });
});
