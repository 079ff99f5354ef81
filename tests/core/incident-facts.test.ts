import { beforeEach, describe, expect, it } from 'vitest';
import type { Card, CardBlock } from '../../src/core/cards/card.types.js';
import type { CoreServices } from '../../src/core/core-services.js';
import { t } from '../../src/core/i18n/catalogue.js';
import { factsEffect } from '../../src/core/incidents/incident.facts.js';
import type { Step, StepStatus } from '../../src/core/incidents/incident.types.js';
import type { ActionInputValues } from '../../src/core/interactions/interaction.types.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/builtin/index.js';
import type { FactKey } from '../../src/core/playbook/playbook.types.js';
import { ANNA, BOB, type CoreFixture, STRANGER, UNKNOWN_FACTS } from '../support/core-fixture.js';
import { coreWorld } from '../support/core-services.fixture.js';
import type { RecordingGateway } from '../support/recording-gateway.js';

let fx: CoreFixture;
let core: CoreServices;
let gateway: RecordingGateway;
let incidentId: string;
let spaceId: string;

async function openWith(facts: Partial<Record<FactKey, string>>) {
  ({ fx, core, gateway, incidentId, spaceId } = await coreWorld({ facts: { ...UNKNOWN_FACTS, ...facts } }));
}

async function editFacts(actor: typeof ANNA, facts: ActionInputValues['facts']) {
  const result = await core.interactions.handle({
    workspace: fx.workspace,
    actor,
    payload: { incidentId, kind: 'editFacts' },
    spaceId,
    input: { facts },
  });
  await result.followUp;
  return result;
}

const step = async (key: string) => (await fx.store.steps.get(incidentId, key)) as Step;
const factsAudit = async () =>
  (await fx.store.audit.list(incidentId)).filter((event) => event.action === 'incident.facts_changed');

/** A step put in a state by the step rules, the way people get it there. */
async function prepare(key: string, state: 'open' | 'done' | 'claimed' | 'personNA' | 'conditionNA') {
  const scope = { incidentId, actor: BOB, stepKey: key };
  if (state === 'done') await fx.steps.act(scope, { kind: 'done' });
  if (state === 'claimed') await fx.steps.act(scope, { kind: 'claim' });
  if (state === 'personNA') await fx.steps.act(scope, { kind: 'notApplicable', reason: 'Niet nodig hier' });
}

describe('editing the opening facts: which steps follow', () => {
  // attention-perpetrator applies while the perpetrator is known or unknown.
  const cases: Array<{
    name: string;
    start: 'unknown' | 'no';
    state: 'open' | 'done' | 'claimed' | 'personNA' | 'conditionNA';
    to: 'no' | 'yes';
    status: StepStatus;
    naByCondition: boolean;
  }> = [
    {
      name: 'an open step that no longer applies',
      start: 'unknown',
      state: 'open',
      to: 'no',
      status: 'not_applicable',
      naByCondition: true,
    },
    {
      name: 'a step a condition set aside that applies again',
      start: 'no',
      state: 'conditionNA',
      to: 'yes',
      status: 'open',
      naByCondition: false,
    },
    { name: 'a done step', start: 'unknown', state: 'done', to: 'no', status: 'done', naByCondition: false },
    {
      name: 'a claimed step',
      start: 'unknown',
      state: 'claimed',
      to: 'no',
      status: 'claimed',
      naByCondition: false,
    },
    {
      name: 'a step a person set aside',
      start: 'unknown',
      state: 'personNA',
      to: 'no',
      status: 'not_applicable',
      naByCondition: false,
    },
  ];

  for (const c of cases) {
    it(`${c.name} ends ${c.status}${c.naByCondition ? ' by condition' : ''}`, async () => {
      await openWith({ perpetratorKnown: c.start });
      await prepare('attention-perpetrator', c.state);
      const before = await step('attention-perpetrator');
      const result = await editFacts(ANNA, { perpetratorKnown: c.to });
      expect(result).toMatchObject({ ok: true, changed: true });
      const after = await step('attention-perpetrator');
      expect(after).toMatchObject({ status: c.status, naByCondition: c.naByCondition });
      if (c.status === before.status && c.naByCondition === before.naByCondition) {
        // Left alone means left alone: owner, reason and revision as they were.
        expect(after).toEqual(before);
      }
    });
  }

  it('a person-set-aside step stays so when its condition turns back', async () => {
    await openWith({});
    await prepare('attention-perpetrator', 'personNA');
    await editFacts(ANNA, { perpetratorKnown: 'no' });
    await editFacts(ANNA, { perpetratorKnown: 'yes' });
    expect(await step('attention-perpetrator')).toMatchObject({
      status: 'not_applicable',
      naByCondition: false,
      naReason: 'Niet nodig hier',
    });
  });

  it('a step that applies again belongs to nobody, and its deadline counts from now', async () => {
    await openWith({ perpetratorKnown: 'no' });
    fx.clock.advance(5 * 86_400_000);
    await editFacts(ANNA, { perpetratorKnown: 'yes' });
    expect(await step('attention-perpetrator')).toMatchObject({
      status: 'open',
      ownerId: null,
      naReason: null,
      completedAt: null,
    });
    // The built-in playbook sets no deadlines; a school's own may (dueAfterHours).
    const playbook = structuredClone(DEFAULT_PLAYBOOK);
    const definition = playbook.phases
      .flatMap((phase) => phase.steps)
      .find((s) => s.key === 'attention-perpetrator');
    if (definition) definition.dueAfterHours = 24;
    const setAside = {
      ...(await step('attention-perpetrator')),
      status: 'not_applicable' as const,
      naByCondition: true,
    };
    const now = fx.clock.now();
    const effect = factsEffect(
      playbook,
      { status: 'open', facts: { ...UNKNOWN_FACTS, perpetratorKnown: 'no' } },
      [setAside],
      { ...UNKNOWN_FACTS, perpetratorKnown: 'yes' },
      now,
    );
    expect(effect.restored.map((s) => s.dueAt?.getTime())).toEqual([now.getTime() + 24 * 3_600_000]);
  });
});

