import { beforeEach, describe, expect, it } from 'vitest';
import type { Card, CardBlock, StepBlock } from '../../src/core/cards/card.types.js';
import type { CardContext } from '../../src/core/cards/card-context.js';
import { buildIncidentCards } from '../../src/core/cards/incident-cards.js';
import { buildNowCard } from '../../src/core/cards/now.card.js';
import type { Incident } from '../../src/core/incidents/incident.types.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/builtin/index.js';
import type { Spread } from '../../src/core/playbook/playbook.types.js';
import { BOB, type CoreFixture, createCoreFixture } from '../support/core-fixture.js';

let fx: CoreFixture;

beforeEach(async () => {
  fx = await createCoreFixture();
});

async function openWith(spread: Spread): Promise<Incident> {
  return fx.open({ title: 'Foto 3B', facts: { spread } });
}

async function context(incident: Incident, extra: Partial<CardContext> = {}): Promise<CardContext> {
  const view = await fx.incidents.view(incident.id);
  return {
    view,
    playbook: DEFAULT_PLAYBOOK,
    locale: 'nl',
    timeZone: 'Europe/Amsterdam',
    now: fx.clock.now(),
    ...extra,
  };
}

const steps = (card: Card) => card.blocks.filter((b): b is StepBlock => b.type === 'step');
const texts = (card: Card) =>
  card.blocks.flatMap((b): Extract<CardBlock, { type: 'text' }>[] => (b.type === 'text' ? [b] : []));
const linksOf = (card: Card) => card.blocks.flatMap((b) => (b.type === 'links' ? b.links : []));
const DIRECT = DEFAULT_PLAYBOOK.phases[0]!.steps.map((step) => step.key);

describe('the "Nu eerst" card', () => {
  it('comes first: the six Direct steps with buttons, the imagery warning and a number to tap', async () => {
    const incident = await openWith('class');
    const [first] = buildIncidentCards(await context(incident));
    expect(first?.key).toBe('now');
    const card = first!;
    expect(card.blocks[0]).toEqual({ type: 'header', text: 'Nu eerst · incident 2026-0001' });
    expect(texts(card)[0]).toMatchObject({ tone: 'warning', strong: true });
    expect(texts(card)[0]?.text).toContain('niet doorsturen, niet bewaren, niet laten zien');
    expect(steps(card).map((s) => s.stepKey)).toEqual(DIRECT);
    expect(DIRECT).toHaveLength(6);
    expect(steps(card).every((s) => s.actions.some((a) => a.payload.kind === 'claim'))).toBe(true);
    expect(linksOf(card)).toContainEqual({
      lead: 'Bureau Jeugd & Media',
      label: '020 - 6626559',
      url: 'tel:+31206626559',
    });
  });

  it('brings Meldknop’s offline step forward when the images are public online', async () => {
    const card = buildNowCard(await context(await openWith('public_online')));
    expect(steps(card).map((s) => s.stepKey)).toEqual([...DIRECT, 'take-offline']);
    const offline = steps(card).at(-1)!;
    expect(offline.links).toEqual([{ label: 'www.meldknop.nl', url: 'https://www.meldknop.nl' }]);
    expect(offline.guidance).toEqual([]);
    expect(texts(card).some((b) => b.text.includes('openbaar online'))).toBe(true);
  });

  it('without public spread the offline step stays in its own phase only', async () => {
    const card = buildNowCard(await context(await openWith('school')));
    expect(steps(card).map((s) => s.stepKey)).not.toContain('take-offline');
  });

  it('collapses to one line once every Direct step is done or set aside', async () => {
    const incident = await openWith('class');
    const scope = (stepKey: string) => ({ incidentId: incident.id, actor: BOB, stepKey });
    for (const key of DIRECT.slice(0, 5)) await fx.steps.act(scope(key), { kind: 'done' });
    expect(steps(buildNowCard(await context(incident)))).toHaveLength(6);
    await fx.steps.act(scope(DIRECT[5]!), { kind: 'notApplicable', reason: 'Al besproken' });
    const card = buildNowCard(await context(incident));
    expect(card.blocks).toEqual([
      {
        type: 'text',
        text: 'Nu eerst: alle directe stappen van incident 2026-0001 zijn afgehandeld.',
        tone: 'good',
      },
    ]);
  });
});

describe('the overview and steps as on the paper poster', () => {
  it('shows the poster headline, a privacy line and readable addresses', async () => {
    const incident = await openWith('class');
    const overview = buildIncidentCards(await context(incident)).find((c) => c.key === 'overview')!;
    expect(texts(overview).map((b) => b.text)).toContain(
      'Er circuleert een naaktfoto/seksfilmpje op mijn school!',
    );
    const privacy = texts(overview).find((b) => b.text.includes('geen namen van leerlingen'));
    expect(privacy?.text).toContain('Alleen de leden van dit incident zien dit kanaal');
    expect(privacy?.text).not.toContain('maanden');
    expect(linksOf(overview)).toContainEqual(
      expect.objectContaining({
        lead: 'Stappenplan sexting',
        label: 'stappenplansexting.nl',
        url: 'https://www.stappenplansexting.nl',
      }),
    );
  });

  it('says how long the content is kept when the retention setting is known', async () => {
    const incident = await openWith('class');
    const ctx = await context(incident, { retentionMonths: 24, locale: 'en' });
    const overview = buildIncidentCards(ctx).find((c) => c.key === 'overview')!;
    const privacy = texts(overview).find((b) => b.text.includes('Do not name pupils'));
    expect(privacy?.text).toContain('kept for 24 months');
  });

  it('each step carries its own number on the poster', async () => {
    const incident = await openWith('class');
    const all = buildIncidentCards(await context(incident)).filter((c) => c.key !== 'now');
    const byKey = new Map(all.flatMap(steps).map((s) => [s.stepKey, s]));
    expect(byKey.get('attention-victim')?.poster).toBe('poster 1');
    expect(byKey.get('rest-period')?.poster).toBe('poster 15');
  });
});
