import { isMessageKey } from '../../core/i18n/catalogue.js';
import type { AuditEvent } from '../../core/incidents/incident.types.js';
import { FORM_KINDS, type FormKind } from '../../core/playbook/playbook.types.js';
import { REMINDER_KINDS, type ReminderKind } from '../reminders/reminder.types.js';
import type { DossierSection } from './dossier.types.js';
import { followUpLabel } from './dossier-aftercare.rules.js';
import type { DossierContext } from './dossier-context.rules.js';

/**
 * One readable line per audit event, oldest first: "di 12 nov 09:41 — Zoë de Vries pakte
 * ‘Bepaal omvang en impact’ op." Audit details hold ids and codes only, so a line can name
 * people, steps, forms and reminders, but never repeats free text — and a shared file is only
 * ever "bestand gedeeld", never its name.
 */
export function timelineLines(ctx: DossierContext): string[] {
  return ctx.input.audit.map((event) =>
    ctx.text('dossier.timeline.line', { time: ctx.moment(event.at, true), text: eventText(event, ctx) }),
  );
}

export function timelineSection(ctx: DossierContext): DossierSection {
  const lines = timelineLines(ctx);
  return {
    key: 'timeline',
    title: ctx.text('dossier.section.timeline'),
    blocks:
      lines.length > 0
        ? [{ kind: 'list', items: lines }]
        : [{ kind: 'paragraph', text: ctx.text('dossier.timeline.empty'), tone: 'muted' }],
    children: [],
  };
}

function eventText(event: AuditEvent, ctx: DossierContext): string {
  const details = event.details;
  const actor = ctx.nameOf(event.actorId, 'start');
  const user = (id: unknown) => ctx.nameOf(typeof id === 'string' ? id : null);
  const step = ctx.stepTitle(typeof details.step === 'string' ? details.step : null);
  // Read as a string: events written by a newer version (e.g. `dossier.generated`) still get a line.
  const action: string = event.action;
  switch (action) {
    case 'member.added':
      return details.user === event.actorId
        ? ctx.text('dossier.timeline.member.joined', { actor })
        : ctx.text('dossier.timeline.member.added', { actor, user: user(details.user) });
    case 'member.removed':
      return ctx.text('dossier.timeline.member.removed', { actor, user: user(details.user) });
    case 'incident.lead_transferred':
      return ctx.text('dossier.timeline.incident.lead_transferred', { actor, user: user(details.to) });
    case 'step.released':
      return typeof details.previousOwner === 'string' && details.previousOwner !== event.actorId
        ? ctx.text('dossier.timeline.step.releasedFrom', { actor, step, user: user(details.previousOwner) })
        : ctx.text('dossier.timeline.step.released', { actor, step });
    case 'step.assigned':
      return ctx.text('dossier.timeline.step.assigned', { actor, step, user: user(details.assignee) });
    case 'step.due_set': {
      const due = typeof details.dueAt === 'string' ? new Date(details.dueAt) : null;
      return due && !Number.isNaN(due.getTime())
        ? ctx.text('dossier.timeline.step.due_set', { actor, step, date: ctx.moment(due) })
        : ctx.text('dossier.timeline.step.due_cleared', { actor, step });
    }
    case 'note.added':
      return step
        ? ctx.text('dossier.timeline.note.added', { actor, step })
        : ctx.text('dossier.timeline.note.addedGeneral', { actor });
    case 'form.saved':
      return ctx.text('dossier.timeline.form.saved', { actor, step, form: formTitle(details.kind, ctx) });
    case 'form.task_set':
      // The task's own words stay out: the audit trail holds ids and dates only.
      return details.done === true
        ? ctx.text('dossier.timeline.form.task_done', { actor, step })
        : ctx.text('dossier.timeline.form.task_set', {
            actor,
            step,
            user: user(details.owner),
            date: typeof details.due === 'string' ? ctx.day(details.due) : '',
          });
    case 'reminder.done':
    case 'reminder.snoozed':
    case 'reminder.stopped':
      return ctx.text(`dossier.timeline.${action}`, {
        actor,
        reminder: reminderName(event, ctx),
        date: typeof details.until === 'string' ? ctx.day(details.until) : '',
      });
    default: {
      const key = `dossier.timeline.${action}`;
      return isMessageKey(key)
        ? ctx.text(key, { actor, step })
        : ctx.text('dossier.timeline.other', { actor, action });
    }
  }
}

function formTitle(kind: unknown, ctx: DossierContext): string {
  return FORM_KINDS.includes(kind as FormKind)
    ? ctx.text(`form.${kind as FormKind}.title`)
    : String(kind ?? '');
}

/** The reminder as its label says it; from the stored reminder when it is still there, else from the kind. */
function reminderName(event: AuditEvent, ctx: DossierContext): string {
  const stored = ctx.input.reminders.find((reminder) => reminder.id === event.details.reminder);
  if (stored) return followUpLabel(stored, ctx);
  const kind = event.details.kind;
  if (REMINDER_KINDS.includes(kind as ReminderKind)) {
    return followUpLabel({ kind: kind as ReminderKind, about: null, stepKey: null }, ctx);
  }
  return ctx.text('dossier.none');
}
