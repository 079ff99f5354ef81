import { beforeEach, describe, expect, it } from 'vitest';
import { type ActionPayload, decodeAction, encodeAction } from '../../src/core/cards/action-payload.js';
import type { Card, CardAction, CardBlock, StepBlock } from '../../src/core/cards/card.types.js';
import type { CardContext } from '../../src/core/cards/card-context.js';
import { buildIncidentCards } from '../../src/core/cards/incident-cards.js';
import { buildPhaseCard } from '../../src/core/cards/phase.card.js';
import type { Incident } from '../../src/core/incidents/incident.types.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/builtin/index.js';
import { ANNA, BOB, type CoreFixture, createCoreFixture, thrown } from '../support/core-fixture.js';

let fx: CoreFixture;
let incident: Incident;

beforeEach(async () => {
  fx = await createCoreFixture();
  incident = await fx.open({ title: 'Foto <!channel> *klas* 3B', facts: { spread: 'class' } });
});

async function context(locale: 'nl' | 'en' = 'nl'): Promise<CardContext> {
  const view = await fx.incidents.view(incident.id);
  return { view, playbook: DEFAULT_PLAYBOOK, locale, timeZone: 'Europe/Amsterdam', now: fx.clock.now() };
}

async function cards(locale: 'nl' | 'en' = 'nl'): Promise<Card[]> {
  return buildIncidentCards(await context(locale));
}

function block<T extends CardBlock['type']>(card: Card, type: T): Extract<CardBlock, { type: T }> {
  const found = card.blocks.find((b) => b.type === type);
  if (!found) throw new Error(`no ${type} block on ${card.key}`);
  return found as Extract<CardBlock, { type: T }>;
}

/** The overview among the incident's cards ("Nu eerst" comes first). */
async function overviewCard(locale: 'nl' | 'en' = 'nl'): Promise<Card> {
  const found = (await cards(locale)).find((c) => c.key === 'overview');
  if (!found) throw new Error('no overview');
  return found;
}

function warningOf(card: Card) {
  const found = card.blocks.find((b) => b.type === 'text' && b.tone === 'warning');
  if (found?.type !== 'text') throw new Error(`no warning on ${card.key}`);
  return found;
}

async function stepBlock(stepKey: string): Promise<StepBlock> {
  const all = await cards();
  const found = all
    .flatMap((c) => c.blocks)
    .find((b): b is StepBlock => b.type === 'step' && b.stepKey === stepKey);
  if (!found) throw new Error(`no step ${stepKey}`);
  return found;
}

const kinds = (actions: CardAction[]) => actions.map((a) => a.payload.kind);
const scope = (stepKey: string) => ({ incidentId: incident.id, actor: BOB, stepKey });

describe('buildIncidentCards', () => {
  it('"Nu eerst", one overview, one card per phase, then tips', async () => {
    const all = await cards();
    expect(all.map((c) => c.key)).toEqual([
      'now',
      'overview',
      ...DEFAULT_PLAYBOOK.phases.map((p) => `phase:${p.key}`),
      'tips',
    ]);
    expect(all).toHaveLength(10);
    expect(block(all[2]!, 'header').text).toBe('Fase 1 van 7: Direct');
    expect(block(all[9]!, 'list').items).toHaveLength(7);
  });

  it('the overview warns, names the lead, shows progress and what nobody holds', async () => {
    await fx.steps.act(scope('attention-victim'), { kind: 'claim' });
    await fx.steps.act(scope('scope-impact'), { kind: 'done' });
    const overview = await overviewCard();
    expect(overview.fallback).toBe('Incident 2026-0001: Foto <!channel> *klas* 3B');
    const warning = warningOf(overview);
    expect(warning).toMatchObject({ tone: 'warning', strong: true });
    expect(warning.text).toContain('Het bezit ervan is strafbaar');
    const facts = block(overview, 'facts').facts;
    expect(facts).toContainEqual({ label: 'Regisseur', value: 'Anna' });
    expect(facts).toContainEqual({ label: 'Status', value: 'Wordt geopend' });
    expect(facts).toContainEqual({ label: 'Volgend nazorgmoment', value: 'Nog niet gepland' });

    const rows = block(overview, 'progress').rows;
    expect(rows).toHaveLength(7);
    expect(rows.reduce((sum, r) => sum + r.total, 0)).toBe(31);
    expect(rows.reduce((sum, r) => sum + r.done + r.notApplicable + r.claimed + r.open, 0)).toBe(31);
    // The claimed step counts as "bezig", not as open.
    expect(rows[0]).toEqual({ label: 'Direct', done: 1, notApplicable: 0, claimed: 1, open: 4, total: 6 });
    expect(rows.find((r) => r.label === 'Klas en school')).toMatchObject({ notApplicable: 1, open: 4 });

    const unclaimed = block(overview, 'list');
    expect(unclaimed.title).toBe('Nog niet opgepakt');
    // 31 − 1 done − 1 n.a. − 1 claimed = 28 open: 8 shown and a count of the rest.
    expect(unclaimed.items).toHaveLength(9);
    expect(unclaimed.items[0]).toBe('Check bestaande protocollen');
    expect(unclaimed.items.at(-1)).toBe('en nog 20 stappen');
    expect(block(overview, 'links').links.map((l) => l.url)).toContain('https://www.meldknop.nl');
  });

  it('the overview is in English for an English workspace', async () => {
    const overview = await overviewCard('en');
    expect(warningOf(overview).text).toContain('Possessing it is a criminal offence');
    expect(block(overview, 'progress').rows[0]?.label).toBe('Immediately');
  });

  it('titles stay plain text in the card model: renderers escape them', async () => {
    const overview = await overviewCard();
    expect(block(overview, 'header').text).toBe('Incident 2026-0001: Foto <!channel> *klas* 3B');
  });

  it('the next aftercare moment comes from the aftercare form', async () => {
    await fx.steps.saveForm(scope('plan-aftercare'), {
      moments: [
        { date: '2026-04-20', about: 'class', remind: BOB.userId },
        { date: '2026-03-24', about: 'victim', remind: ANNA.userId },
      ],
    });
    const facts = block(await overviewCard(), 'facts').facts;
    expect(facts).toContainEqual({ label: 'Volgend nazorgmoment', value: '24 mrt 2026' });
  });
});

