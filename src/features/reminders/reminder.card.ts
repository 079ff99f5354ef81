import { ACTIONS, type ActionKind, type ActionSpec } from '../../core/cards/action.table.js';
import type { Card, CardAction, CardBlock } from '../../core/cards/card.types.js';
import { nameResolver } from '../../core/cards/card-context.js';
import { tasksOf } from '../../core/forms/form-tasks.js';
import { isMessageKey, localized, type MessageKey, t } from '../../core/i18n/catalogue.js';
import type { FormAnswer, Incident, Member, Step } from '../../core/incidents/incident.types.js';
import { findStep } from '../../core/playbook/playbook.registry.js';
import type { Locale, Playbook } from '../../core/playbook/playbook.types.js';
import { spaceLinkBlocks } from '../../core/spaces/opening-notice.card.js';
import { formatIsoDate, shorten } from '../../core/text/format.js';
import { isoDateIn } from '../../core/time/zoned.js';
import type { Reminder, ReminderKind } from './reminder.types.js';

/** What every reminder text needs besides the reminder itself. */
export interface ReminderTextContext {
  incident: Incident;
  members: Member[];
  steps: Step[];
  /** The forms' answers, where the text needs one (a task's "what"). */
  forms?: FormAnswer[];
  playbook: Playbook;
  locale: Locale;
  timeZone: string;
  /** Where the incident's space opens (Teams); Slack links by the channel id. */
  spaceUrl?: string | null;
}

/** The subject of an aftercare moment in neutral words ("het slachtoffer"), never a name. */
export function aboutLabel(about: string | null, locale: Locale): string {
  const key = `option.about.${about ?? 'everyone'}`;
  const label = t(locale, isMessageKey(key) ? key : 'option.about.everyone');
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** A short name for the reminder, used on the timeline and the overview ("nazorg voor de klas"). */
export function reminderLabel(reminder: Reminder, ctx: ReminderTextContext): string {
  return t(ctx.locale, LABEL_KEYS[reminder.kind], {
    about: aboutLabel(reminder.about, ctx.locale),
    step: stepTitle(reminder.stepKey, ctx),
  });
}

export function stepTitle(stepKey: string | null, ctx: Pick<ReminderTextContext, 'playbook' | 'locale'>) {
  if (!stepKey) return '';
  const definition = findStep(ctx.playbook, stepKey);
  return definition ? localized(definition.step.title, ctx.locale) : stepKey;
}

const BUTTONS: ReadonlyArray<[ActionKind, CardAction['style']]> = [
  ['reminderDone', 'primary'],
  ['reminderSnooze', undefined],
  ['reminderStop', undefined],
];

const LABEL_KEYS: Record<ReminderKind, MessageKey> = {
  aftercare: 'reminder.label.aftercare',
  rest_end: 'reminder.label.rest_end',
  overdue: 'reminder.label.overdue',
  nudge: 'reminder.label.nudge',
  evaluation: 'reminder.label.evaluation',
  task: 'reminder.label.task',
};

/**
 * The personal message for an aftercare moment, the end of a rest period, an overdue step or
 * the evaluation. It names the incident by number only (its title may hint at a pupil) and
 * says about whom in neutral words.
 */
export function buildReminderCard(reminder: Reminder, ctx: ReminderTextContext): Card {
  const { incident, locale, timeZone } = ctx;
  const number = incident.number;
  const dueDate = formatIsoDate(isoDateIn(reminder.dueAt, timeZone), locale);
  const blocks: CardBlock[] = [];
  let title: string;
  switch (reminder.kind) {
    case 'aftercare':
      title = t(locale, 'reminder.aftercare.title', { number });
      blocks.push(
        { type: 'header', text: title },
        {
          type: 'text',
          text: t(locale, 'reminder.aftercare.intro', { about: aboutLabel(reminder.about, locale) }),
        },
        { type: 'text', text: t(locale, 'reminder.questions'), strong: true },
      );
      break;
    case 'rest_end':
      title = t(locale, 'reminder.restEnd.title', { number });
      blocks.push(
        { type: 'header', text: title },
        { type: 'text', text: t(locale, 'reminder.restEnd.intro', { date: dueDate }) },
        { type: 'text', text: t(locale, 'reminder.questions'), strong: true },
      );
      break;
    case 'evaluation': {
      title = t(locale, 'reminder.evaluation.title', { number });
      const closed = incident.closedAt ? formatIsoDate(isoDateIn(incident.closedAt, timeZone), locale) : '';
      blocks.push(
        { type: 'header', text: title },
        { type: 'text', text: t(locale, 'reminder.evaluation.intro', { number, date: closed }) },
      );
      break;
    }
    case 'task': {
      title = t(locale, 'reminder.task.title', { number });
      const form = ctx.forms?.find((answer) => answer.stepKey === reminder.stepKey);
      const task = tasksOf(form?.data).find((candidate) => candidate.rowId === reminder.ref);
      const what = shorten((task?.what ?? stepTitle(reminder.stepKey, ctx)).replace(/\s+/g, ' '), 200);
      const date = task ? formatIsoDate(task.due, locale) : dueDate;
      blocks.push(
        { type: 'header', text: title },
        { type: 'text', text: t(locale, 'reminder.task.intro', { number, what, date }) },
      );
      break;
    }
    default: {
      title = t(locale, 'reminder.overdue.title', { number });
      const step = ctx.steps.find((candidate) => candidate.key === reminder.stepKey);
      const deadline = step?.dueAt ? formatIsoDate(isoDateIn(step.dueAt, timeZone), locale) : dueDate;
      blocks.push(
        { type: 'header', text: title },
        {
          type: 'text',
          text: t(locale, 'reminder.overdue.intro', {
            step: stepTitle(reminder.stepKey, ctx),
            date: deadline,
          }),
        },
      );
    }
  }
  blocks.push(...spaceLinkBlocks(incident, locale, ctx.spaceUrl ?? null));
  blocks.push({
    type: 'facts',
    facts: [
      { label: t(locale, 'reminder.incident'), value: number },
      ...(reminder.about
        ? [{ label: t(locale, 'reminder.about'), value: aboutLabel(reminder.about, locale) }]
        : []),
      { label: t(locale, 'reminder.planned'), value: dueDate },
    ],
  });
  // An overdue step or task is settled on its card, not with the reminder's own buttons.
  if (reminder.kind !== 'overdue' && reminder.kind !== 'task') {
    blocks.push({ type: 'text', text: t(locale, 'reminder.privacy'), tone: 'muted' });
    blocks.push({
      type: 'actions',
      actions: BUTTONS.map(([kind, style]) => {
        const spec: ActionSpec = ACTIONS[kind];
        return {
          label: t(locale, spec.label),
          payload: { incidentId: incident.id, kind, ref: reminder.id },
          ...(style ? { style } : {}),
          ...(spec.input ? { input: spec.input } : {}),
        };
      }),
    });
  }
  return { key: `reminder:${reminder.id}`, incidentId: incident.id, fallback: shorten(title, 150), blocks };
}

/** The line in the incident channel saying who was reminded of what. */
export function sentLine(reminder: Reminder, ctx: ReminderTextContext): string {
  return t(ctx.locale, 'reminder.sentLine', {
    target: nameResolver(ctx.members)(reminder.targetId),
    reminder: reminderLabel(reminder, ctx),
  });
}

/** The nudge in the incident channel: the Direct steps nobody has picked up, one per line. */
export function nudgeText(stepTitles: string[], hours: number, locale: Locale): string {
  return t(locale, 'reminder.nudge', { hours, steps: stepTitles.map((title) => `• ${title}`).join('\n') });
}
