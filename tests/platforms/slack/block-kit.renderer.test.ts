import { beforeEach, describe, expect, it } from 'vitest';
import type { Card, CardAction, StepBlock } from '../../../src/core/cards/card.types.js';
import { buildIncidentCards } from '../../../src/core/cards/incident-cards.js';
import { buildStepNotesCard } from '../../../src/core/cards/notes.card.js';
import type { Incident } from '../../../src/core/incidents/incident.types.js';
import { DEFAULT_PLAYBOOK } from '../../../src/core/playbook/builtin/index.js';
import { decodeActionValue } from '../../../src/platforms/slack/block-kit/action-value.js';
import { messageText, toBlockKit } from '../../../src/platforms/slack/block-kit/block-kit.renderer.js';
import { clip, escapeText, link } from '../../../src/platforms/slack/block-kit/mrkdwn.js';
import { BOB, type CoreFixture, createCoreFixture } from '../../support/core-fixture.js';
import { validateBlocks } from './support/block-kit.validator.js';
import { mentionsIn, textsOf } from './support/fake-slack.state.js';

type Json = Record<string, unknown>;

let fx: CoreFixture;
let incident: Incident;

beforeEach(async () => {
  fx = await createCoreFixture();
  incident = await fx.open({ title: '<!channel> hoi & <@U123> *klas*' });
});

async function incidentCards(): Promise<Card[]> {
  const view = await fx.incidents.view(incident.id);
  return buildIncidentCards({
    view,
    playbook: DEFAULT_PLAYBOOK,
    locale: 'nl',
    timeZone: 'Europe/Amsterdam',
    now: fx.clock.now(),
  });
}

const action = (
  kind: CardAction['payload']['kind'],
  stepKey: string,
  extra: Partial<CardAction> = {},
): CardAction => ({
  label: `Actie ${kind}`,
  payload: { incidentId: 'incident-1', kind: kind, stepKey: stepKey },
  ...extra,
});

function step(key: string, overrides: Partial<StepBlock> = {}): StepBlock {
  return {
    type: 'step',
    stepKey: key,
    title: `Stap ${key}`,
    guidance: ['Doe dit eerst.', 'Dan dat.'],
    status: 'open',
    statusLabel: 'Open',
    details: [],
    actions: [
      action('claim', key, { style: 'primary' }),
      action('done', key),
      action('notApplicable', key, { input: 'reason' }),
    ],
    menu: [
      action('assign', key, { input: 'assignee' }),
      action('setDue', key, { input: 'dueDate' }),
      action('note', key, { input: 'note' }),
    ],
    ...overrides,
  };
}

