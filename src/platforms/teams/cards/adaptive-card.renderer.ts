import type { Card, CardBlock, StepBlock } from '../../../core/cards/card.types.js';
import { t } from '../../../core/i18n/catalogue.js';
import { renderAction } from './action.renderer.js';
import {
  type AcElement,
  type AdaptiveCardJson,
  byteSize,
  CARD_BYTE_LIMIT,
  card,
  cardMarker,
  type RenderContext,
} from './adaptive.types.js';
import { container, labelled, line, paragraph, run } from './elements.js';
import { inert } from './inert-text.js';
import { type PersonalViews, personalViews } from './personal-views.js';

/**
 * How much a card may show. Level 0 is everything; each next level gives up something so that
 * any card fits Teams' size limit: guidance first, then inline inputs, then long lines.
 */
interface Level {
  guidance: boolean;
  inlineInputs: boolean;
  lineMax: number;
}

const LEVELS: Level[] = [
  { guidance: true, inlineInputs: true, lineMax: 600 },
  { guidance: false, inlineInputs: true, lineMax: 300 },
  { guidance: false, inlineInputs: false, lineMax: 200 },
  { guidance: false, inlineInputs: false, lineMax: 80 },
];

export interface RenderExtras {
  /**
   * A sentence for the person who clicked, on their copy of the card: inside the step they
   * clicked (`stepKey`), where they are looking, else on top.
   */
  banner?: { text: string; tone: 'good' | 'attention'; stepKey?: string };
}

/**
 * The neutral card as an Adaptive Card 1.5. Pure: the same card and context give the same JSON.
 * All text goes into TextRuns (literal), and the result is always under CARD_BYTE_LIMIT.
 */
export function toAdaptiveCard(
  source: Card,
  ctx: RenderContext,
  extras: RenderExtras = {},
): AdaptiveCardJson {
  for (const level of LEVELS) {
    const rendered = render(source, ctx, extras, level);
    if (byteSize(rendered) <= CARD_BYTE_LIMIT) return rendered;
  }
  // Still too big (a playbook with very many steps): the header and a pointer to the status command.
  const header = source.blocks.find((block) => block.type === 'header');
  return card(
    [
      line(header?.type === 'header' ? header.text : source.fallback, { strong: true, size: 'medium' }),
      line(t(ctx.locale, 'teams.cardTooLarge'), { tone: 'attention' }),
    ],
    { fallbackText: inert(source.fallback, 200), msteams: { width: 'Full' } },
  );
}

function render(source: Card, ctx: RenderContext, extras: RenderExtras, level: Level): AdaptiveCardJson {
  const body: AcElement[] = [];
  const personal = personalViews(source, ctx);
  const banner = extras.banner
    ? container([line(extras.banner.text, { strong: true })], { style: extras.banner.tone })
    : null;
  const bannerStep = source.blocks.some(
    (block) => block.type === 'step' && block.stepKey === extras.banner?.stepKey,
  )
    ? extras.banner?.stepKey
    : undefined;
  if (banner && !bannerStep) body.push(banner);
  let separateNext = false;
  let stepIndex = 0;
  for (const block of source.blocks) {
    if (block.type === 'divider') {
      separateNext = true;
      continue;
    }
    const elements =
      block.type === 'step'
        ? renderStep(
            block,
            ctx,
            personal,
            level,
            `s${stepIndex++}`,
            block.stepKey === bannerStep ? banner : null,
          )
        : renderBlock(block, ctx, personal, level);
    if (separateNext && elements[0]) {
      elements[0] = { ...elements[0], separator: true, spacing: 'medium' };
      separateNext = false;
    }
    body.push(...elements);
  }
  if (ctx.incidentId && body[0]) body[0] = { ...body[0], id: cardMarker(ctx.incidentId, source.key) };
  return card(body, {
    fallbackText: inert(source.fallback, 200),
    msteams: { width: 'Full' },
    ...(personal.refresh ? { refresh: personal.refresh } : {}),
  });
}

