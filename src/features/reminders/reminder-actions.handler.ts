import type { ActionKind } from '../../core/cards/action-payload.js';
import { nameResolver } from '../../core/cards/card-context.js';
import { DomainError, InvalidInputError, NotAMemberError } from '../../core/errors/domain-error.js';
import { t } from '../../core/i18n/catalogue.js';
import { auditEvent } from '../../core/incidents/incident.access.js';
import { LIMITS } from '../../core/incidents/limits.js';
import { unchangedOutcome } from '../../core/interactions/handler-outcome.js';
import type {
  ActionHandler,
  ActionRequest,
  HandlerOutcome,
} from '../../core/interactions/interaction.types.js';
import type { Locale } from '../../core/playbook/playbook.types.js';
import type { Clock } from '../../core/ports/clock.js';
import type { IdGenerator } from '../../core/ports/ids.js';
import type { Store } from '../../core/ports/store.js';
import { formatIsoDate, shorten } from '../../core/text/format.js';
import { isoDateIn } from '../../core/time/zoned.js';
import { reminderLabel } from './reminder.card.js';
import type { ReminderStore } from './reminder.port.js';
import type { ReminderService } from './reminder.service.js';
import type { Reminder, ReminderState } from './reminder.types.js';
import { addDaysIso, schoolMorningOn, schoolTimeFor } from './school-time.rules.js';

export interface ReminderHandlerDeps {
  store: Store;
  reminders: ReminderStore;
  service: ReminderService;
  clock: Clock;
  ids: IdGenerator;
}

/** Days "Een week later" puts the reminder off. */
const SNOOZE_DAYS = 7;

/**
 * The buttons on a reminder: Gedaan (with a note), Een week later and Niet meer nodig. They are
 * clicked in a personal chat, so there is no space to check: the clicker must be a member of
 * the incident, or (for postponing and stopping their own reminder) the person reminded.
 */
export function reminderActionHandlers(deps: ReminderHandlerDeps): Array<[ActionKind, ActionHandler]> {
  return [
    ['reminderDone', (request, locale) => done(deps, request, locale)],
    ['reminderSnooze', (request, locale) => snooze(deps, request, locale)],
    ['reminderStop', (request, locale) => stop(deps, request, locale)],
  ];
}

interface Loaded {
  reminder: Reminder;
  state: ReminderState;
  actorName: string;
  /** Label in the workspace's language, for the timeline. */
  label: string;
}

async function load(deps: ReminderHandlerDeps, request: ActionRequest, kind: ActionKind): Promise<Loaded> {
  const id = request.payload.ref;
  if (!id) throw new DomainError('InvalidAction');
  const reminder = await deps.reminders.get(id);
  if (
    !reminder ||
    reminder.incidentId !== request.payload.incidentId ||
    reminder.workspaceId !== request.workspace.id
  ) {
    throw new DomainError('InvalidAction');
  }
  const state = await deps.reminders.loadState(reminder.incidentId);
  if (!state || state.incident.purgedAt) throw new DomainError('IncidentNotFound');
  const { userId } = request.actor;
  const isMember = state.members.some((member) => member.userId === userId);
  const isTarget = reminder.targetId === userId;
  // A note is written into the incident: only members may. Postponing or stopping one's own
  // reminder touches nothing else.
  if (!isMember && !(isTarget && kind !== 'reminderDone')) throw new NotAMemberError(userId);
  const names = nameResolver(state.members);
  return {
    reminder,
    state,
    actorName: isMember ? names(userId) : (request.actor.displayName ?? userId),
    label: reminderLabel(reminder, deps.service.textContext(state)),
  };
}

