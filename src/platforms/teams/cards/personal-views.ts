import type { Card, CardAction } from '../../../core/cards/card.types.js';
import { encodeActionData } from './action-data.codec.js';
import { type AcElement, type RenderContext, VERBS } from './adaptive.types.js';

/**
 * Teams shows a personal copy of a card to at most 60 people, those named in its refresh
 * (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/user-specific-views).
 */
export const MAX_PERSONAL_VIEWS = 60;

export interface PersonalViews {
  /** Whether this copy of the card offers the button. */
  offers(action: CardAction): boolean;
  /** The refresh that gets the people a limited button is meant for their own copy. */
  refresh?: { action: AcElement; userIds: string[] };
}

/**
 * Buttons only some people may use (a claimed step: its owner and the lead). A copy for one
 * person (an invoke answer or their refresh) offers them to that person's audience only. The
 * copy everyone sees offers them to nobody, and names each person of an audience in its refresh
 * so Teams asks the bot for their own copy when it shows them the card (`stappenplan.card`).
 * When Teams cannot do that for everyone (a person whose Teams id is unknown, more than 60), the
 * buttons stay for all and the core refuses the others, as on Slack.
 */
export function personalViews(source: Card, ctx: RenderContext): PersonalViews {
  const audience = new Set<string>();
  for (const action of cardActions(source)) for (const userId of action.audience ?? []) audience.add(userId);
  const mris = [...audience].map((userId) => ctx.teamsIds?.[userId]);
  const possible =
    audience.size > 0 &&
    !!source.incidentId &&
    mris.length <= MAX_PERSONAL_VIEWS &&
    mris.every((mri): mri is string => !!mri);
  if (!possible) return { offers: () => true };
  const viewer = ctx.viewer;
  return {
    offers: (action) => !action.audience || (viewer !== undefined && action.audience.includes(viewer)),
    refresh: {
      action: {
        type: 'Action.Execute',
        title: 'Refresh',
        verb: VERBS.cardView,
        data: encodeActionData({ incidentId: source.incidentId }),
      },
      userIds: mris as string[],
    },
  };
}

function cardActions(source: Card): CardAction[] {
  return source.blocks.flatMap((block) => {
    if (block.type === 'step') return [...block.actions, ...block.menu];
    if (block.type === 'actions' || block.type === 'menu') return block.actions;
    return [];
  });
}
