// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeAction } from '../../../src/core/cards/action-payload.js';
import type { Card } from '../../../src/core/cards/card.types.js';
import type { CardContext } from '../../../src/core/cards/card-context.js';
import { buildIncidentCards } from '../../../src/core/cards/incident-cards.js';
import { FORM_SPECS } from '../../../src/core/forms/form.specs.js';
import type { IncidentStatus, IncidentView, StepStatus } from '../../../src/core/incidents/incident.types.js';
import { DEFAULT_PLAYBOOK } from '../../../src/core/playbook/builtin/index.js';
import type { FormKind } from '../../../src/core/playbook/playbook.types.js';
import { decodeActionData } from '../../../src/platforms/teams/cards/action-data.codec.js';
import {
  type AdaptiveCardJson,
  byteSize,
  CARD_BYTE_LIMIT,
} from '../../../src/platforms/teams/cards/adaptive.types.js';
import { toAdaptiveCard } from '../../../src/platforms/teams/cards/adaptive-card.renderer.js';
import { formViewCard } from '../../../src/platforms/teams/cards/form-view.card.js';
import { inputValues } from '../../../src/platforms/teams/cards/input-values.js';
import { messageCard } from '../../../src/platforms/teams/cards/message.card.js';
import { openFormCard } from '../../../src/platforms/teams/cards/open-form.card.js';
import { renderContextFor } from '../../../src/platforms/teams/cards/render-context.js';
import { closeQuestionCard } from '../../../src/platforms/teams/handlers/close.handler.js';
import { pendingCard } from '../../../src/platforms/teams/handlers/open-command.handler.js';
import { type CoreFixture, createCoreFixture } from '../../support/core-fixture.js';
import { checkCard } from './support/adaptive-cards.support.js';

const HOSTILE =
  '**vet** _schuin_ <at>Bob</at> [klik](https://evil.example) {{DATE(2017-02-14T06:08:00Z)}} # kop';
const STATUSES: StepStatus[] = ['open', 'claimed', 'done', 'not_applicable'];

let fx: CoreFixture;
let base: IncidentView;

beforeAll(async () => {
  fx = await createCoreFixture();
  const incident = await fx.open({ title: `Foto ${HOSTILE}`.slice(0, 80) });
  base = await fx.incidents.view(incident.id);
});

function ctx(view: IncidentView, locale: 'nl' | 'en' = 'nl'): CardContext {
  return { view, playbook: DEFAULT_PLAYBOOK, locale, timeZone: 'Europe/Amsterdam', now: fx.clock.now() };
}

/** The incident with every step in one status, a note and a filled-in form on every step. */
function viewWith(status: StepStatus, incidentStatus: IncidentStatus = 'open'): IncidentView {
  const at = fx.clock.now();
  return {
    ...base,
    incident: { ...base.incident, status: incidentStatus },
    steps: base.steps.map((step) => ({
      ...step,
      status,
      ownerId: status === 'claimed' || status === 'done' ? 'U-BOB' : null,
      naReason: status === 'not_applicable' ? HOSTILE : null,
      dueAt: new Date(at.getTime() + 86_400_000),
    })),
    notes: base.steps.map((step, index) => ({
      id: `n${index}`,
      incidentId: base.incident.id,
      stepKey: step.key,
      authorId: 'U-ANNA',
      text: HOSTILE,
      createdAt: at,
    })),
  };
}

function render(card: Card, view: IncidentView, locale: 'nl' | 'en' = 'nl'): AdaptiveCardJson {
  return toAdaptiveCard(card, renderContextFor(view, DEFAULT_PLAYBOOK, locale));
}

function expectValid(json: AdaptiveCardJson) {
  const check = checkCard(json);
  expect(check.parseEvents).toEqual([]);
  expect(check.validationEvents).toEqual([]);
  expect(check.rendered).toBe(true);
  expect(byteSize(json)).toBeLessThanOrEqual(CARD_BYTE_LIMIT);
  return check;
}

/** Every string under a key, anywhere in the card. */
function strings(value: unknown, key: string, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) strings(item, key, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === key && typeof v === 'string') out.push(v);
      else strings(v, key, out);
    }
  }
  return out;
}

type Node = Record<string, unknown>;

/** Every object in the card for which `match` holds. */
function findAll(value: unknown, match: (node: Node) => boolean, out: Node[] = []): Node[] {
  if (Array.isArray(value)) for (const item of value) findAll(item, match, out);
  else if (value && typeof value === 'object') {
    if (match(value as Node)) out.push(value as Node);
    for (const child of Object.values(value)) findAll(child, match, out);
  }
  return out;
}

