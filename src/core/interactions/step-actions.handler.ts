import { ACTIONS, type ActionKind, STEP_ACTION_KINDS, type StepActionKind } from '../cards/action.table.js';
import { nameResolver } from '../cards/card-context.js';
import { DomainError, InvalidInputError } from '../errors/domain-error.js';
import { assertNotInPast, checkDate } from '../forms/form.validation.js';
import { localized, t } from '../i18n/catalogue.js';
import type { IncidentService } from '../incidents/incident.service.js';
import type { StepService } from '../incidents/step.service.js';
import type { StepAction } from '../incidents/step.transitions.js';
import { findStep, type PlaybookRegistry } from '../playbook/playbook.registry.js';
import type { Locale } from '../playbook/playbook.types.js';
import type { Clock } from '../ports/clock.js';
import type { SpaceService } from '../spaces/space.service.js';
import { formatIsoDate } from '../text/format.js';
import { instantAt, isoDateIn } from '../time/zoned.js';
import { unchangedOutcome } from './handler-outcome.js';
import type { ActionHandler, ActionRequest, HandlerOutcome } from './interaction.types.js';
import { tellPersonally } from './membership-actions.handler.js';

export interface StepHandlerDeps {
  clock: Clock;
  incidents: IncidentService;
  steps: StepService;
  playbooks: PlaybookRegistry;
  /** For the personal message to a colleague who was given a step. */
  spaces?: SpaceService;
  /** Hour (local time) a step is due on its due date. */
  dueHour?: number;
}

/** Handlers for every button on a phase card. */
export function stepActionHandlers(deps: StepHandlerDeps): Array<[ActionKind, ActionHandler]> {
  const handlers: Array<[ActionKind, ActionHandler]> = STEP_ACTION_KINDS.map((kind) => [
    kind,
    (request, locale) => stepAction(deps, kind, request, locale),
  ]);
  handlers.push(['note', (request, locale) => addNote(deps, request, locale)]);
  handlers.push(['form', (request, locale) => saveForm(deps, request, locale)]);
  return handlers;
}

async function stepAction(
  deps: StepHandlerDeps,
  kind: StepActionKind,
  request: ActionRequest,
  locale: Locale,
): Promise<HandlerOutcome> {
  const stepKey = requireStepKey(request);
  const action = toStepAction(kind, request, deps.dueHour ?? 17, deps.clock.now());
  const result = await deps.steps.act(
    {
      incidentId: request.payload.incidentId,
      stepKey,
      actor: request.actor,
      spaceId: request.spaceId,
      requestId: request.requestId,
    },
    action,
  );
  const { incident, step, members, finishedNow } = result.value;
  if (!result.changed) return unchangedOutcome(locale);
  const nameOf = nameResolver(members);
  const stepTitle = titleOf(deps, incident.playbookKey, incident.playbookVersion, stepKey, locale);
  const workspaceLocale = request.workspace.locale;
  const params = {
    step: stepTitle,
    actor: nameOf(request.actor.userId),
    assignee: action.kind === 'assign' ? nameOf(action.assigneeId) : '',
    // The timeline says what the deadline became, as a date in the school's time zone.
    date:
      action.kind === 'setDue' && action.dueAt
        ? formatIsoDate(isoDateIn(action.dueAt, request.workspace.timezone), workspaceLocale)
        : '',
  };
  const assignedTo =
    action.kind === 'assign' && action.assigneeId !== request.actor.userId ? action.assigneeId : null;
  return {
    changed: true,
    message: finishedNow
      ? `${t(locale, ACTIONS[kind].feedback, params)} ${t(locale, 'feedback.finished', { incident: incident.number })}`
      : t(locale, ACTIONS[kind].feedback, params),
    phases: finishedNow ? 'all' : [step.phaseKey],
    ...(assignedTo && deps.spaces
      ? {
          after: () =>
            tellPersonally(
              { spaces: deps.spaces as SpaceService },
              request.workspace,
              incident,
              assignedTo,
              `assigned:${stepKey}`,
              () =>
                t(workspaceLocale, 'personal.assigned', {
                  actor: params.actor,
                  step: titleOf(
                    deps,
                    incident.playbookKey,
                    incident.playbookVersion,
                    stepKey,
                    workspaceLocale,
                  ),
                  number: incident.number,
                }),
            ),
        }
      : {}),
    timeline: [
      t(
        workspaceLocale,
        action.kind === 'setDue' && !action.dueAt ? 'timeline.clearDue' : ACTIONS[kind].timeline,
        {
          ...params,
          step: titleOf(deps, incident.playbookKey, incident.playbookVersion, stepKey, workspaceLocale),
        },
      ),
      // The last evaluation or aftercare step of a closed incident: it is finished now.
      ...(finishedNow ? [t(workspaceLocale, 'timeline.finishedBySteps', { incident: incident.number })] : []),
    ].join('\n'),
  };
}

