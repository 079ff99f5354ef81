import type { types } from '@slack/bolt';
import { ACTIONS, type ActionSpec } from '../../../core/cards/action.table.js';
import type { ActionPayload } from '../../../core/cards/action-payload.js';
import type { ActionInput } from '../../../core/cards/card.types.js';
import { t } from '../../../core/i18n/catalogue.js';
import type { Member } from '../../../core/incidents/incident.types.js';
import { LIMITS } from '../../../core/incidents/limits.js';
import type { ActionInputValues } from '../../../core/interactions/interaction.types.js';
import type { Locale } from '../../../core/playbook/playbook.types.js';
import {
  datepicker,
  input,
  modal,
  multiUserSelect,
  paragraph,
  radio,
  select,
  textInput,
} from './modal-elements.js';
import { encodeMetadata } from './modal-metadata.codec.js';
import { CALLBACK, dateValue, optionValue, type StateValues, textValue, usersValue } from './modal-state.js';

/**
 * The one-question dialogs a button may need first; form dialogs live in form.modal.ts, the
 * facts dialog in facts.modal.ts, the task dialog in task.modal.ts.
 */
export type SimpleInput = Exclude<ActionInput, 'form' | 'facts' | 'task'>;

export const SIMPLE_INPUTS: readonly SimpleInput[] = [
  'reason',
  'note',
  'assignee',
  'dueDate',
  'colleagues',
  'removal',
];

/** Block id of each dialog's field: the core's field name, so its errors land there. */
const BLOCK: Record<SimpleInput, string> = {
  reason: 'reason',
  note: 'note',
  assignee: 'assignee',
  dueDate: 'dueAt',
  colleagues: 'colleagues',
  removal: 'memberId',
};
const STEPS_TO_BLOCK = 'stepsTo';

/** The dialog's title (Slack allows 24 characters): the action's own words where it has them. */
function titleOf(kind: SimpleInput, payload: ActionPayload, locale: Locale): string {
  if (payload.kind === 'transferLead') return t(locale, 'action.transferLead');
  if (payload.kind === 'finish') return t(locale, 'action.finish');
  return t(locale, `slack.modal.${kind}`);
}

export function actionInputModal(
  kind: SimpleInput,
  locale: Locale,
  context: { payload: ActionPayload; channelId: string | null; members?: Member[] },
): types.ModalView {
  const metadata = encodeMetadata({
    action: context.payload,
    dialog: kind,
    ...(context.channelId ? { channelId: context.channelId } : {}),
  });
  return modal({
    callbackId: CALLBACK.input,
    title: titleOf(kind, context.payload, locale),
    submit: t(locale, 'slack.save'),
    close: t(locale, 'command.cancel'),
    blocks: blocksFor(kind, locale, context.members ?? [], context.payload),
    metadata,
  });
}

function blocksFor(
  kind: SimpleInput,
  locale: Locale,
  members: Member[],
  payload: ActionPayload,
): types.KnownBlock[] {
  switch (kind) {
    case 'reason':
      return [
        input(
          BLOCK.reason,
          t(locale, (ACTIONS[payload.kind] as ActionSpec).prompt ?? 'prompt.notApplicable'),
          textInput({ multiline: true, max: LIMITS.reason }),
        ),
      ];
    case 'note':
      return [input(BLOCK.note, t(locale, 'prompt.note'), textInput({ multiline: true, max: LIMITS.note }))];
    case 'assignee':
      return [
        input(BLOCK.assignee, t(locale, 'field.assignee'), memberSelect(members, locale), {
          hint: t(locale, 'slack.assignHint'),
        }),
      ];
    case 'dueDate':
      return [
        paragraph(t(locale, 'slack.dueHint')),
        input(BLOCK.dueDate, t(locale, 'field.dueAt'), datepicker(), { optional: true }),
      ];
    case 'colleagues':
      return [
        input(BLOCK.colleagues, t(locale, 'colleagues.label'), multiUserSelect(LIMITS.members - 1), {
          hint: t(locale, 'colleagues.hint'),
        }),
      ];
    case 'removal':
      return [
        input(BLOCK.removal, t(locale, 'field.assignee'), memberSelect(members, locale)),
        input(
          STEPS_TO_BLOCK,
          t(locale, 'removal.stepsTo'),
          radio(
            [
              { value: 'release', label: t(locale, 'removal.release') },
              { value: 'lead', label: t(locale, 'removal.lead') },
            ],
            'release',
          ),
        ),
      ];
  }
}

/** A choice of the incident's members, by name. */
function memberSelect(members: Member[], locale: Locale) {
  return select(
    members.map((member) => ({ value: member.userId, label: member.displayName ?? member.userId })),
    null,
    t(locale, 'slack.choose'),
  );
}

/** The dialog's answer in the core's terms. */
export function readActionInput(kind: SimpleInput, values: StateValues): ActionInputValues {
  switch (kind) {
    case 'reason':
      return { reason: textValue(values, BLOCK.reason) };
    case 'note':
      return { note: textValue(values, BLOCK.note) };
    case 'assignee':
      return { assigneeId: optionValue(values, BLOCK.assignee) };
    case 'dueDate':
      return { dueDate: dateValue(values, BLOCK.dueDate) };
    case 'colleagues':
      return {
        colleagues: usersValue(values, BLOCK.colleagues).map((userId) => ({ userId, displayName: null })),
      };
    case 'removal':
      return {
        memberId: optionValue(values, BLOCK.removal),
        stepsTo: optionValue(values, STEPS_TO_BLOCK) === 'lead' ? 'lead' : 'release',
      };
  }
}

export function isSimpleInput(value: unknown): value is SimpleInput {
  return SIMPLE_INPUTS.includes(value as SimpleInput);
}
