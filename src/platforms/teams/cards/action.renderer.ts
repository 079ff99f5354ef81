import { ACTIONS, type ActionSpec } from '../../../core/cards/action.table.js';
import type { CardAction } from '../../../core/cards/card.types.js';
import { t } from '../../../core/i18n/catalogue.js';
import { LIMITS } from '../../../core/incidents/limits.js';
import { encodeActionData } from './action-data.codec.js';
import { type AcElement, card, type RenderContext, VERBS } from './adaptive.types.js';
import { line } from './elements.js';
import { inert } from './inert-text.js';
import { factInputs } from './open-form.card.js';

const STYLE: Record<NonNullable<CardAction['style']>, string> = {
  primary: 'positive',
  danger: 'destructive',
};

/** The data an Action.Execute carries: the action and, for inputs, their id prefix. */
export function actionData(action: CardAction, prefix?: string): Record<string, string> {
  return encodeActionData({ action: action.payload, ...(prefix ? { inputPrefix: prefix } : {}) });
}

function execute(title: string, verb: string, data: Record<string, string>, style?: string): AcElement {
  const element: AcElement = { type: 'Action.Execute', title: inert(title, 75), verb, data };
  if (style) element.style = style;
  return element;
}

/**
 * A button. Actions that need input open an inline card with that input and a save button
 * (one click less than a dialog, and the answer goes through the same Action.Execute path);
 * a form opens the form view for the clicker only, because a whole form does not fit inline.
 * `prefix` keeps input ids unique within the card.
 */
export function renderAction(
  action: CardAction,
  ctx: RenderContext,
  prefix: string,
  inline = true,
): AcElement {
  const style = action.style ? STYLE[action.style] : undefined;
  if (!action.input) return execute(action.label, VERBS.action, actionData(action), style);
  if (action.input === 'form' || !inline) {
    return execute(action.label, VERBS.formView, actionData(action), style);
  }
  const inputs = inputFor(action, ctx, prefix);
  if (!inputs) return execute(action.label, VERBS.formView, actionData(action), style);
  return {
    type: 'Action.ShowCard',
    title: inert(action.label, 75),
    card: card(inputs, {
      actions: [execute(t(ctx.locale, 'teams.save'), VERBS.action, actionData(action, prefix), 'positive')],
    }),
  };
}

function inputFor(action: CardAction, ctx: RenderContext, prefix: string): AcElement[] | null {
  const { locale } = ctx;
  switch (action.input) {
    case 'reason':
      return [
        {
          type: 'Input.Text',
          id: `${prefix}:reason`,
          label: t(locale, (ACTIONS[action.payload.kind] as ActionSpec).prompt ?? 'prompt.notApplicable'),
          isMultiline: true,
          isRequired: true,
          maxLength: LIMITS.reason,
          errorMessage: t(locale, 'input.required', { field: t(locale, 'field.reason') }),
        },
      ];
    case 'note':
      return [
        {
          type: 'Input.Text',
          id: `${prefix}:note`,
          label: t(locale, 'prompt.note'),
          isMultiline: true,
          isRequired: true,
          maxLength: LIMITS.note,
          errorMessage: t(locale, 'input.required', { field: t(locale, 'field.note') }),
        },
      ];
    case 'dueDate':
      return [{ type: 'Input.Date', id: `${prefix}:dueDate`, label: t(locale, 'field.dueAt') }];
    case 'colleagues': {
      const colleagues = ctx.colleagues ?? [];
      if (colleagues.length === 0) return null;
      return [
        {
          type: 'Input.ChoiceSet',
          id: `${prefix}:colleagues`,
          label: t(locale, 'colleagues.label'),
          isMultiSelect: true,
          style: 'filtered',
          isRequired: true,
          errorMessage: t(locale, 'input.required', { field: t(locale, 'colleagues.label') }),
          choices: memberChoices({ members: colleagues }),
        },
      ];
    }
    case 'removal':
      return [
        {
          type: 'Input.ChoiceSet',
          id: `${prefix}:memberId`,
          label: t(locale, 'field.assignee'),
          style: 'compact',
          isRequired: true,
          errorMessage: t(locale, 'input.required', { field: t(locale, 'field.assignee') }),
          choices: memberChoices(ctx),
        },
        {
          type: 'Input.ChoiceSet',
          id: `${prefix}:stepsTo`,
          label: t(locale, 'removal.stepsTo'),
          style: 'expanded',
          value: 'release',
          choices: [
            { title: t(locale, 'removal.release'), value: 'release' },
            { title: t(locale, 'removal.lead'), value: 'lead' },
          ],
        },
      ];
    case 'facts':
      return [
        line(t(locale, 'facts.intro'), { tone: 'muted' }),
        ...factInputs(locale, prefix, action.values),
      ];
    case 'task':
      return taskInputs(action, ctx, prefix);
    case 'assignee':
      return [
        {
          type: 'Input.ChoiceSet',
          id: `${prefix}:assigneeId`,
          label: t(locale, 'field.assignee'),
          style: 'compact',
          isRequired: true,
          errorMessage: t(locale, 'input.required', { field: t(locale, 'field.assignee') }),
          choices: memberChoices(ctx),
        },
      ];
    default:
      return null;
  }
}

/** Which action of the list, who does it, by when, and whether it is done. */
function taskInputs(action: CardAction, ctx: RenderContext, prefix: string): AcElement[] | null {
  const { locale } = ctx;
  const rows = action.options ?? [];
  if (rows.length === 0) return null;
  const required = (label: string) => ({
    label,
    isRequired: true,
    errorMessage: t(locale, 'input.required', { field: label }),
  });
  return [
    line(t(locale, 'task.hint'), { tone: 'muted' }),
    {
      type: 'Input.ChoiceSet',
      id: `${prefix}:taskRow`,
      style: 'compact',
      ...required(t(locale, 'field.taskRow')),
      choices: rows.map((row) => ({ title: inert(row.label, 120), value: row.value })),
    },
    {
      type: 'Input.ChoiceSet',
      id: `${prefix}:taskOwner`,
      style: 'compact',
      ...required(t(locale, 'field.taskOwner')),
      choices: memberChoices(ctx),
    },
    { type: 'Input.Date', id: `${prefix}:taskDue`, ...required(t(locale, 'field.taskDue')) },
    {
      type: 'Input.Toggle',
      id: `${prefix}:taskDone`,
      title: t(locale, 'task.done'),
      label: t(locale, 'field.taskDone'),
      valueOn: 'true',
      valueOff: 'false',
    },
  ];
}

export function memberChoices(ctx: Pick<RenderContext, 'members'>): AcElement[] {
  return ctx.members.map((member) => ({
    title: inert(member.displayName ?? member.userId, 120),
    value: member.userId,
  }));
}