async function done(
  deps: ReminderHandlerDeps,
  request: ActionRequest,
  locale: Locale,
): Promise<HandlerOutcome> {
  const text = (request.input?.note ?? '').trim();
  if (text.length === 0) throw new InvalidInputError('note', 'required');
  if (text.length > LIMITS.note) throw new InvalidInputError('note', 'tooLong', { max: LIMITS.note });
  const { reminder, state, actorName, label } = await load(deps, request, 'reminderDone');
  const now = deps.clock.now();
  const { incident } = state;
  // The note goes into the incident: nothing changes once it is finished.
  if (incident.status === 'finished') {
    throw new DomainError('IncidentFinished', { incident: incident.number });
  }
  const actorId = request.actor.userId;
  // Once per delivery: a repeated click or platform retry stores the note once, while a
  // postponed reminder that comes back may be answered again.
  const deliveryKey = `done:${reminder.id}:${reminder.sentAt?.toISOString() ?? 'unsent'}`;
  const wrote = await deps.store.transaction(async (tx) => {
    if (!(await tx.requests.markProcessed(deliveryKey, 'reminder')).first) return false;
    await tx.notes.add({
      id: deps.ids.newId(),
      incidentId: incident.id,
      stepKey: reminder.stepKey,
      authorId: actorId,
      text,
      createdAt: now,
    });
    await tx.audit.append(auditEvent(incident, actorId, 'note.added', { step: reminder.stepKey }, now));
    await tx.audit.append(
      auditEvent(incident, actorId, 'reminder.done', { reminder: reminder.id, kind: reminder.kind }, now),
    );
    return true;
  });
  await deps.reminders.markDone(reminder.id, now);
  if (!wrote) return unchangedOutcome(locale);
  return {
    changed: true,
    message: t(locale, 'feedback.reminderDone'),
    phases: phaseOf(state, reminder.stepKey),
    timeline: t(state.workspace.locale, 'timeline.reminderDone', {
      actor: actorName,
      reminder: label,
      note: shorten(text, 300),
    }),
  };
}

async function snooze(
  deps: ReminderHandlerDeps,
  request: ActionRequest,
  locale: Locale,
): Promise<HandlerOutcome> {
  const { reminder, state, actorName, label } = await load(deps, request, 'reminderSnooze');
  const { incident, workspace } = state;
  // Finishing cancels every reminder; postponing must not bring one back. After closing, what the
  // schedule still wants (aftercare, the evaluation) may be postponed: `stillWanted` decides.
  if (incident.status === 'finished') {
    throw new DomainError('IncidentFinished', { incident: incident.number });
  }
  // A moment removed or moved in the form, or a step finished: nothing left to postpone.
  if (!deps.service.stillWanted(reminder, state)) throw new DomainError('InvalidAction');
  const now = deps.clock.now();
  const school = schoolTimeFor(workspace, deps.service.rules.school);
  const dueAt = schoolMorningOn(addDaysIso(isoDateIn(now, school.timeZone), SNOOZE_DAYS), school);
  const date = formatIsoDate(isoDateIn(dueAt, school.timeZone), locale);
  if (!(await deps.reminders.snooze(reminder.id, dueAt, now))) {
    const current = await deps.reminders.get(reminder.id);
    if (current?.outcome === 'stopped')
      return { changed: false, message: t(locale, 'feedback.reminderStop') };
    if (current?.status === 'pending' && current.dueAt.getTime() === dueAt.getTime()) {
      return { changed: false, message: t(locale, 'feedback.reminderSnooze', { date }) };
    }
    return unchangedOutcome(locale);
  }
  await deps.store.audit.append(
    auditEvent(
      incident,
      request.actor.userId,
      'reminder.snoozed',
      { reminder: reminder.id, kind: reminder.kind, until: isoDateIn(dueAt, school.timeZone) },
      now,
    ),
  );
  return {
    changed: true,
    message: t(locale, 'feedback.reminderSnooze', { date }),
    phases: [],
    timeline: t(workspace.locale, 'timeline.reminderSnooze', { actor: actorName, reminder: label }),
  };
}

async function stop(
  deps: ReminderHandlerDeps,
  request: ActionRequest,
  locale: Locale,
): Promise<HandlerOutcome> {
  const { reminder, state, actorName, label } = await load(deps, request, 'reminderStop');
  const now = deps.clock.now();
  if (!(await deps.reminders.stop(reminder.id, now))) {
    return { changed: false, message: t(locale, 'feedback.reminderStop') };
  }
  await deps.store.audit.append(
    auditEvent(
      state.incident,
      request.actor.userId,
      'reminder.stopped',
      { reminder: reminder.id, kind: reminder.kind },
      now,
    ),
  );
  return {
    changed: true,
    message: t(locale, 'feedback.reminderStop'),
    phases: [],
    timeline: t(state.workspace.locale, 'timeline.reminderStop', { actor: actorName, reminder: label }),
  };
}

function phaseOf(state: ReminderState, stepKey: string | null): string[] {
  const step = stepKey ? state.steps.find((candidate) => candidate.key === stepKey) : undefined;
  return step ? [step.phaseKey] : [];
}