describe('editing the opening facts: what the team sees', () => {
  beforeEach(() => openWith({ spread: 'class', perpetratorKnown: 'yes' }));

  it('stores the facts, writes one audit entry with codes, and one timeline line in words', async () => {
    const result = await editFacts(ANNA, { spread: 'public_online', perpetratorKnown: 'no' });
    const changes = t('nl', 'facts.change', { fact: 'verspreiding', value: 'openbaar online' });
    expect((await fx.store.incidents.get(incidentId))?.facts).toEqual({
      ...UNKNOWN_FACTS,
      spread: 'public_online',
      perpetratorKnown: 'no',
    });
    expect(result.message).toContain(changes);
    // inform-other-parents comes back; the five open steps about the perpetrator go.
    const line = gateway.named('postTimeline').map((call) => call.text);
    expect(line).toEqual([
      'Anna heeft de feiten aangepast: dader bekend nu nee, verspreiding nu openbaar online; 1 stap weer van toepassing, 6 stappen niet meer.',
    ]);
    const audit = await factsAudit();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: ANNA.userId,
      details: {
        'spread.before': 'class',
        'spread.after': 'public_online',
        'perpetratorKnown.before': 'yes',
        'perpetratorKnown.after': 'no',
        restored: 'inform-other-parents',
      },
    });
    expect(String(audit[0]?.details.setAside).split(',')).toContain('attention-perpetrator');
    expect(JSON.stringify(audit[0]?.details)).not.toMatch(/Anna|Bob|Foto/);
  });

  it('redraws the cards: the steps, the overview and the "Nu eerst" card follow the new spread', async () => {
    await editFacts(ANNA, { spread: 'public_online' });
    const updated = gateway.named('updateCard').map((call) => call.card as Card);
    const keys = updated.map((card) => card.key);
    expect(keys).toEqual(expect.arrayContaining(['overview', 'now', 'phase:class-and-school']));
    const now = updated.find((card) => card.key === 'now') as Card;
    expect(
      now.blocks.some((b: CardBlock) => b.type === 'text' && b.text === t('nl', 'now.publicOnline')),
    ).toBe(true);
    const overview = updated.find((card) => card.key === 'overview') as Card;
    const menu = overview.blocks.find((b) => b.type === 'menu');
    expect(
      menu?.type === 'menu' && menu.actions.find((a) => a.payload.kind === 'editFacts')?.values,
    ).toMatchObject({
      spread: 'public_online',
    });
  });

  it('a claimed step that no longer applies stays with its owner, and the lead is told', async () => {
    await prepare('talk-perpetrator-parents', 'claimed');
    const result = await editFacts(ANNA, { perpetratorKnown: 'no' });
    expect(await step('talk-perpetrator-parents')).toMatchObject({ status: 'claimed', ownerId: BOB.userId });
    expect(result.message).toContain('Voer gesprek met ouders van dader');
  });

  it('nothing changed: a calm answer, no audit entry, no timeline line', async () => {
    const result = await editFacts(ANNA, { spread: 'class', perpetratorKnown: 'yes' });
    expect(result).toMatchObject({ ok: true, changed: false, message: t('nl', 'feedback.unchanged') });
    expect(await factsAudit()).toEqual([]);
    expect(gateway.named('postTimeline')).toEqual([]);
  });

  it('only the lead edits the facts; strangers and bad values are refused', async () => {
    expect(await editFacts(BOB, { spread: 'school' })).toMatchObject({ ok: false, errorCode: 'NotLead' });
    expect(await editFacts(STRANGER, { spread: 'school' })).toMatchObject({
      ok: false,
      errorCode: 'NotAMember',
    });
    expect(await editFacts(ANNA, { spread: 'everywhere' })).toMatchObject({ ok: false, field: 'spread' });
    expect((await fx.store.incidents.get(incidentId))?.facts.spread).toBe('class');
  });

  it('after closing only evaluation and aftercare follow; a finished incident refuses', async () => {
    await core.incidents.close({ incidentId, actor: ANNA });
    await editFacts(ANNA, { perpetratorKnown: 'no' });
    expect(await step('attention-perpetrator')).toMatchObject({ status: 'open' });
    expect(await step('feedback-perpetrator-school')).toMatchObject({
      status: 'not_applicable',
      naByCondition: true,
    });
    const scope = { incidentId, actor: ANNA };
    await core.incidents.finish(scope, 'Nazorg elders geregeld');
    expect(await editFacts(ANNA, { perpetratorKnown: 'yes' })).toMatchObject({
      ok: false,
      errorCode: 'IncidentFinished',
    });
  });

  it('the form starts from the facts as they are, and only for the lead', async () => {
    expect(await core.commands.factsToEdit(incidentId, ANNA)).toMatchObject({ spread: 'class' });
    await expect(core.commands.factsToEdit(incidentId, BOB)).rejects.toMatchObject({ code: 'NotLead' });
  });
});