function renderBlock(
  block: Exclude<CardBlock, StepBlock>,
  ctx: RenderContext,
  personal: PersonalViews,
  level: Level,
): AcElement[] {
  const max = level.lineMax;
  switch (block.type) {
    case 'header':
      return [line(block.text, { strong: true, size: 'large' }, {}, 200)];
    case 'text': {
      const text = line(block.text, { tone: block.tone, strong: block.strong }, {}, Math.max(max, 400));
      if (block.tone === 'warning' || block.tone === 'attention') {
        return [container([text], { style: block.tone === 'warning' ? 'warning' : 'attention' })];
      }
      return [text];
    }
    case 'facts':
      return [container(block.facts.map((fact) => labelled(fact.label, fact.value)))];
    case 'progress':
      return [
        line(block.title, { strong: true }, { spacing: 'medium' }),
        ...block.rows.map((row) =>
          labelled(
            row.label,
            t(ctx.locale, 'overview.progressLine', {
              done: row.done,
              na: row.notApplicable,
              claimed: row.claimed,
              open: row.open,
            }),
          ),
        ),
      ];
    case 'list':
      return [
        ...(block.title ? [line(block.title, { strong: true }, { spacing: 'medium' })] : []),
        ...block.items.map((item) => line(`• ${item}`, {}, { spacing: 'none' }, max)),
      ];
    case 'links':
      return [
        ...(block.title ? [line(block.title, { strong: true }, { spacing: 'medium' })] : []),
        ...block.links.map((link) => {
          const lead = link.lead ? [run(`${link.lead} `, { strong: true }, 200)] : [];
          const label = run(link.label, { strong: !link.lead }, 200);
          const detail = link.detail ? [run(` · ${link.detail}`, { tone: 'muted' }, 300)] : [];
          const linked = safeUrl(link.url) ? { ...label, selectAction: openUrl(link.url) } : label;
          return paragraph([...lead, linked, ...detail], { spacing: 'small' });
        }),
      ];
    case 'spaceLink': {
      const runs = [run(`${block.text} `, {}, 300), run(block.label, { strong: true }, 200)];
      const element = paragraph(runs, { spacing: 'small' });
      return block.url && safeUrl(block.url)
        ? [{ ...element, inlines: [runs[0], { ...runs[1], selectAction: openUrl(block.url) }] }]
        : [element];
    }
    case 'actions': {
      const actions = block.actions.filter(personal.offers).map((a, i) => renderAction(a, ctx, `a${i}`));
      return actionSets(actions);
    }
    case 'menu': {
      // An action whose input cannot be shown here (no colleagues known) is left out, not offered broken.
      const actions = block.actions
        .filter(personal.offers)
        .filter((action) => action.input !== 'colleagues' || (ctx.colleagues ?? []).length > 0)
        .map((action, i) => renderAction(action, ctx, `m${i}`));
      if (actions.length === 0) return [];
      return [
        {
          type: 'ActionSet',
          actions: [
            {
              type: 'Action.ShowCard',
              title: inert(block.label, 75),
              card: card(actionSets(actions)),
            },
          ],
        },
      ];
    }
    default:
      return [];
  }
}

function renderStep(
  step: StepBlock,
  ctx: RenderContext,
  personal: PersonalViews,
  level: Level,
  prefix: string,
  banner: AcElement | null,
): AcElement[] {
  const items: AcElement[] = [
    ...(banner ? [banner] : []),
    paragraph([
      run(step.title, { strong: true }, 200),
      run(`  ·  ${step.statusLabel}`, { tone: statusTone(step) }),
      ...(step.poster ? [run(`  ·  ${step.poster}`, { tone: 'muted' }, 40)] : []),
    ]),
  ];
  if (level.guidance) {
    for (const guidance of step.guidance)
      items.push(line(guidance, { tone: 'muted' }, { spacing: 'none' }, 400));
  }
  // A web address in the step (www.meldknop.nl) is a link whose text is the address itself.
  for (const entry of step.links ?? []) {
    const label = run(entry.label, {}, 200);
    items.push(
      paragraph([safeUrl(entry.url) ? { ...label, selectAction: openUrl(entry.url) } : label], {
        spacing: 'none',
      }),
    );
  }
  for (const detail of step.details) items.push(line(detail, {}, { spacing: 'none' }, level.lineMax));
  const actions = step.actions
    .filter(personal.offers)
    .map((action, i) => renderAction(action, ctx, `${prefix}a${i}`, level.inlineInputs));
  const menu = step.menu.filter(personal.offers);
  if (menu.length > 0) {
    actions.push({
      type: 'Action.ShowCard',
      title: t(ctx.locale, 'action.more'),
      card: card(
        actionSets(menu.map((action, i) => renderAction(action, ctx, `${prefix}m${i}`, level.inlineInputs))),
      ),
    });
  }
  items.push(...actionSets(actions));
  return [container(items, { separator: true, spacing: 'medium' })];
}

/**
 * Buttons in rows of at most MAX_ACTIONS: a client shows only so many of one set and silently
 * drops the rest (the Adaptive Cards renderer's default host config: 5; Teams shows about 6, a
 * limit it does not document).
 */
export function actionSets(actions: AcElement[]): AcElement[] {
  const sets: AcElement[] = [];
  for (let i = 0; i < actions.length; i += MAX_ACTIONS) {
    sets.push({ type: 'ActionSet', actions: actions.slice(i, i + MAX_ACTIONS), spacing: 'small' });
  }
  return sets;
}

const MAX_ACTIONS = 5;

function statusTone(step: StepBlock) {
  if (step.status === 'done') return 'good' as const;
  if (step.status === 'claimed') return 'warning' as const;
  return 'muted' as const;
}

function safeUrl(url: string): boolean {
  return /^https:\/\/[^\s"<>]+$/i.test(url) || /^tel:\+?[\d\s-]+$/i.test(url);
}

function openUrl(url: string): AcElement {
  return { type: 'Action.OpenUrl', url };
}
