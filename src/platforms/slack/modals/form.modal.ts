import type { types } from '@slack/bolt';
import type { ActionPayload } from '../../../core/cards/action-payload.js';
import type { FieldSpec, FormSpec } from '../../../core/forms/form.specs.js';
import { addRowLabel, canAddRow, formRows, rowHeading } from '../../../core/forms/form-rows.js';
import { fieldLabel, isMessageKey, t } from '../../../core/i18n/catalogue.js';
import type { Member } from '../../../core/incidents/incident.types.js';
import type { FormRequest } from '../../../core/interactions/command.service.js';
import type { Locale } from '../../../core/playbook/playbook.types.js';
import { BLOCK_KIT } from '../block-kit/limits.js';
import {
  actionButton,
  datepicker,
  header,
  input,
  modal,
  paragraph,
  select,
  textInput,
} from './modal-elements.js';
import { encodeMetadata } from './modal-metadata.codec.js';
import { CALLBACK, dateValue, optionValue, type StateValues, textValue } from './modal-state.js';

type Row = Record<string, unknown>;

/** The button under a repeated group that asks for one more row (the modal is updated in place). */
export const ADD_ROW_ACTION = 'form:addRow';

/**
 * A step's form as a modal, built from its FORM_SPEC: text, long text, date, choice and colleague
 * fields, and for a repeated group (action list, aftercare moments) its numbered rows with one
 * empty row and a button for the next. Stored answers are filled in; every stored row is shown
 * so saving never drops one. `atLeast` asks for more rows (after "add a row").
 */
export function formModal(
  request: FormRequest,
  locale: Locale,
  context: { payload: ActionPayload; channelId: string | null },
  atLeast = 0,
): types.ModalView {
  const { spec } = request;
  const values: Row = request.values ?? {};
  const fields = spec.fields.map((field) =>
    fieldInput(
      field,
      `f:${field.name}`,
      fieldLabel(field.name, locale, spec.kind),
      values[field.name],
      request,
      locale,
    ),
  );
  const rows = listRows(spec, values, atLeast);
  const blocks: types.KnownBlock[] = [...fields, ...listBlocks(request, rows, locale, fields.length)];
  if (blocks.length < BLOCK_KIT.modalBlocks) blocks.unshift(paragraph(request.stepTitle, true));
  const ids = rows.map((row) => (typeof row.id === 'string' ? row.id : ''));
  return modal({
    callbackId: CALLBACK.form,
    title: request.title,
    submit: t(locale, 'slack.save'),
    close: t(locale, 'command.cancel'),
    blocks,
    metadata: encodeMetadata({
      action: context.payload,
      ...(context.channelId ? { channelId: context.channelId } : {}),
      ...(ids.some(Boolean) ? { rowIds: ids } : {}),
    }),
  });
}

/**
 * The rows of a repeated group, each under its heading ("Actie 2"), and the button for one more
 * row. Where Slack's 100 blocks leave no room for the headings, the labels carry the row number.
 */
function listBlocks(request: FormRequest, rows: Row[], locale: Locale, used: number): types.KnownBlock[] {
  const { spec } = request;
  const list = spec.list;
  if (!list) return [];
  const adding = canAddRow(spec, rows.length);
  const headed = used + rows.length * (list.fields.length + 1) + (adding ? 1 : 0) < BLOCK_KIT.modalBlocks;
  const blocks: types.KnownBlock[] = [];
  rows.forEach((row, index) => {
    if (headed) blocks.push(header(`h:${index}`, rowHeading(spec, index, locale)));
    for (const field of list.fields) {
      const label = headed
        ? fieldLabel(field.name, locale, spec.kind)
        : fieldLabel(`${list.name}.${index}.${field.name}`, locale, spec.kind);
      blocks.push(
        fieldInput(field, `l:${index}:${field.name}`, label, row[field.name], request, locale, true),
      );
    }
  });
  if (adding && used + blocks.length < BLOCK_KIT.modalBlocks) {
    blocks.push(actionButton('addRow', ADD_ROW_ACTION, addRowLabel(spec, locale)));
  }
  return blocks;
}

/** Stored rows and one empty one, as many as the group and Slack's 100 blocks allow. */
function listRows(spec: FormSpec, values: Row, atLeast: number): Row[] {
  if (!spec.list) return [];
  const rows = formRows(spec, values, atLeast);
  const perRow = Math.max(1, spec.list.fields.length);
  const fitInModal = Math.floor((BLOCK_KIT.modalBlocks - spec.fields.length) / perRow);
  return rows.slice(0, Math.max(fitInModal, 1));
}

function fieldInput(
  field: FieldSpec,
  blockId: string,
  label: string,
  stored: unknown,
  request: FormRequest,
  locale: Locale,
  inRow = false,
): types.InputBlock {
  const initial = typeof stored === 'string' ? stored : null;
  // Rows are optional as a whole: the core drops empty rows and checks required fields in the rest.
  const optional = inRow || !field.required;
  switch (field.type) {
    case 'text':
    case 'longText':
      return input(
        blockId,
        label,
        textInput({
          multiline: field.type === 'longText',
          ...(field.max ? { max: field.max } : {}),
          ...(initial ? { initial } : {}),
        }),
        { optional },
      );
    case 'date':
      return input(blockId, label, datepicker(initial), { optional });
    case 'choice':
      return input(
        blockId,
        label,
        select(
          (field.options ?? []).map((option) => ({
            value: option,
            label: optionLabel(field.name, option, locale),
          })),
          initial,
          t(locale, 'slack.choose'),
        ),
        { optional },
      );
    case 'user':
      return input(
        blockId,
        label,
        select(memberChoices(request.members), initial, t(locale, 'slack.choose')),
        {
          optional,
        },
      );
  }
}

function optionLabel(field: string, option: string, locale: Locale): string {
  const key = `option.${field}.${option}`;
  return isMessageKey(key) ? t(locale, key) : option;
}

function memberChoices(members: Member[]) {
  return members.map((member) => ({ value: member.userId, label: member.displayName ?? member.userId }));
}

/** The submitted form in the shape the core validates; row ids come back from the metadata. */
export function readForm(spec: FormSpec, values: StateValues, rowIds: string[] = []): Row {
  const data: Row = {};
  for (const field of spec.fields) data[field.name] = readField(field, values, `f:${field.name}`);
  if (spec.list) {
    const rows: Row[] = [];
    for (let index = 0; values[`l:${index}:${spec.list.fields[0]?.name}`] !== undefined; index += 1) {
      const row: Row = {};
      for (const field of spec.list.fields)
        row[field.name] = readField(field, values, `l:${index}:${field.name}`);
      const id = rowIds[index];
      if (id) row.id = id;
      rows.push(row);
    }
    data[spec.list.name] = rows;
  }
  return data;
}

function readField(field: FieldSpec, values: StateValues, blockId: string): string {
  switch (field.type) {
    case 'text':
    case 'longText':
      return textValue(values, blockId);
    case 'date':
      return dateValue(values, blockId);
    case 'choice':
    case 'user':
      return optionValue(values, blockId);
  }
}

/** `items.2.who` → `l:2:who`, `endDate` → `f:endDate`: where a core error belongs in the modal. */
export function formBlockId(path: string): string {
  const parts = path.split('.');
  if (parts.length === 3) return `l:${parts[1]}:${parts[2]}`;
  if (parts.length === 1) return `f:${path}`;
  return path;
}
