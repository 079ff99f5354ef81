import type { ActionKind } from '../cards/action.table.js';
import { nameResolver } from '../cards/card-context.js';
import { t } from '../i18n/catalogue.js';
import type { IncidentService } from '../incidents/incident.service.js';
import type { Locale } from '../playbook/playbook.types.js';
import type { SpaceService } from '../spaces/space.service.js';
import { shorten } from '../text/format.js';
import { scopeOf } from './handler-outcome.js';
import type { ActionHandler, ActionRequest, HandlerOutcome } from './interaction.types.js';

export interface LifecycleDeps {
  incidents: IncidentService;
  spaces: SpaceService;
}

/**
 * Closing (the acute phase ends; evaluation and aftercare go on), "Afronden" (the lead ends
 * evaluation and aftercare with a reason) and "Heropenen" (the lead takes a finished incident
 * back into evaluation and aftercare, with a reason). Each redraws every card.
 */
export function lifecycleActionHandlers(deps: LifecycleDeps): Array<[ActionKind, ActionHandler]> {
  return [
    ['close', (request, locale) => close(deps, request, locale)],
    ['finish', (request, locale) => withReason(deps, request, locale, 'finish')],
    ['reopenIncident', (request, locale) => withReason(deps, request, locale, 'reopen')],
  ];
}

async function close(deps: LifecycleDeps, request: ActionRequest, locale: Locale): Promise<HandlerOutcome> {
  const result = await deps.incidents.close(scopeOf(request));
  const incident = result.value;
  const key = incident.status === 'finished' ? 'feedback.closedFinished' : 'feedback.closed';
  const message = t(locale, key, { incident: incident.number });
  if (!result.changed) return { changed: false, message };
  const spaceId = incident.spaceId;
  // Only a finished incident's space is archived: evaluation and aftercare are worked on in it.
  const archive = request.input?.archive === true && incident.status === 'finished';
  const workspace = request.workspace;
  return {
    changed: true,
    message,
    phases: 'all',
    timeline: t(workspace.locale, key, { incident: incident.number }),
    ...(spaceId
      ? {
          after: async () => {
            const gateway = deps.spaces.gatewayOf(workspace);
            await gateway.markSpaceClosed?.(spaceId, {
              number: incident.number,
              closedLabel: t(workspace.locale, 'space.closedLabel'),
            });
            if (archive) await gateway.archiveSpace?.(spaceId);
          },
        }
      : {}),
  };
}

/** "Afronden" and "Heropenen": the lead changes the incident's stage with a reason for the timeline. */
async function withReason(
  deps: LifecycleDeps,
  request: ActionRequest,
  locale: Locale,
  kind: 'finish' | 'reopen',
): Promise<HandlerOutcome> {
  const reason = request.input?.reason ?? '';
  const result = await deps.incidents[kind](scopeOf(request), reason);
  const incident = result.value;
  const keys =
    kind === 'finish'
      ? (['feedback.finished', 'timeline.finished'] as const)
      : (['feedback.reopened', 'timeline.reopened'] as const);
  const message = t(locale, keys[0], { incident: incident.number });
  if (!result.changed) return { changed: false, message };
  const members = await deps.incidents.members(incident.id);
  return {
    changed: true,
    message,
    phases: 'all',
    timeline: t(request.workspace.locale, keys[1], {
      actor: nameResolver(members)(request.actor.userId),
      incident: incident.number,
      reason: shorten(reason.trim(), 300),
    }),
  };
}
