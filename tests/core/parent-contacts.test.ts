import { describe, expect, it } from 'vitest';
import type { StepBlock } from '../../src/core/cards/card.types.js';
import { buildPhaseCard } from '../../src/core/cards/phase.card.js';
import { summariseForm } from '../../src/core/forms/form.summary.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/builtin/index.js';
import { stappenplanSextingV2 } from '../../src/core/playbook/builtin/stappenplan-sexting.v2.js';
import { allSteps } from '../../src/core/playbook/playbook.registry.js';
import { BOB, createCoreFixture } from '../support/core-fixture.js';
import { coreServicesOn } from '../support/core-services.fixture.js';

const PARENT_STEPS = [
  'talk-victim-parents',
  'help-victim-parents',
  'talk-perpetrator-parents',
  'help-perpetrator-parents',
  'inform-classmates-parents',
  'inform-other-parents',
];

const nameOf = (id: string) => id;

describe('the contact log with parents', () => {
  it('version 3 puts it on the six steps about parents; version 2 stays as it was stored', () => {
    const withLog = (playbook: typeof DEFAULT_PLAYBOOK) =>
      allSteps(playbook)
        .filter((step) => step.form === 'parent_contacts')
        .map((step) => step.key);
    expect(DEFAULT_PLAYBOOK.version).toBe(3);
    expect(withLog(DEFAULT_PLAYBOOK)).toEqual(PARENT_STEPS);
    expect(withLog(stappenplanSextingV2)).toEqual([]);
    // Nothing else changed: the same steps with the same forms and words.
    const without = allSteps(DEFAULT_PLAYBOOK).map((step) =>
      step.form === 'parent_contacts' ? { ...step, form: undefined } : step,
    );
    expect(JSON.parse(JSON.stringify(without))).toEqual(
      JSON.parse(JSON.stringify(allSteps(stappenplanSextingV2))),
    );
  });

  it('the card counts the contacts and names the latest by date, then each contact', () => {
    const data = {
      contacts: [
        { id: 'c1', date: '2026-12-02', role: 'victim_mother', via: 'phone', agreed: 'Morgen gesprek' },
        { id: 'c2', date: '2026-11-28', role: 'victim_father', via: 'email' },
        { id: 'c3', date: '2026-11-30', role: 'other', via: 'meeting', followUp: 'Hulp zoeken' },
      ],
    };
    const lines = summariseForm('parent_contacts', data, 'nl', nameOf);
    expect(lines[0]).toBe('3 contacten, laatste 2 dec 2026 (telefoon)');
    expect(lines.slice(1)).toEqual([
      'Datum: 2 dec 2026 · Met wie: Moeder van het slachtoffer · Hoe: Telefoon · Wat is afgesproken: Morgen gesprek',
      'Datum: 28 nov 2026 · Met wie: Vader van het slachtoffer · Hoe: E-mail',
      'Datum: 30 nov 2026 · Met wie: Anders · Hoe: Gesprek · Vervolg: Hulp zoeken',
    ]);
    expect(summariseForm('parent_contacts', { contacts: [data.contacts[1]] }, 'en', nameOf)[0]).toBe(
      '1 contact, on 28 Nov 2026 (email)',
    );
    expect(summariseForm('parent_contacts', { contacts: [] }, 'nl', nameOf)).toEqual([]);
  });

  it('two contacts saved on a step show on its phase card', async () => {
    const fx = await createCoreFixture();
    const incident = await fx.open();
    await fx.steps.saveForm(
      { incidentId: incident.id, actor: BOB, stepKey: 'talk-victim-parents' },
      {
        contacts: [
          { date: '2026-03-09', role: 'victim_mother', via: 'phone', agreed: 'Gesprek op school' },
          { date: '2026-03-10', role: 'victim_mother', via: 'meeting', followUp: 'Na een week bellen' },
        ],
      },
    );
    const view = await fx.incidents.view(incident.id);
    const card = buildPhaseCard(
      { view, playbook: DEFAULT_PLAYBOOK, locale: 'nl', timeZone: 'Europe/Amsterdam', now: fx.clock.now() },
      'victim-and-parents',
    );
    const step = card.blocks.find(
      (block): block is StepBlock => block.type === 'step' && block.stepKey === 'talk-victim-parents',
    )!;
    expect(step.actions.map((action) => action.payload.kind)).toContain('form');
    expect(step.details).toEqual([
      '2 contacten, laatste 10 mrt 2026 (gesprek)',
      'Datum: 9 mrt 2026 · Met wie: Moeder van het slachtoffer · Hoe: Telefoon · Wat is afgesproken: Gesprek op school',
      'Datum: 10 mrt 2026 · Met wie: Moeder van het slachtoffer · Hoe: Gesprek · Vervolg: Na een week bellen',
    ]);
  });

  it('the pupil-name check reads what was agreed and the follow-up, once', async () => {
    const fx = await createCoreFixture();
    const core = coreServicesOn(fx);
    const incident = await fx.open({ invited: [BOB] });
    const save = (privacyConfirmed: boolean) =>
      core.interactions.handle({
        workspace: fx.workspace,
        actor: BOB,
        payload: { incidentId: incident.id, kind: 'form', stepKey: 'talk-perpetrator-parents' },
        spaceId: null,
        input: {
          form: {
            contacts: [
              { date: '2026-03-09', role: 'perpetrator_father', via: 'phone', agreed: 'Rustig gesprek' },
              {
                date: '2026-03-10',
                role: 'perpetrator_mother',
                via: 'email',
                followUp: 'Gesprek met Sanne de Groot uit 2C plannen',
              },
            ],
          },
        },
        privacyConfirmed,
      });
    expect(await save(false)).toMatchObject({ ok: false, field: 'contacts.1.followUp', confirmable: true });
    expect(await fx.store.forms.get(incident.id, 'talk-perpetrator-parents')).toBeUndefined();
    expect(await save(true)).toMatchObject({ ok: true, changed: true });
  });
});