async function addNote(
  deps: StepHandlerDeps,
  request: ActionRequest,
  locale: Locale,
): Promise<HandlerOutcome> {
  const stepKey = request.payload.stepKey ?? null;
  const result = await deps.steps.addNote(
    {
      incidentId: request.payload.incidentId,
      stepKey,
      actor: request.actor,
      spaceId: request.spaceId,
      requestId: request.requestId,
    },
    request.input?.note ?? '',
  );
  if (!result.changed) return unchangedOutcome(locale);
  const view = await deps.incidents.view(request.payload.incidentId);
  const step = stepKey ? view.steps.find((candidate) => candidate.key === stepKey) : undefined;
  return {
    changed: true,
    message: t(locale, 'feedback.note'),
    phases: step ? [step.phaseKey] : [],
    // Which step the note is on; the note itself stays in the incident's cards.
    timeline: step
      ? t(request.workspace.locale, 'timeline.noteOnStep', {
          actor: nameResolver(view.members)(request.actor.userId),
          step: titleOf(
            deps,
            view.incident.playbookKey,
            view.incident.playbookVersion,
            step.key,
            request.workspace.locale,
          ),
        })
      : t(request.workspace.locale, 'timeline.note', {
          actor: nameResolver(view.members)(request.actor.userId),
        }),
  };
}

async function saveForm(
  deps: StepHandlerDeps,
  request: ActionRequest,
  locale: Locale,
): Promise<HandlerOutcome> {
  const stepKey = requireStepKey(request);
  const result = await deps.steps.saveForm(
    {
      incidentId: request.payload.incidentId,
      stepKey,
      actor: request.actor,
      spaceId: request.spaceId,
      requestId: request.requestId,
    },
    request.input?.form ?? {},
  );
  const view = await deps.incidents.view(request.payload.incidentId);
  const { incident } = view;
  const step = view.steps.find((candidate) => candidate.key === stepKey);
  const stepTitle = titleOf(deps, incident.playbookKey, incident.playbookVersion, stepKey, locale);
  if (!result.changed) return unchangedOutcome(locale);
  return {
    changed: true,
    message: t(locale, 'feedback.form', { step: stepTitle }),
    phases: step ? [step.phaseKey] : [],
    timeline: t(request.workspace.locale, 'timeline.form', {
      actor: nameResolver(view.members)(request.actor.userId),
      step: titleOf(deps, incident.playbookKey, incident.playbookVersion, stepKey, request.workspace.locale),
    }),
  };
}

function toStepAction(kind: StepActionKind, request: ActionRequest, dueHour: number, now: Date): StepAction {
  const input = request.input ?? {};
  switch (kind) {
    case 'claim':
    case 'release':
    case 'done':
    case 'reopen':
      return { kind };
    case 'notApplicable':
      return { kind, reason: input.reason ?? '' };
    case 'assign':
      if (!input.assigneeId) throw new InvalidInputError('assignee', 'required');
      return { kind, assigneeId: input.assigneeId };
    case 'setDue': {
      const date = input.dueDate?.trim() ?? '';
      if (date === '') return { kind, dueAt: null };
      checkDate('dueAt', date);
      // The same rule as the aftercare form: a deadline before today is refused.
      const timeZone = request.workspace.timezone;
      assertNotInPast('dueAt', date, isoDateIn(now, timeZone));
      return { kind, dueAt: instantAt(date, dueHour, 0, timeZone) };
    }
  }
}

function requireStepKey(request: ActionRequest): string {
  if (!request.payload.stepKey) throw new DomainError('InvalidAction');
  return request.payload.stepKey;
}

function titleOf(
  deps: StepHandlerDeps,
  key: string,
  version: number,
  stepKey: string,
  locale: Locale,
): string {
  const definition = findStep(deps.playbooks.get(key, version), stepKey);
  return definition ? localized(definition.step.title, locale) : stepKey;
}