describe('phase card actions', () => {
  it('open step: claim, done, n.a. asking a reason; menu assign, due date, note', async () => {
    const step = await stepBlock('attention-victim');
    expect(step).toMatchObject({
      status: 'open',
      statusLabel: 'Open',
      title: 'Aandacht voor het slachtoffer',
    });
    expect(kinds(step.actions)).toEqual(['claim', 'done', 'notApplicable']);
    expect(step.actions[0]).toMatchObject({ label: 'Oppakken', style: 'primary' });
    expect(step.actions[2]?.input).toBe('reason');
    expect(kinds(step.menu)).toEqual(['assign', 'setDue', 'note']);
  });

  it('claimed step: done and n.a.; menu with release and assign; owner shown', async () => {
    await fx.steps.act(scope('attention-victim'), { kind: 'claim' });
    const step = await stepBlock('attention-victim');
    expect(kinds(step.actions)).toEqual(['done', 'notApplicable']);
    expect(kinds(step.menu)).toEqual(['assign', 'release', 'setDue', 'note']);
    expect(step.details).toContain('Opgepakt door Bob');
  });

  it('done step: only reopen (and a note) in the menu', async () => {
    await fx.steps.act(scope('attention-victim'), { kind: 'done' });
    const step = await stepBlock('attention-victim');
    expect(step.actions).toEqual([]);
    expect(kinds(step.menu)).toEqual(['reopen', 'note']);
    expect(step.details).toContain('Afgerond door Bob');
  });

  it('a step set aside by the facts says so', async () => {
    const step = await stepBlock('inform-other-parents');
    expect(step.status).toBe('not_applicable');
    expect(step.details).toEqual(['Niet van toepassing volgens de feiten bij de melding.']);
    expect(kinds(step.menu)).toEqual(['reopen', 'note']);
  });

  it('form steps carry a form action', async () => {
    const step = await stepBlock('action-list');
    expect(kinds(step.actions)).toEqual(['claim', 'done', 'notApplicable', 'form']);
    expect(step.actions.at(-1)).toMatchObject({ label: 'Invullen', input: 'form' });
  });

  it('every payload survives encode and decode and points at its step', async () => {
    const all = await cards();
    const actions = all
      .flatMap((c) => c.blocks)
      .flatMap((b) => (b.type === 'step' ? [...b.actions, ...b.menu] : []));
    expect(actions.length).toBeGreaterThan(100);
    for (const action of actions) {
      expect(decodeAction(encodeAction(action.payload))).toEqual(action.payload);
      expect(action.payload).toMatchObject({ incidentId: incident.id });
    }
  });

  it('a closed incident keeps the buttons of evaluation and aftercare only', async () => {
    await fx.incidents.close({ incidentId: incident.id, actor: ANNA });
    const all = await cards();
    const steps = all.flatMap((c) => c.blocks).filter((b): b is StepBlock => b.type === 'step');
    expect(steps).toHaveLength(31);
    const aftercare = new Set([
      'evaluate-with-victim',
      'feedback-perpetrator-school',
      'evaluate-zat',
      'plan-aftercare',
      'update-protocol',
    ]);
    const acute = steps.filter((s) => !aftercare.has(s.stepKey));
    expect(acute.every((s) => s.actions.length === 0 && s.menu.length === 0)).toBe(true);
    const zat = steps.find((s) => s.stepKey === 'evaluate-zat')!;
    expect(kinds(zat.actions)).toEqual(['claim', 'done', 'notApplicable', 'form']);
    expect(block(all[1]!, 'facts').facts).toContainEqual({
      label: 'Status',
      value: 'Acute fase gesloten, evaluatie en nazorg lopen door',
    });
  });

  it('a finished incident shows no step actions; its menu offers only the dossier and reopening', async () => {
    await fx.incidents.close({ incidentId: incident.id, actor: ANNA });
    await fx.incidents.finish({ incidentId: incident.id, actor: ANNA }, 'Nazorg loopt via het ZAT');
    const all = await cards();
    const steps = all.flatMap((c) => c.blocks).filter((b): b is StepBlock => b.type === 'step');
    expect(steps.every((s) => s.actions.length === 0 && s.menu.length === 0)).toBe(true);
    const menu = all[1]!.blocks.find((b) => b.type === 'menu');
    expect(menu && 'actions' in menu ? menu.actions.map((a) => a.payload.kind) : []).toEqual([
      'dossier',
      'reopenIncident',
    ]);
    expect(block(all[1]!, 'facts').facts).toContainEqual({ label: 'Status', value: 'Afgerond' });
  });

  it('shows form summaries, reasons and the latest note', async () => {
    await fx.steps.saveForm(scope('action-list'), {
      items: [{ who: 'mentor', what: 'gesprek\nmet ouders' }],
    });
    await fx.steps.act(scope('police-advice'), { kind: 'notApplicable', reason: 'Geen strafbaar feit' });
    await fx.steps.addNote(scope('check-protocols'), 'Eerste notitie');
    await fx.steps.addNote(scope('check-protocols'), 'Tweede notitie');
    const card = buildPhaseCard(await context(), 'direct');
    const details = (key: string) =>
      card.blocks.find((b): b is StepBlock => b.type === 'step' && b.stepKey === key)!.details;
    expect(details('action-list')).toEqual(['Wie: mentor · Wat: gesprek met ouders']);
    expect(details('police-advice')).toEqual(['Niet van toepassing: Geen strafbaar feit']);
    // The earlier note is not lost: the card says it is there ("Alle notities" shows it).
    expect(details('check-protocols')).toEqual([
      'Laatste notitie van Bob: Tweede notitie',
      'en nog 1 notitie',
    ]);
  });

  it('an unknown phase is a programming error', async () => {
    const ctx = await context();
    expect(thrown(() => buildPhaseCard(ctx, 'nope'))).toBeInstanceOf(Error);
  });
});

