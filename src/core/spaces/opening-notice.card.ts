import { ACTIONS } from '../cards/action.table.js';
import type { Card, CardBlock } from '../cards/card.types.js';
import { t } from '../i18n/catalogue.js';
import type { Incident } from '../incidents/incident.types.js';
import type { Locale } from '../playbook/playbook.types.js';
import type { OpeningProblem } from '../ports/store.js';

/** What the requester's confirmation says: the truth at this moment, nothing ahead of it. */
export type OpeningState =
  | { kind: 'opening' }
  | { kind: 'opened'; url: string | null }
  | { kind: 'problem'; problem: OpeningProblem };

/** The link to the incident's space, once it has one; the opening notice and the reminders show it. */
export function spaceLinkBlocks(
  incident: Pick<Incident, 'number' | 'spaceId'>,
  locale: Locale,
  url: string | null,
): CardBlock[] {
  if (!incident.spaceId) return [];
  return [
    {
      type: 'spaceLink',
      text: t(locale, 'opening.linkIntro'),
      label: t(locale, 'opening.linkLabel', { number: incident.number }),
      spaceId: incident.spaceId,
      url,
    },
  ];
}

/** Problems that need a person to act somewhere else, not a retry here. */
const WAITING = new Set(['waiting_for_app']);

/** The sentence for an opening problem, in the requester's language. */
export function openingProblemText(problem: OpeningProblem, locale: Locale): string {
  switch (problem.code) {
    case 'missing_permission':
    case 'missing_scope':
      return t(locale, 'opening.problem.missingPermission', { permission: problem.detail ?? '?' });
    case 'not_in_conversation':
    case 'not_in_channel':
    case 'not_found':
      return t(locale, 'opening.problem.notInConversation');
    case 'waiting_for_app':
      return t(locale, 'opening.problem.waitingForApp');
    case 'app_not_in_catalog':
      return t(locale, 'opening.problem.appNotInCatalog');
    case 'rate_limited':
    case 'unavailable':
    case 'timeout':
      return t(locale, 'opening.problem.busy');
    default:
      return t(locale, 'opening.problem.unknown');
  }
}

/**
 * The requester's confirmation after **Open**: "wordt geopend…" until the space and its cards
 * exist, then a link into the space, or the reason it failed with **Probeer opnieuw**, which
 * resumes the same incident. It names the incident by number only.
 */
export function buildOpeningNoticeCard(
  incident: Pick<Incident, 'id' | 'number' | 'spaceId'>,
  state: OpeningState,
  locale: Locale,
): Card {
  const number = incident.number;
  const blocks: CardBlock[] = [];
  let fallback: string;
  switch (state.kind) {
    case 'opening':
      fallback = t(locale, 'opening.pending', { number });
      blocks.push({ type: 'text', text: fallback, strong: true });
      blocks.push({ type: 'text', text: t(locale, 'opening.pendingDetail'), tone: 'muted' });
      break;
    case 'opened':
      fallback = t(locale, 'opening.done', { number });
      blocks.push({ type: 'text', text: fallback, strong: true, tone: 'good' });
      blocks.push(...spaceLinkBlocks(incident, locale, state.url));
      break;
    case 'problem': {
      const waiting = WAITING.has(state.problem.code);
      fallback = t(locale, waiting ? 'opening.waiting' : 'opening.failed', { number });
      blocks.push({ type: 'text', text: fallback, strong: true, tone: waiting ? 'warning' : 'attention' });
      blocks.push({ type: 'text', text: openingProblemText(state.problem, locale) });
      blocks.push({ type: 'text', text: t(locale, 'opening.kept'), tone: 'muted' });
      blocks.push({
        type: 'actions',
        actions: [
          {
            label: t(locale, ACTIONS.retryOpening.label),
            style: 'primary',
            payload: { incidentId: incident.id, kind: 'retryOpening' },
          },
        ],
      });
      break;
    }
  }
  return { key: `notice:${incident.id}`, incidentId: incident.id, fallback, blocks };
}
