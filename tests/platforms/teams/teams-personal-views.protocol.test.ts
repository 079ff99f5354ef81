import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAction } from '../../../src/core/cards/action-payload.js';
import { t } from '../../../src/core/i18n/catalogue.js';
import { VERBS } from '../../../src/platforms/teams/cards/adaptive.types.js';
import { actionData, answeredCard, cardText, findAll } from './support/card-reading.support.js';
import { clickActivity } from './support/teams-activities.support.js';
import { eventually, type Harness, quiet, startHarness } from './support/teams-harness.js';
import { type OpenedIncident, openIncident } from './support/teams-open.support.js';
import { ANNA, BAS, DIRK } from './support/teams-people.support.js';

const DONE = t('nl', 'action.done');
const RELEASE = t('nl', 'action.release');

/** The buttons of one step with this title, on a card as Teams shows it. */
function stepButtons(card: unknown, stepKey: string, title: string) {
  return findAll(card, (node) => {
    if (node.type !== 'Action.Execute' || node.title !== title) return false;
    const data = node.data as { p?: string } | undefined;
    try {
      return !!data?.p && decodeAction(data.p).stepKey === stepKey;
    } catch {
      return false;
    }
  });
}

/**
 * Bug 7: "Gereed" on a step someone else holds is shown only to its owner and the lead (Teams'
 * user-specific views), and a refusal is shown at the step that was clicked.
 */
describe('Teams: buttons only their owner and the lead may use', () => {
  let h: Harness;
  let incident: OpenedIncident;
  let phaseId: string;
  let stepKey: string;
  let incidentId: string;
  let claimAnswer: Record<string, unknown>;

  beforeAll(async () => {
    h = await startHarness({ space: 'chat' });
    incident = await openIncident(h, ANNA, {
      'o:title': 'Foto 2B',
      'o:kind': 'nude_photo',
      'o:invited': 'aad-bas,aad-dirk',
    });
    const phase = incident.cards[1]!;
    phaseId = phase.id;
    const claim = actionData(phase.card, 'Oppakken');
    ({ stepKey = '', incidentId } = decodeAction(claim.p));
    claimAnswer = answeredCard(
      await h.click(BAS, VERBS.action, claim, { chat: incident.spaceId, replyToId: phaseId }),
    );
    await eventually(() => cardText(shared()).includes('Opgepakt door Bas'));
    await quiet(h.microsoft);
  });
  afterAll(async () => {
    await h?.close();
    await h?.microsoft.stop();
  });

  /** The phase card as everyone in the chat has it now. */
  const shared = () => h.microsoft.cards(incident.spaceId).find((card) => card.id === phaseId)!.card;

  it('the copy everyone sees offers no "Gereed" on the held step, and asks Teams for the owner\'s and lead\'s own copies', () => {
    const card = shared();
    expect(cardText(card)).toContain('Opgepakt door Bas');
    expect(stepButtons(card, stepKey, DONE)).toHaveLength(0);
    expect(stepButtons(card, stepKey, RELEASE)).toHaveLength(0);
    const refresh = card.refresh as {
      action: { verb: string; data: Record<string, unknown> };
      userIds: string[];
    };
    expect(refresh.action.verb).toBe(VERBS.cardView);
    expect([...refresh.userIds].sort()).toEqual([`29:${ANNA.aad}`, `29:${BAS.aad}`]);
    // Steps nobody holds keep their buttons for everyone.
    expect(
      findAll(card, (n) => n.type === 'Action.Execute' && n.title === 'Oppakken').length,
    ).toBeGreaterThan(0);
  });

  it('the clicker\'s own answer offers them "Gereed" on the step they now hold', () => {
    expect(stepButtons(claimAnswer, stepKey, DONE)).toHaveLength(1);
  });

  it('the refresh gives the owner and the lead "Gereed", and anyone else the copy without it', async () => {
    const refresh = (shared().refresh as { action: { data: Record<string, unknown> } }).action.data;
    const copyFor = async (person: typeof BAS) => {
      const activity = clickActivity(h.microsoft, person, VERBS.cardView, refresh, {
        chat: incident.spaceId,
        replyToId: phaseId,
      });
      return answeredCard(await h.post({ ...activity, value: { ...activity.value, trigger: 'automatic' } }));
    };
    expect(stepButtons(await copyFor(BAS), stepKey, DONE)).toHaveLength(1);
    expect(stepButtons(await copyFor(ANNA), stepKey, DONE)).toHaveLength(1);
    const dirks = await copyFor(DIRK);
    expect(cardText(dirks)).toContain('Opgepakt door Bas');
    expect(stepButtons(dirks, stepKey, DONE)).toHaveLength(0);
  });

  it('a forged "Gereed" from someone else is refused at the step they clicked, not on top of the card', async () => {
    const forged = stepButtons(claimAnswer, stepKey, DONE)[0]!.data as Record<string, unknown>;
    const answer = answeredCard(
      await h.click(DIRK, VERBS.action, forged, { chat: incident.spaceId, replyToId: phaseId }),
    );
    const refusal = t('nl', 'error.NotStepOwner', { owner: BAS.name });
    expect(cardText(answer)).toContain(refusal);
    const body = answer.body as Array<Record<string, unknown>>;
    expect(cardText(body[0])).not.toContain(refusal);
    // The refusal sits in the same container as the step's own buttons.
    const stepContainer = findAll(
      answer,
      (n) =>
        n.type === 'Container' && cardText(n).includes(refusal) && cardText(n).includes('Opgepakt door Bas'),
    );
    expect(stepContainer).toHaveLength(1);
    const step = (await h.app.context.store.steps.list(incidentId)).find((s) => s.key === stepKey);
    expect(step?.status).toBe('claimed');
  });
});