describe('decodeAction', () => {
  const good: ActionPayload = { incidentId: 'id-1', kind: 'claim', stepKey: 'attention-victim' };
  /** The same button as cards posted before the compact form carry it (JSON, one-letter fields). */
  const legacy = { v: 1, i: 'id-1', a: 'claim', s: 'attention-victim' };

  it('accepts a well-formed payload as string or object and drops extra fields', () => {
    expect(decodeAction(JSON.stringify(legacy))).toEqual(good);
    expect(decodeAction({ ...legacy, extra: 'x' })).toEqual(good);
    expect(decodeAction({ v: 1, i: 'id-1', a: 'close' })).toEqual({ incidentId: 'id-1', kind: 'close' });
  });

  it('writes the compact form and reads it back; buttons from before it (JSON) still work', () => {
    expect(encodeAction(good)).toBe('2~claim~id-1~attention-victim');
    expect(encodeAction({ incidentId: 'id-1', kind: 'reminderDone', ref: 'rem-9' })).toBe(
      '2~reminderDone~id-1~~rem-9',
    );
    expect(encodeAction({ incidentId: 'id-1', kind: 'close' })).toBe('2~close~id-1');
    expect(decodeAction('2~reminderDone~id-1~~rem-9')).toEqual({
      incidentId: 'id-1',
      kind: 'reminderDone',
      ref: 'rem-9',
    });
    expect(decodeAction('{"v":1,"i":"id-1","s":"attention-victim","a":"claim"}')).toEqual(good);
  });

  it.each<[string, unknown]>([
    ['garbage', 'not json {'],
    ['null', null],
    ['a number', 42],
    ['JSON null', 'null'],
    ['an array', [1, 2]],
    ['wrong version', { ...legacy, v: 2 }],
    ['version as text', { ...legacy, v: '1' }],
    ['unknown action', { ...legacy, a: 'delete' }],
    ['missing incident', { v: 1, a: 'claim' }],
    ['incident id with odd characters', { ...legacy, i: 'id 1; drop' }],
    ['step key too long', { ...legacy, s: 'x'.repeat(65) }],
    ['step key not text', { ...legacy, s: 7 }],
    ['reference with odd characters', { ...legacy, r: '../etc' }],
    ['oversized string', JSON.stringify({ ...legacy, pad: 'x'.repeat(500) })],
    ['compact with an unknown version', '3~claim~id-1~attention-victim'],
    ['compact with an unknown action', '2~delete~id-1'],
    ['compact without an incident', '2~claim~'],
    ['compact with odd characters', '2~claim~id 1;drop~attention-victim'],
    ['compact with extra parts', '2~claim~id-1~attention-victim~r~x'],
  ])('refuses %s with InvalidAction', (_name, raw) => {
    expect(thrown(() => decodeAction(raw))).toMatchObject({ code: 'InvalidAction' });
  });
});