describe('toBlockKit', () => {
  it('renders every card of an incident into blocks Slack accepts', async () => {
    for (const card of await incidentCards()) {
      const message = toBlockKit(card);
      expect(validateBlocks(message.blocks, 'message'), card.key).toEqual([]);
      expect(message.text.length).toBeGreaterThan(0);
    }
  });

  it('"Nu eerst" has a number to tap, the Meldknop address as its own link text and poster numbers', async () => {
    const online = await fx.open({ title: 'Foto', facts: { spread: 'public_online' } });
    const view = await fx.incidents.view(online.id);
    const [now] = buildIncidentCards({
      view,
      playbook: DEFAULT_PLAYBOOK,
      locale: 'nl',
      timeZone: 'Europe/Amsterdam',
      now: fx.clock.now(),
    });
    expect(now?.key).toBe('now');
    const message = toBlockKit(now!);
    expect(validateBlocks(message.blocks, 'message')).toEqual([]);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('*Bureau Jeugd &amp; Media* <tel:+31206626559|020 - 6626559>');
    expect(text).toContain('<https://www.meldknop.nl|www.meldknop.nl>');
    expect(text).toContain('·  poster 14');
    expect(text).toContain('niet doorsturen, niet bewaren, niet laten zien');
  });

  it('escapes user text so mentions stay inert, in blocks and in the notification text', async () => {
    const overview = toBlockKit((await incidentCards())[1]!);
    expect(overview.text).toBe('Incident 2026-0001: &lt;!channel&gt; hoi &amp; &lt;@U123&gt; *klas*');
    const header = overview.blocks[0] as unknown as Json;
    expect((header.text as Json).text).toBe(
      'Incident 2026-0001: &lt;!channel&gt; hoi &amp; &lt;@U123&gt; *klas*',
    );
    const texts = [overview.text, ...textsOf(overview.blocks as unknown as Json[])];
    expect(texts.flatMap(mentionsIn)).toEqual([]);
  });

  it('gives each step a section with an overflow menu and a row of buttons that decode to the payload', async () => {
    const phase = toBlockKit((await incidentCards())[2]!);
    const section = phase.blocks.find((block) => block.block_id === 'step:scope-impact') as unknown as Json;
    expect((section.text as Json).text).toContain('*Bepaal omvang en impact*');
    const menu = section.accessory as unknown as Json;
    expect(menu.type).toBe('overflow');
    const kinds = (menu.options as Json[]).map((option) => decodeActionValue(option.value).payload.kind);
    expect(kinds).toEqual(['assign', 'setDue', 'note']);
    const buttons = (phase.blocks.find((block) => block.block_id === 'act:scope-impact') as unknown as Json)
      .elements as Json[];
    const decoded = buttons.map((button) => decodeActionValue(button.value));
    expect(decoded.map((value) => value.payload)).toEqual([
      { incidentId: incident.id, kind: 'claim', stepKey: 'scope-impact' },
      { incidentId: incident.id, kind: 'done', stepKey: 'scope-impact' },
      { incidentId: incident.id, kind: 'notApplicable', stepKey: 'scope-impact' },
    ]);
    expect(decoded.map((value) => value.input)).toEqual([null, null, 'reason']);
    expect(buttons.map((button) => (button.text as Json).text)).toEqual(['Oppakken', 'Gereed', 'N.v.t.']);
  });

  it('shows owner, note and form answers on the card, shortened to fit', async () => {
    await fx.steps.act({ incidentId: incident.id, stepKey: 'scope-impact', actor: BOB }, { kind: 'claim' });
    await fx.steps.addNote(
      { incidentId: incident.id, stepKey: 'scope-impact', actor: BOB },
      `<!here> ${'lang '.repeat(398)}`,
    );
    const long = 'w'.repeat(2000);
    await fx.steps.saveForm(
      { incidentId: incident.id, stepKey: 'communication-statement', actor: BOB },
      { whatIsHappening: long, ourView: long, whatWeDo: long, why: long, contactPerson: '<!channel>' },
    );
    const all = await incidentCards();
    const communication = toBlockKit(all.find((card) => card.key === 'phase:communication')!);
    expect(validateBlocks(communication.blocks, 'message')).toEqual([]);
    const statement = JSON.stringify(
      communication.blocks.find((block) => block.block_id === 'step:communication-statement'),
    );
    expect(statement).toContain('Contactpersoon: &lt;!channel&gt;');
    const phase = toBlockKit(all[2]!);
    expect(validateBlocks(phase.blocks, 'message')).toEqual([]);
    const text = (
      (phase.blocks.find((block) => block.block_id === 'step:scope-impact') as unknown as Json).text as Json
    ).text as string;
    expect(text).toContain('Opgepakt door Bob');
    expect(text).toContain('Laatste notitie van Bob: &lt;!here&gt; lang');
    expect(text).toContain('…');
    expect(mentionsIn(text)).toEqual([]);
  });

  it('marks every mrkdwn text verbatim, so a bare URL or #channel in a note stays plain text', async () => {
    await fx.steps.addNote(
      { incidentId: incident.id, stepKey: 'scope-impact', actor: BOB },
      'zie https://e.nl/x en #algemeen, @iedereen',
    );
    const mrkdwnObjects = (await incidentCards())
      .flatMap((card) => toBlockKit(card).blocks)
      .flatMap((block) => findMrkdwn(block));
    expect(mrkdwnObjects.length).toBeGreaterThan(10);
    expect(mrkdwnObjects.filter((text) => text.verbatim !== true)).toEqual([]);
    expect(JSON.stringify(mrkdwnObjects)).toContain('zie https://e.nl/x en #algemeen');
    const cut = toBlockKit({
      ...(await incidentCards())[2]!,
      blocks: Array.from({ length: 80 }, (_, index) => step(`s${index}`)),
    });
    expect(cut.blocks.flatMap((block) => findMrkdwn(block)).every((text) => text.verbatim === true)).toBe(
      true,
    );
  });

  it('keeps every limit for absurdly long text', () => {
    const long = `<b>&${'x'.repeat(10_000)}`;
    const card: Card = {
      key: 'phase:x',
      incidentId: 'incident-1',
      fallback: long,
      blocks: [
        { type: 'header', text: long },
        { type: 'text', text: long, tone: 'warning', strong: true },
        { type: 'text', text: long, tone: 'muted' },
        {
          type: 'facts',
          facts: Array.from({ length: 23 }, (_, i) => ({ label: `${long}${i}`, value: long })),
        },
        { type: 'list', title: long, items: [long, long, long] },
        { type: 'links', title: long, links: [{ label: long, url: `https://x.nl/${long}`, detail: long }] },
        {
          type: 'progress',
          title: long,
          rows: [{ label: long, done: 1, notApplicable: 1, claimed: 0, open: 1, total: 3 }],
        },
        step('a', { title: long, guidance: [long, long], details: [long, long, long], statusLabel: long }),
        step('b', { actions: [action('claim', 'b', { label: long })] }),
      ],
    };
    const message = toBlockKit(card);
    expect(validateBlocks(message.blocks, 'message')).toEqual([]);
    expect(message.text.length).toBeLessThanOrEqual(3000);
    expect(message.blocks.filter((block) => block.type === 'section' && 'fields' in block)).toHaveLength(3);
  });

  it('draws a phase with many steps compactly and never passes 50 blocks', () => {
    const many = (n: number): Card => ({
      key: 'phase:big',
      incidentId: 'incident-1',
      fallback: 'groot',
      blocks: [
        { type: 'header', text: 'Fase' },
        ...Array.from({ length: n }, (_, i) => step(`s${i}`)),
        { type: 'divider' },
      ],
    });
    const full = toBlockKit(many(20));
    expect(full.blocks).toHaveLength(42);
    expect(validateBlocks(full.blocks, 'message')).toEqual([]);

    const compact = toBlockKit(many(40));
    expect(compact.blocks).toHaveLength(41);
    expect(validateBlocks(compact.blocks, 'message')).toEqual([]);
    const options = ((compact.blocks[1] as unknown as Json).accessory as Json).options as Json[];
    expect(options.map((option) => decodeActionValue(option.value).payload.kind)).toEqual([
      'claim',
      'done',
      'notApplicable',
      'assign',
      'setDue',
    ]);

    const cut = toBlockKit(many(70));
    expect(cut.blocks).toHaveLength(50);
    expect(validateBlocks(cut.blocks, 'message')).toEqual([]);
    expect(JSON.stringify(cut.blocks.at(-1))).toContain('… +22');
  });

  it('turns a lone or overlong menu entry into a button, and keeps action ids unique', () => {
    const lone = step('x', { menu: [action('reopen', 'x')], actions: [] });
    const longKey = 'k'.repeat(64);
    const longMenu = step(longKey, {
      menu: [
        {
          label: 'A',
          payload: { incidentId: 'i'.repeat(64), kind: 'notApplicable', stepKey: longKey },
          input: 'reason',
        },
        action('note', longKey),
        action('note', longKey),
      ],
    });
    const message = toBlockKit({
      key: 'phase:y',
      incidentId: 'incident-1',
      fallback: 'y',
      blocks: [lone, longMenu, step('x2')],
    });
    expect(validateBlocks(message.blocks, 'message')).toEqual([]);
    const first = message.blocks[0] as unknown as Json;
    expect(first.accessory).toBeUndefined();
    expect(
      ((message.blocks[1] as unknown as Json).elements as Json[]).map(
        (b) => decodeActionValue(b.value).payload.kind,
      ),
    ).toEqual(['reopen']);
    const ids = JSON.stringify(message.blocks).match(/"action_id":"[^"]+"/g) ?? [];
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('mrkdwn helpers', () => {
  it('escapes only &, < and >', () => {
    expect(escapeText(`<!channel> & "quotes" 'x' <@U1>`)).toBe(
      `&lt;!channel&gt; &amp; "quotes" 'x' &lt;@U1&gt;`,
    );
  });

  it('never cuts an entity or a surrogate pair in half', () => {
    expect(clip('abc&amp;def', 6)).toBe('abc…');
    expect(clip('ab😀cd', 4)).toBe('ab…');
    expect(clip('short', 10)).toBe('short');
  });

  it('makes only web, mail and phone links, with a safe URL part', () => {
    expect(link('https://x.nl/a|b>c?d=1&e=2', 'Meld <hier>')).toBe(
      '<https://x.nl/a%7Cb%3Ec?d=1&amp;e=2|Meld &lt;hier&gt;>',
    );
    expect(link('javascript:alert(1)', 'x')).toBe('x');
    expect(link('', 'Alleen tekst')).toBe('Alleen tekst');
  });

  it('escapes plain answers too', () => {
    expect(messageText('<!everyone> dag')).toBe('&lt;!everyone&gt; dag');
  });
});

/** Every mrkdwn text object inside a block. */
function findMrkdwn(value: unknown): Json[] {
  if (Array.isArray(value)) return value.flatMap(findMrkdwn);
  if (!value || typeof value !== 'object') return [];
  const own = (value as Json).type === 'mrkdwn' ? [value as Json] : [];
  return [...own, ...Object.values(value).flatMap(findMrkdwn)];
}

describe('a card shown in a dialog', () => {
  it('uses the room a modal has: every note of a long list is shown, and still valid', async () => {
    const fx = await createCoreFixture();
    const incident = await fx.open();
    const notes = Array.from({ length: 45 }, (_, i) => ({
      id: `n${i}`,
      incidentId: incident.id,
      stepKey: 'scope-impact',
      authorId: BOB.userId,
      text: `Notitie ${45 - i}`,
      createdAt: new Date(Date.UTC(2026, 2, 10, 9, 45 - i)),
    }));
    const card = buildStepNotesCard({
      incident,
      members: [],
      notes,
      playbook: DEFAULT_PLAYBOOK,
      stepKey: 'scope-impact',
      locale: 'nl',
      timeZone: 'Europe/Amsterdam',
    });
    const inMessage = toBlockKit(card).blocks;
    expect(inMessage).toHaveLength(50);
    const inModal = toBlockKit(card, { maxBlocks: 100 }).blocks;
    expect(validateBlocks(inModal, 'modal')).toEqual([]);
    const text = JSON.stringify(inModal);
    expect(text).toContain('Notitie 45');
    expect(text).toContain('Notitie 6');
    expect(text).toContain('En nog 5 oudere notitie(s)');
    expect(text).not.toContain('… +');
  });
});
