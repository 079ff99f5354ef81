import type { types } from '@slack/bolt';
import type { ActionPayload } from '../../../core/cards/action-payload.js';
import { taskRowChoices } from '../../../core/forms/form-tasks.js';
import { t } from '../../../core/i18n/catalogue.js';
import type { Member } from '../../../core/incidents/incident.types.js';
import type { ActionInputValues } from '../../../core/interactions/interaction.types.js';
import type { Locale } from '../../../core/playbook/playbook.types.js';
import { checkbox, datepicker, input, modal, paragraph, select } from './modal-elements.js';
import { encodeMetadata } from './modal-metadata.codec.js';
import { CALLBACK, dateValue, isChecked, optionValue, type StateValues } from './modal-state.js';

/** The dialog kind in the modal's metadata; submitted like the one-question dialogs. */
export const TASK_DIALOG = 'task';

/** Block ids: the core's field names, so its errors land on the right question. */
const BLOCK = { row: 'taskRow', owner: 'taskOwner', due: 'taskDue', done: 'taskDone' } as const;

/** "Taak maken": which action of the list, who does it, by when, and whether it is done. */
export function taskModal(
  locale: Locale,
  context: {
    payload: ActionPayload;
    channelId: string | null;
    values: Record<string, unknown> | null;
    members: Member[];
  },
): types.ModalView {
  const rows = taskRowChoices(context.values);
  const members = context.members.map((member) => ({
    value: member.userId,
    label: member.displayName ?? member.userId,
  }));
  return modal({
    callbackId: CALLBACK.input,
    title: t(locale, 'slack.modal.task'),
    submit: t(locale, 'slack.save'),
    close: t(locale, 'command.cancel'),
    blocks: [
      paragraph(t(locale, 'task.hint')),
      input(BLOCK.row, t(locale, 'field.taskRow'), select(rows, null, t(locale, 'slack.choose'))),
      input(BLOCK.owner, t(locale, 'field.taskOwner'), select(members, null, t(locale, 'slack.choose'))),
      input(BLOCK.due, t(locale, 'field.taskDue'), datepicker()),
      input(BLOCK.done, t(locale, 'field.taskDone'), checkbox('done', t(locale, 'task.done')), {
        optional: true,
      }),
    ],
    metadata: encodeMetadata({
      action: context.payload,
      dialog: TASK_DIALOG,
      ...(context.channelId ? { channelId: context.channelId } : {}),
    }),
  });
}

export function readTaskInput(values: StateValues): ActionInputValues {
  return {
    task: {
      rowId: optionValue(values, BLOCK.row),
      ownerId: optionValue(values, BLOCK.owner),
      due: dateValue(values, BLOCK.due),
      done: isChecked(values, BLOCK.done, 'done'),
    },
  };
}