function types(value: unknown, out = new Set<string>()): Set<string> {
  return new Set(strings(value, 'type', [...out]));
}

describe('toAdaptiveCard: every card the bot posts', () => {
  for (const status of STATUSES) {
    it(`overview, phases and tips with every step ${status} parse and validate cleanly`, () => {
      for (const card of buildIncidentCards(ctx(viewWith(status)))) {
        const check = expectValid(render(card, viewWith(status)));
        expect(new Set(check.inputIds).size).toBe(check.inputIds.length);
      }
    });
  }

  it('a finished incident and English cards too', () => {
    for (const card of buildIncidentCards(ctx(viewWith('done', 'finished'), 'en'))) {
      const json = render(card, viewWith('done', 'finished'), 'en');
      expectValid(json);
      // Only the overview's menu is left: the dossier, and reopening (lead only).
      expect(strings(json, 'verb')).toEqual(
        card.key === 'overview' ? ['stappenplan.action', 'stappenplan.action'] : [],
      );
    }
  });

  it('a closed incident’s overview offers "Afronden", asking why inline', () => {
    const view = viewWith('open', 'closed');
    const overview = buildIncidentCards(ctx(view)).find((card) => card.key === 'overview') as Card;
    const text = JSON.stringify(render(overview, view));
    expect(text).toContain('"title":"Afronden"');
    expect(text).toContain('Waarom rond je evaluatie en nazorg nu af?');
  });

  it('a closed incident keeps buttons on the evaluation and aftercare card only', () => {
    const view = viewWith('open', 'closed');
    const withVerbs = buildIncidentCards(ctx(view, 'en'))
      .filter((card) => card.key.startsWith('phase:'))
      .filter((card) => {
        const json = render(card, view, 'en');
        expectValid(json);
        return strings(json, 'verb').length > 0;
      })
      .map((card) => card.key);
    expect(withVerbs).toEqual(['phase:evaluation-aftercare']);
  });

  it('the claim button carries the encoded action; N.v.t. asks the reason inline', () => {
    const phase = buildIncidentCards(ctx(viewWith('open'))).find(
      (card) => card.key === 'phase:direct',
    ) as Card;
    const json = render(phase, viewWith('open'));
    const text = JSON.stringify(json);
    expect(text).toContain('"verb":"stappenplan.action"');
    const claim = findAll(json, (node) => node.type === 'Action.Execute' && node.title === 'Oppakken')[0];
    expect(decodeAction((claim?.data as { p: string } | undefined)?.p)).toMatchObject({
      kind: 'claim',
      incidentId: base.incident.id,
    });
    expect(text).toContain('"label":"Waarom is deze stap niet van toepassing?"');
  });
});

describe('the "Nu eerst" card and the poster', () => {
  it('taps to call, links the address in a step, names the poster number, and validates', () => {
    const open = viewWith('open');
    const view = {
      ...open,
      incident: { ...open.incident, facts: { ...open.incident.facts, spread: 'public_online' as const } },
    };
    const now = buildIncidentCards(ctx(view))[0] as Card;
    expect(now.key).toBe('now');
    const json = render(now, view);
    expectValid(json);
    const urls = findAll(json, (node) => node.type === 'Action.OpenUrl').map((node) => node.url);
    expect(urls).toContain('tel:+31206626559');
    expect(urls).toContain('https://www.meldknop.nl');
    const linked = findAll(json, (node) => node.type === 'TextRun' && node.selectAction !== undefined);
    expect(linked.map((node) => node.text)).toEqual(['www.meldknop.nl', '020 - 6626559']);
    expect(strings(json, 'text')).toContain('  ·  poster 14');
  });

  it('the overview shows each address as the link’s own text', () => {
    const view = viewWith('open');
    const overview = buildIncidentCards(ctx(view)).find((card) => card.key === 'overview') as Card;
    const json = render(overview, view);
    expectValid(json);
    const linked = findAll(json, (node) => node.type === 'TextRun' && node.selectAction !== undefined);
    expect(linked.map((node) => node.text)).toContain('stappenplansexting.nl');
  });
});

describe('text stays inert', () => {
  it('user text only appears in TextRuns, with {{ }} broken, never in a TextBlock or a FactSet', () => {
    const view = viewWith('not_applicable');
    for (const card of buildIncidentCards(ctx(view))) {
      const json = render(card, view);
      const kinds = types(json);
      expect(kinds.has('TextBlock')).toBe(false);
      expect(kinds.has('FactSet')).toBe(false);
      expect(JSON.stringify(json)).not.toContain('{{DATE');
      expect(json).not.toHaveProperty('msteams.entities');
    }
    const overview = render(buildIncidentCards(ctx(view))[1] as Card, view);
    const runs = strings(overview, 'text');
    expect(runs.some((text) => text.includes('<at>Bob</at>') && text.includes('**vet**'))).toBe(true);
  });
});

