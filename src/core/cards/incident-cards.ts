import type { Card } from './card.types.js';
import type { CardContext } from './card-context.js';
import { buildNowCard } from './now.card.js';
import { buildOverviewCard } from './overview.card.js';
import { buildPhaseCard } from './phase.card.js';
import { buildTipsCard } from './tips.card.js';

/** Every card of an incident in posting order: "Nu eerst", overview, one per phase, tips. */
export function buildIncidentCards(ctx: CardContext): Card[] {
  return [
    buildNowCard(ctx),
    buildOverviewCard(ctx),
    ...ctx.playbook.phases.map((phase) => buildPhaseCard(ctx, phase.key)),
    buildTipsCard(ctx.playbook, ctx.locale, ctx.view.incident.id),
  ];
}
