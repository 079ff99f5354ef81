import type { MessageKey } from '../../core/i18n/catalogue.js';
import { reminderLabel } from '../reminders/reminder.card.js';
import type { Reminder, ReminderKind } from '../reminders/reminder.types.js';
import type { DossierBlock, DossierSection } from './dossier.types.js';
import type { DossierContext } from './dossier-context.rules.js';

/** How an aftercare moment (or another follow-up reminder) stands. */
export type FollowUpState = 'planned' | 'done' | 'postponed' | 'cancelled' | 'waiting' | 'failed';

/** Still asks for someone's attention. */
const OPEN_STATES: ReadonlySet<FollowUpState> = new Set(['planned', 'postponed', 'waiting', 'failed']);

/**
 * Reminders that are part of the care after the incident. Overdue and nudge reminders are about
 * steps; the steps themselves show what is still open.
 */
const FOLLOW_UP_KINDS: ReadonlySet<ReminderKind> = new Set(['aftercare', 'rest_end', 'evaluation']);

/** What the person did decides first; otherwise where the delivery stands. */
export function followUpState(reminder: Reminder): FollowUpState {
  if (reminder.outcome === 'done') return 'done';
  if (reminder.outcome === 'stopped') return 'cancelled';
  switch (reminder.status) {
    case 'pending':
    case 'sending':
      return reminder.outcome === 'snoozed' ? 'postponed' : 'planned';
    case 'sent':
      return 'waiting';
    case 'failed':
      return 'failed';
    case 'cancelled':
      return 'cancelled';
  }
}

/** "Gedaan op di 12 nov 2026 09:41", "Uitgesteld tot …", "Geannuleerd: niet meer nodig", … */
export function followUpStateText(reminder: Reminder, ctx: DossierContext): string {
  const state = followUpState(reminder);
  switch (state) {
    case 'done': {
      const at = lastEventAt(ctx, 'reminder.done', reminder.id);
      return at
        ? ctx.text('dossier.aftercare.done', { date: ctx.moment(at) })
        : ctx.text('dossier.aftercare.doneUndated');
    }
    case 'postponed':
      return ctx.text('dossier.aftercare.postponed', { date: ctx.moment(reminder.dueAt) });
    case 'planned':
      return ctx.text(
        reminder.status === 'sending' ? 'dossier.aftercare.sending' : 'dossier.aftercare.planned',
      );
    case 'waiting':
      return ctx.text('dossier.aftercare.waiting', {
        date: ctx.moment(reminder.sentAt ?? reminder.updatedAt),
      });
    case 'failed':
      return ctx.text('dossier.aftercare.failed');
    case 'cancelled':
      return ctx.text(
        reminder.outcome === 'stopped' ? 'dossier.aftercare.stopped' : 'dossier.aftercare.cancelled',
      );
  }
}

/** The neutral name of a reminder ("nazorg voor het slachtoffer"); never a pupil's name. */
export function followUpLabel(reminder: Pick<Reminder, 'kind' | 'about' | 'stepKey'>, ctx: DossierContext) {
  const { input } = ctx;
  return reminderLabel(reminder as Reminder, {
    incident: input.incident,
    members: input.members,
    steps: input.steps,
    playbook: input.playbook,
    locale: input.locale,
    timeZone: input.timeZone,
  });
}

export function followUps(ctx: DossierContext): Reminder[] {
  return ctx.input.reminders
    .filter((reminder) => FOLLOW_UP_KINDS.has(reminder.kind))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime());
}

/** The aftercare section: every follow-up with its state, then what is still open. */
export function aftercareSection(ctx: DossierContext): DossierSection {
  const reminders = followUps(ctx);
  const blocks: DossierBlock[] = [];
  if (reminders.length === 0) {
    blocks.push({ kind: 'paragraph', text: ctx.text('dossier.aftercare.none'), tone: 'muted' });
  } else {
    const counts = { planned: 0, done: 0, postponed: 0, cancelled: 0, waiting: 0, failed: 0 };
    for (const reminder of reminders) counts[followUpState(reminder)] += 1;
    blocks.push({ kind: 'paragraph', text: ctx.text('dossier.aftercare.summary', counts) });
    blocks.push({
      kind: 'table',
      columns: (
        [
          'dossier.aftercare.what',
          'dossier.aftercare.due',
          'dossier.aftercare.target',
          'dossier.aftercare.state',
        ] as MessageKey[]
      ).map((key) => ctx.text(key)),
      rows: reminders.map((reminder) => [
        followUpLabel(reminder, ctx),
        ctx.moment(reminder.dueAt),
        ctx.nameOf(reminder.targetId),
        followUpStateText(reminder, ctx),
      ]),
    });
  }
  return {
    key: 'aftercare',
    title: ctx.text('dossier.section.aftercare'),
    blocks,
    children: [openFollowUpsSection(ctx, reminders)],
  };
}

function openFollowUpsSection(ctx: DossierContext, reminders: Reminder[]): DossierSection {
  const items = reminders
    .filter((reminder) => OPEN_STATES.has(followUpState(reminder)))
    .map((reminder) =>
      ctx.text('dossier.open.reminder', {
        reminder: followUpLabel(reminder, ctx),
        date: ctx.moment(reminder.dueAt),
        state: followUpStateText(reminder, ctx),
      }),
    );
  const steps = [...ctx.input.steps].sort((a, b) => a.position - b.position);
  for (const step of steps) {
    if (step.status !== 'open' && step.status !== 'claimed') continue;
    const status = ctx.text(`status.${step.status}`);
    items.push(
      ctx.text('dossier.open.step', {
        order: ctx.stepOrder(step.key) ?? step.position,
        title: ctx.stepTitle(step.key),
        status: step.ownerId ? `${status}: ${ctx.nameOf(step.ownerId)}` : status,
      }),
    );
  }
  const blocks: DossierBlock[] =
    items.length > 0
      ? [{ kind: 'list', items }]
      : [{ kind: 'paragraph', text: ctx.text('dossier.open.none'), tone: 'muted' }];
  return { key: 'open-follow-ups', title: ctx.text('dossier.section.openFollowUps'), blocks, children: [] };
}

/** When the audit trail last recorded this action on the reminder. */
function lastEventAt(ctx: DossierContext, action: string, reminderId: string): Date | null {
  let at: Date | null = null;
  for (const event of ctx.input.audit) {
    if (event.action === action && event.details.reminder === reminderId) at = event.at;
  }
  return at;
}
