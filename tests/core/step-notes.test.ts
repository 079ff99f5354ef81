import { beforeEach, describe, expect, it } from 'vitest';
import type { Card, CardBlock, StepBlock } from '../../src/core/cards/card.types.js';
import { buildPhaseCard } from '../../src/core/cards/phase.card.js';
import { type CoreServices, createCoreServices } from '../../src/core/core-services.js';
import { t } from '../../src/core/i18n/catalogue.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/builtin/index.js';
import { ANNA, BOB, type CoreFixture, createCoreFixture, STRANGER } from '../support/core-fixture.js';
import { RecordingGateway } from '../support/recording-gateway.js';

const STEP = 'scope-impact';
let fx: CoreFixture;
let core: CoreServices;
let gateway: RecordingGateway;
let incidentId: string;
let spaceId: string;

beforeEach(async () => {
  fx = await createCoreFixture('2026-03-10T09:00:00Z');
  gateway = new RecordingGateway();
  core = createCoreServices({ ...fx.deps, gatewayFor: () => gateway, reportError: () => {} });
  incidentId = (await fx.open({ invited: [BOB] })).id;
  spaceId = (await core.spaces.finishOpening(incidentId)).spaceId ?? '';
});

async function note(actor: typeof ANNA, text: string, stepKey = STEP) {
  await fx.steps.addNote({ incidentId, actor, stepKey }, text);
  fx.clock.advance(3_600_000);
}

async function phaseStep(): Promise<StepBlock> {
  const view = await fx.incidents.view(incidentId);
  const card = buildPhaseCard(
    { view, playbook: DEFAULT_PLAYBOOK, locale: 'nl', timeZone: 'Europe/Amsterdam', now: fx.clock.now() },
    'direct',
  );
  return card.blocks.find((b): b is StepBlock => b.type === 'step' && b.stepKey === STEP) as StepBlock;
}

async function allNotes(actor: typeof ANNA, from: string | null = spaceId) {
  const result = await core.interactions.handle({
    workspace: fx.workspace,
    actor,
    payload: { incidentId, kind: 'notes', stepKey: STEP },
    spaceId: from,
  });
  await result.followUp;
  return result;
}

const texts = (card: Card | undefined) =>
  (card?.blocks ?? [])
    .filter((b): b is Extract<CardBlock, { type: 'text' }> => b.type === 'text')
    .map((b) => b.text);

describe('every note of a step can be read', () => {
  it('the card shows the latest note, how many more there are, and "Alle notities"', async () => {
    await note(ANNA, 'Mentor gesproken');
    await note(BOB, 'Ouders gebeld');
    await note(ANNA, 'Afspraak gemaakt voor dinsdag');
    const step = await phaseStep();
    expect(step.details).toContain(
      t('nl', 'step.lastNote', { author: 'Anna', text: 'Afspraak gemaakt voor dinsdag' }),
    );
    expect(step.details).toContain(t('nl', 'step.moreNotes.other', { count: 2 }));
    expect(step.menu.map((a) => a.payload.kind)).toContain('notes');
  });

  it('one short note needs no list; one long note does', async () => {
    await note(ANNA, 'Kort');
    let step = await phaseStep();
    expect(step.menu.map((a) => a.payload.kind)).not.toContain('notes');
    expect(step.details.join('\n')).not.toContain('en nog');
    await fx.steps.addNote({ incidentId, actor: ANNA, stepKey: 'involve-care-coordinator' }, 'x');
    await note(ANNA, 'Lang verhaal. '.repeat(40));
    step = await phaseStep();
    expect(step.details).toContain(t('nl', 'step.moreNotes.one'));
    expect(step.menu.map((a) => a.payload.kind)).toContain('notes');
  });

  it('"Alle notities" answers the member alone with every note, newest first, author and time in the school', async () => {
    await note(ANNA, 'Mentor gesproken');
    await note(BOB, 'Ouders gebeld');
    await note(ANNA, 'Afspraak gemaakt');
    await fx.steps.addNote({ incidentId, actor: BOB, stepKey: 'police-advice' }, 'Andere stap');
    gateway.calls.length = 0;
    const auditBefore = (await fx.store.audit.list(incidentId)).length;
    const result = await allNotes(BOB);
    expect(result).toMatchObject({ ok: true, changed: false });
    const lines = texts(result.card);
    // 09:00, 10:00 and 11:00 UTC are 10:00, 11:00 and 12:00 in Amsterdam in March.
    expect(lines.slice(1)).toEqual([
      'Anna · 10 mrt 2026, 12:00',
      'Afspraak gemaakt',
      'Bob · 10 mrt 2026, 11:00',
      'Ouders gebeld',
      'Anna · 10 mrt 2026, 10:00',
      'Mentor gesproken',
    ]);
    expect(result.message).toBe(t('nl', 'feedback.notes', { step: 'Bepaal omvang en impact', count: 3 }));
    // Reading changes nothing: no card redrawn, no timeline line, no audit entry.
    expect(gateway.calls).toEqual([]);
    expect(await fx.store.audit.list(incidentId)).toHaveLength(auditBefore);
  });

  it('strangers and clicks from another space are refused', async () => {
    await note(ANNA, 'Mentor gesproken');
    expect(await allNotes(STRANGER)).toMatchObject({ ok: false, errorCode: 'NotAMember' });
    expect(await allNotes(ANNA, 'C-ELSEWHERE')).toMatchObject({
      ok: false,
      errorCode: 'ActionContextMismatch',
    });
  });

  it('a very long history points to the dossier for the oldest notes', async () => {
    for (let i = 1; i <= 45; i += 1) await note(ANNA, `Notitie ${i}`);
    const lines = texts((await allNotes(ANNA)).card);
    expect(lines).toContain('Notitie 45');
    expect(lines).not.toContain('Notitie 5');
    expect(lines.at(-1)).toBe(t('nl', 'notes.older', { count: 5 }));
  });
});
