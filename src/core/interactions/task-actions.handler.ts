import { ACTIONS, type ActionKind } from '../cards/action.table.js';
import { nameResolver } from '../cards/card-context.js';
import { DomainError } from '../errors/domain-error.js';
import type { ActionTask } from '../forms/form-tasks.js';
import { t } from '../i18n/catalogue.js';
import type { IncidentService } from '../incidents/incident.service.js';
import type { StepService } from '../incidents/step.service.js';
import type { Locale } from '../playbook/playbook.types.js';
import { formatIsoDate, shorten } from '../text/format.js';
import { scopeOf, unchangedOutcome } from './handler-outcome.js';
import type { ActionHandler, ActionRequest, HandlerOutcome } from './interaction.types.js';

export interface TaskDeps {
  incidents: IncidentService;
  steps: StepService;
}

/** "Taak maken" on the action list: a row gets an owner and a due date, or is marked done. */
export function taskActionHandlers(deps: TaskDeps): Array<[ActionKind, ActionHandler]> {
  return [['task', (request, locale) => setTask(deps, request, locale)]];
}

async function setTask(deps: TaskDeps, request: ActionRequest, locale: Locale): Promise<HandlerOutcome> {
  const stepKey = request.payload.stepKey;
  if (!stepKey) throw new DomainError('InvalidAction');
  const input = request.input?.task ?? { rowId: '', ownerId: '', due: '', done: false };
  const result = await deps.steps.setTask(
    { ...scopeOf(request), stepKey, requestId: request.requestId },
    input,
  );
  if (!result.changed) return unchangedOutcome(locale);
  const { task, created } = result.value;
  const view = await deps.incidents.view(request.payload.incidentId);
  const nameOf = nameResolver(view.members);
  const step = view.steps.find((candidate) => candidate.key === stepKey);
  const workspaceLocale = request.workspace.locale;
  const actor = nameOf(request.actor.userId);
  const timelineKey = task.done
    ? 'timeline.taskDone'
    : created
      ? ACTIONS.task.timeline
      : 'timeline.taskChanged';
  return {
    changed: true,
    message: t(locale, ACTIONS.task.feedback, { task: describeTask(task, nameOf, locale) }),
    phases: step ? [step.phaseKey] : [],
    timeline: t(workspaceLocale, timelineKey, {
      actor,
      task: describeTask(task, nameOf, workspaceLocale),
      what: shortWhat(task),
    }),
  };
}

/** "ouders bellen — Bas, vóór 4 dec 2026" */
function describeTask(task: ActionTask, nameOf: (userId: string) => string, locale: Locale): string {
  return `${shortWhat(task)} — ${nameOf(task.ownerId)}, ${t(locale, 'task.before', { date: formatIsoDate(task.due, locale) })}`;
}

function shortWhat(task: ActionTask): string {
  return shorten(task.what.replace(/\s+/g, ' '), 120);
}
