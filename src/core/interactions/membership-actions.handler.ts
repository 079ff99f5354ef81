import type { ActionKind } from '../cards/action.table.js';
import { ACTIONS } from '../cards/action.table.js';
import { nameResolver } from '../cards/card-context.js';
import { buildPersonalNoticeCard } from '../cards/personal-notice.card.js';
import { InvalidInputError } from '../errors/domain-error.js';
import { t } from '../i18n/catalogue.js';
import type { IncidentService } from '../incidents/incident.service.js';
import type { Incident, UserId, Workspace } from '../incidents/incident.types.js';
import type { Locale } from '../playbook/playbook.types.js';
import type { SpaceService } from '../spaces/space.service.js';
import { scopeOf, unchangedOutcome } from './handler-outcome.js';
import type { ActionHandler, ActionRequest, HandlerOutcome } from './interaction.types.js';

export interface MembershipDeps {
  incidents: IncidentService;
  spaces: SpaceService;
}

/**
 * The overview's "Collega toevoegen", "Collega verwijderen" and "Regie overdragen". The
 * incident changes first (in one transaction, audited); then the platform space follows, the
 * timeline says what happened, and the person concerned gets a personal message with a link.
 */
export function membershipActionHandlers(deps: MembershipDeps): Array<[ActionKind, ActionHandler]> {
  return [
    ['addMember', (request, locale) => addMember(deps, request, locale)],
    ['removeMember', (request, locale) => removeMember(deps, request, locale)],
    ['transferLead', (request, locale) => transferLead(deps, request, locale)],
  ];
}

async function addMember(
  deps: MembershipDeps,
  request: ActionRequest,
  locale: Locale,
): Promise<HandlerOutcome> {
  const colleagues = request.input?.colleagues ?? [];
  if (colleagues.length === 0) throw new InvalidInputError('colleagues', 'required');
  const result = await deps.incidents.addMembers(scopeOf(request), colleagues);
  if (!result.changed) return unchangedOutcome(locale);
  const added = result.value;
  const names = added.map((member) => member.displayName ?? member.userId).join(', ');
  const view = await deps.incidents.view(request.payload.incidentId);
  const actor = nameResolver(view.members)(request.actor.userId);
  const workspaceLocale = request.workspace.locale;
  return {
    changed: true,
    message: t(locale, ACTIONS.addMember.feedback, { names }),
    timeline: t(workspaceLocale, ACTIONS.addMember.timeline, { actor, names }),
    after: async () => {
      const { incident } = view;
      if (incident.spaceId) {
        await deps.spaces.gatewayOf(request.workspace).addMembers(
          incident.spaceId,
          added.map((member) => member.userId),
        );
      }
      for (const member of added) {
        await tellPersonally(deps, request.workspace, incident, member.userId, 'added', () =>
          t(workspaceLocale, 'personal.added', { actor, number: incident.number }),
        );
      }
    },
  };
}

async function removeMember(
  deps: MembershipDeps,
  request: ActionRequest,
  locale: Locale,
): Promise<HandlerOutcome> {
  const memberId = request.input?.memberId?.trim() ?? '';
  if (!memberId) throw new InvalidInputError('memberId', 'required');
  const before = await deps.incidents.view(request.payload.incidentId);
  const nameOf = nameResolver(before.members);
  const stepsTo = request.input?.stepsTo ?? 'release';
  const result = await deps.incidents.removeMember(scopeOf(request), memberId, stepsTo);
  if (!result.changed) return unchangedOutcome(locale);
  const moved = result.value;
  const name = nameOf(memberId);
  const actor = nameOf(request.actor.userId);
  const workspaceLocale = request.workspace.locale;
  const timeline =
    moved.length === 0
      ? t(workspaceLocale, ACTIONS.removeMember.timeline, { actor, name })
      : t(workspaceLocale, 'timeline.removeMemberSteps', {
          actor,
          name,
          count: moved.length,
          to:
            stepsTo === 'lead' ? nameOf(before.incident.leadId) : t(workspaceLocale, 'removal.everyoneElse'),
        });
  const phases = [...new Set(before.steps.filter((step) => moved.includes(step.key)).map((s) => s.phaseKey))];
  return {
    changed: true,
    message: t(locale, ACTIONS.removeMember.feedback, { name }),
    phases,
    timeline,
    after: async () => {
      const spaceId = before.incident.spaceId;
      const gateway = deps.spaces.gatewayOf(request.workspace);
      if (spaceId && gateway.removeMembers) await gateway.removeMembers(spaceId, [memberId]);
    },
  };
}

async function transferLead(
  deps: MembershipDeps,
  request: ActionRequest,
  locale: Locale,
): Promise<HandlerOutcome> {
  const newLead = request.input?.assigneeId?.trim() ?? '';
  if (!newLead) throw new InvalidInputError('assignee', 'required');
  const result = await deps.incidents.transferLead(scopeOf(request), newLead);
  if (!result.changed) return unchangedOutcome(locale);
  const view = await deps.incidents.view(request.payload.incidentId);
  const nameOf = nameResolver(view.members);
  const name = nameOf(newLead);
  const actor = nameOf(request.actor.userId);
  const workspaceLocale = request.workspace.locale;
  return {
    changed: true,
    message: t(locale, ACTIONS.transferLead.feedback, { name }),
    timeline: t(workspaceLocale, ACTIONS.transferLead.timeline, { actor, name }),
    after: () =>
      tellPersonally(deps, request.workspace, view.incident, newLead, 'lead', () =>
        t(workspaceLocale, 'personal.lead', { actor, number: view.incident.number }),
      ),
  };
}

/** A personal message with a link into the space; a failure is the caller's to report. */
export async function tellPersonally(
  deps: Pick<MembershipDeps, 'spaces'>,
  workspace: Workspace,
  incident: Incident,
  userId: UserId,
  key: string,
  text: () => string,
): Promise<void> {
  const gateway = deps.spaces.gatewayOf(workspace);
  const url =
    incident.spaceId && gateway.spaceLink
      ? await gateway.spaceLink(incident.spaceId).catch(() => null)
      : null;
  const card = buildPersonalNoticeCard(
    incident,
    text(),
    { intro: t(workspace.locale, 'personal.linkIntro'), url },
    key,
  );
  await gateway.sendDirect(userId, card);
}