describe('size', () => {
  it('a card with fifty long-named members and very long notes stays under the limit and valid', () => {
    const view = viewWith('open');
    const members = Array.from({ length: 50 }, (_, i) => ({
      ...base.members[0]!,
      userId: `U-${i}`,
      displayName: `${'Medewerker met een heel lange naam '.repeat(3)}${i}`,
    }));
    const big: IncidentView = {
      ...view,
      members,
      notes: view.notes.map((note) => ({ ...note, text: 'x'.repeat(2000) })),
    };
    for (const card of buildIncidentCards(ctx(big))) {
      const json = render(card, big);
      expectValid(json);
    }
  });

  it('a phase with a hundred steps still gives a valid card under the limit', () => {
    const view = viewWith('open');
    const phase = buildIncidentCards(ctx(view))[2] as Card;
    const step = phase.blocks.find((block) => block.type === 'step');
    const huge: Card = { ...phase, blocks: [phase.blocks[0]!, ...Array.from({ length: 100 }, () => step!)] };
    const json = render(huge, view);
    expectValid(json);
    expect(byteSize(json)).toBeLessThanOrEqual(CARD_BYTE_LIMIT);
  });
});

describe('forms, the opening form and messages', () => {
  const kinds = Object.keys(FORM_SPECS) as FormKind[];
  for (const kind of kinds) {
    it(`the ${kind} form, empty, filled and with an error`, () => {
      const spec = FORM_SPECS[kind];
      const filled: Record<string, unknown> = {};
      for (const field of spec.fields) filled[field.name] = field.type === 'date' ? '2026-12-01' : HOSTILE;
      if (spec.list) {
        filled[spec.list.name] = Array.from({ length: spec.list.max }, (_, i) => ({
          id: `row-${i}`,
          ...Object.fromEntries(
            spec.list!.fields.map((f) => [f.name, f.type === 'date' ? '2026-12-01' : 'x'.repeat(200)]),
          ),
        }));
      }
      for (const values of [null, filled]) {
        const json = formViewCard({
          locale: 'nl',
          title: 'Formulier',
          stepTitle: 'Stap',
          spec,
          values,
          members: base.members,
          payload: { incidentId: base.incident.id, kind: 'form', stepKey: 'plan-actions' },
          error: 'Wie (rij 1): vul dit in.',
        });
        const check = expectValid(json);
        expect(new Set(check.inputIds).size).toBe(check.inputIds.length);
      }
    });
  }

  it('a list shows numbered rows with one empty row, and a button for the next that sends what was typed', () => {
    const input = {
      locale: 'nl' as const,
      title: 'Nazorg',
      stepTitle: 'Stap',
      spec: FORM_SPECS.aftercare_moments,
      values: {
        moments: [{ id: 'm-1', date: '2026-12-02', about: 'victim', remind: base.members[0]!.userId }],
      },
      members: base.members,
      payload: { incidentId: base.incident.id, kind: 'form' as const, stepKey: 'plan-aftercare' },
    };
    const json = formViewCard(input);
    const check = expectValid(json);
    expect(check.inputIds.filter((id) => id.endsWith('.date'))).toEqual([
      'f:moments.0.date',
      'f:moments.1.date',
    ]);
    const texts = findAll(json, (node) => node.type === 'TextRun').map((node) => node.text);
    expect(texts).toContain('Nazorgmoment 1');
    expect(texts).toContain('Nazorgmoment 2');
    const add = findAll(json, (node) => node.title === 'Nazorgmoment toevoegen')[0] as Node;
    expect(add.verb).toBe('stappenplan.form');
    // The typed values go along (no associatedInputs: none), and the next view shows three rows.
    expect(add.associatedInputs).toBeUndefined();
    expect((add.data as Record<string, string>).a).toBe('3');
    expect(decodeActionData(add.data as Record<string, unknown>)).toMatchObject({
      addRow: 3,
      inputPrefix: 'f',
    });
    const grown = formViewCard({ ...input, atLeast: 3 });
    expect(expectValid(grown).inputIds.filter((id) => id.endsWith('.date'))).toHaveLength(3);
    const full = formViewCard({ ...input, atLeast: 99 });
    expect(findAll(full, (node) => node.title === 'Nazorgmoment toevoegen')).toEqual([]);
  });

  it('an error about a row stands under that row’s heading, not on top', () => {
    const json = formViewCard({
      locale: 'nl',
      title: 'Acties',
      stepTitle: 'Stap',
      spec: FORM_SPECS.action_list,
      values: { items: [{ who: 'Mentor', what: 'Bellen' }, { what: 'Brief' }] },
      members: base.members,
      payload: { incidentId: base.incident.id, kind: 'form', stepKey: 'plan-actions' },
      error: 'Wie (rij 2): vul dit in.',
      errorField: 'items.1.who',
    });
    expectValid(json);
    const texts = findAll(json, (node) => node.type === 'TextRun').map((node) => String(node.text));
    expect(texts.indexOf('Wie (rij 2): vul dit in.')).toBe(texts.indexOf('Actie 2') + 1);
    expect(findAll(json, (node) => node.style === 'attention')).toEqual([]);
  });

  it('a long list is shown a page at a time, with the page position in the save data', () => {
    const spec = FORM_SPECS.action_list;
    const rows = Array.from({ length: 20 }, (_, i) => ({
      id: `row-${i}`,
      who: 'é'.repeat(200),
      what: 'ü'.repeat(200),
      when: 'x'.repeat(200),
      where: 'y'.repeat(200),
      how: 'z'.repeat(200),
    }));
    const input = {
      locale: 'nl' as const,
      title: 'Acties',
      stepTitle: 'Stap',
      spec,
      values: { items: rows },
      members: base.members,
      payload: { incidentId: base.incident.id, kind: 'form' as const, stepKey: 'plan-actions' },
    };
    const first = formViewCard(input);
    expectValid(first);
    const save = findAll(first, (node) => node.title === 'Opslaan')[0]?.data as Record<string, string>;
    expect(save.o).toBe('0');
    const shown = Number(save.n);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(20);
    const next = findAll(first, (node) => node.verb === 'stappenplan.form' && 'o' in (node.data as Node))[0];
    expect((next?.data as Node | undefined)?.o).toBe(String(shown));
    const second = formViewCard({ ...input, offset: shown });
    expectValid(second);
    const ids = checkCard(second).inputIds;
    expect(ids[0]).toBe('f:items.0.who');
    expect(JSON.stringify(second)).toContain(
      `"r":"${rows
        .slice(shown, shown * 2)
        .map((r) => r.id)
        .join(',')}`,
    );
  });

  it('reads a form back from the answers, with row ids, dropping unsafe names', () => {
    const values = inputValues({
      k: 'f',
      r: 'row-a,,row-c',
      'f:items.0.who': 'mentor',
      'f:items.2.what': 'gesprek',
      'f:__proto__': 'x',
      'f:items.1.__proto__': 'x',
      's0a1:reason': 'not mine',
    });
    expect(values.form).toEqual({
      items: [{ who: 'mentor', id: 'row-a' }, {}, { what: 'gesprek', id: 'row-c' }],
    });
    expect(values.reason).toBeUndefined();
    expect(inputValues({ k: 's0a1', 's0a1:reason': 'klopt niet', 's1a1:reason': 'ander' })).toEqual({
      reason: 'klopt niet',
    });
  });

  it('the opening form in both languages, with an error and a long colleague list', () => {
    const colleagues = Array.from({ length: 200 }, (_, i) => ({
      userId: `U-${i}`,
      displayName: `Collega ${i}`,
    }));
    for (const locale of ['nl', 'en'] as const) {
      const json = openFormCard({
        locale,
        requesterId: 'U-1',
        colleagues,
        values: { title: HOSTILE, invited: ['U-2', 'U-3'] },
        error: 'Korte titel: vul dit in.',
      });
      expectValid(json);
    }
  });

  it('a message card, the card the channel sees while someone opens, and the question before closing', () => {
    expectValid(messageCard([HOSTILE, 'tweede regel'], { tone: 'attention' }));
    const pending = pendingCard('nl', 'U-1', HOSTILE, '29:U-1');
    expectValid(pending);
    expect(checkCard(pending).inputIds).toEqual([]);
    for (const locale of ['nl', 'en'] as const) {
      const question = closeQuestionCard(locale, base.incident.id, 'Weet je het zeker?', 'U-1');
      expect(expectValid(question).inputIds).toEqual(['c:archive']);
      const ongoing = closeQuestionCard(
        locale,
        base.incident.id,
        'Sluiten?\n\n2 nazorgmomenten',
        'U-1',
        false,
      );
      expect(expectValid(ongoing).inputIds).toEqual([]);
    }
  });
});

describe('the check itself', () => {
  it('reports unknown elements and duplicate input ids', () => {
    const check = checkCard({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Bogus' }, { type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }],
    });
    expect(check.parseEvents.length + check.validationEvents.length).toBeGreaterThanOrEqual(2);
  });
});
