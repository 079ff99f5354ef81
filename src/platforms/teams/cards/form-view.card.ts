import type { ActionPayload } from '../../../core/cards/action-payload.js';
import type { FieldSpec, FormSpec } from '../../../core/forms/form.specs.js';
import { addRowLabel, canAddRow, formRows, rowHeading, rowOfPath } from '../../../core/forms/form-rows.js';
import { fieldLabel, isMessageKey, t } from '../../../core/i18n/catalogue.js';
import type { Locale } from '../../../core/playbook/playbook.types.js';
import { memberChoices } from './action.renderer.js';
import { type ActionData, encodeActionData, INPUT_PREFIX } from './action-data.codec.js';
import {
  type AcElement,
  type AdaptiveCardJson,
  byteSize,
  CARD_BYTE_LIMIT,
  card,
  type MemberChoice,
  VERBS,
} from './adaptive.types.js';
import { container, line } from './elements.js';
import { inert } from './inert-text.js';

const FORM_PREFIX = INPUT_PREFIX.form;

export interface FormViewInput {
  locale: Locale;
  title: string;
  stepTitle: string;
  spec: FormSpec;
  values: Record<string, unknown> | null;
  members: MemberChoice[];
  /** The `form` action of the step; its payload goes back with the answers. */
  payload: ActionPayload;
  /** The message for a refused answer; the typed values stay in the form. */
  error?: string;
  /** The field path the error is about (`items.2.who`): a row's error shows under its heading. */
  errorField?: string;
  /** First row of a repeated group shown (long lists are shown a page at a time). */
  offset?: number;
  /** Rows of the group to show at least (one more after "add a row"); the page shows the last. */
  atLeast?: number;
}

/** Rows per page, tried from large to small until the card fits. */
const PAGE_SIZES = [20, 10, 5, 2, 1];

/**
 * One step's form as a card that only the person filling it in sees, with save and cancel.
 * Stored answers are never cut short to fit: a long list is shown a page of rows at a time
 * (saving a page keeps the other rows), and a form that still does not fit says so.
 */
export function formViewCard(input: FormViewInput): AdaptiveCardJson {
  for (const pageSize of input.spec.list ? PAGE_SIZES : [0]) {
    const json = formPage(input, pageSize);
    if (byteSize(json) <= CARD_BYTE_LIMIT) return json;
  }
  return card(
    [line(input.title, { strong: true }), line(t(input.locale, 'teams.cardTooLarge'), { tone: 'attention' })],
    {
      actions: [cancelAction(input)],
    },
  );
}

function formPage(input: FormViewInput, pageSize: number): AdaptiveCardJson {
  const { locale, spec } = input;
  const values = input.values ?? {};
  const errorRow = rowOfPath(spec, input.errorField);
  const body: AcElement[] = [
    line(input.title, { strong: true, size: 'medium' }, {}, 200),
    line(input.stepTitle, { tone: 'muted' }, { spacing: 'none' }, 200),
  ];
  const errorOnTop = body.length;
  for (const field of spec.fields) {
    body.push(fieldInput(field, `${FORM_PREFIX}:${field.name}`, values[field.name], input, true));
  }
  const rowIds: string[] = [];
  const data: ActionData = { action: input.payload, inputPrefix: FORM_PREFIX };
  const pages: AcElement[] = [];
  let errorShown = false;
  if (spec.list) {
    const list = spec.list;
    const rows = formRows(spec, values, input.atLeast ?? 0);
    const total = rows.length;
    const wanted = input.atLeast ? total - pageSize : (input.offset ?? 0);
    const offset = Math.min(Math.max(0, wanted), Math.max(0, total - 1));
    const end = Math.min(total, offset + pageSize);
    body.push(line(fieldLabel(list.name, locale, spec.kind), { strong: true }, { spacing: 'medium' }));
    if (offset > 0 || end < total) {
      data.page = { offset, rows: end - offset };
      if (offset > 0)
        pages.push(
          pageAction(
            input,
            Math.max(0, offset - pageSize),
            `‹ ${t(locale, 'teams.rows', { from: Math.max(0, offset - pageSize) + 1, to: offset })}`,
          ),
        );
      if (end < total)
        pages.push(
          pageAction(
            input,
            end,
            `${t(locale, 'teams.rows', { from: end + 1, to: Math.min(total, end + pageSize) })} ›`,
          ),
        );
    }
    for (let index = offset; index < end; index += 1) {
      const row = rows[index] ?? {};
      rowIds.push(typeof row.id === 'string' ? row.id : '');
      const items: AcElement[] = [line(rowHeading(spec, index, locale), { strong: true })];
      if (input.error && errorRow === index) {
        items.push(line(input.error, { tone: 'attention' }, { spacing: 'none' }));
        errorShown = true;
      }
      items.push(
        ...list.fields.map((field) =>
          fieldInput(
            field,
            `${FORM_PREFIX}:${list.name}.${index - offset}.${field.name}`,
            row[field.name],
            input,
            true,
          ),
        ),
      );
      body.push(container(items, { separator: index > offset, spacing: 'medium' }));
    }
    if (canAddRow(spec, total)) {
      const more: ActionData = { ...data, rowIds: [...rowIds], addRow: total + 1 };
      pages.push({
        type: 'Action.Execute',
        title: addRowLabel(spec, locale),
        verb: VERBS.formView,
        data: encodeActionData(more),
      });
    }
  }
  if (input.error && !errorShown) {
    body.splice(errorOnTop, 0, container([line(input.error, { strong: true })], { style: 'attention' }));
  }
  data.rowIds = rowIds;
  if (pages.length > 0) body.push({ type: 'ActionSet', actions: pages });
  return card(body, {
    actions: [
      {
        type: 'Action.Execute',
        title: t(locale, 'teams.save'),
        verb: VERBS.action,
        data: encodeActionData(data),
        style: 'positive',
      },
      cancelAction(input),
    ],
  });
}

function cancelAction(input: FormViewInput): AcElement {
  return {
    type: 'Action.Execute',
    title: t(input.locale, 'command.cancel'),
    verb: VERBS.cardView,
    data: encodeActionData({ action: input.payload }),
    associatedInputs: 'none',
  };
}

/** Another page of rows; what was typed on this page and not saved stays unsaved. */
function pageAction(input: FormViewInput, offset: number, title: string): AcElement {
  return {
    type: 'Action.Execute',
    title,
    verb: VERBS.formView,
    data: encodeActionData({ action: input.payload, page: { offset, rows: null } }),
    associatedInputs: 'none',
  };
}

function fieldInput(
  field: FieldSpec,
  id: string,
  value: unknown,
  input: FormViewInput,
  withLabel: boolean,
): AcElement {
  const { locale, spec } = input;
  const label = fieldLabel(field.name, locale, spec.kind);
  const base: AcElement = { id };
  if (withLabel) base.label = label;
  else base.placeholder = label;
  const text = typeof value === 'string' ? inert(value, field.max ?? 2000) : undefined;
  switch (field.type) {
    case 'text':
    case 'longText':
      return {
        type: 'Input.Text',
        ...base,
        ...(field.type === 'longText' ? { isMultiline: true } : {}),
        ...(field.max ? { maxLength: field.max } : {}),
        ...(text ? { value: text } : {}),
      };
    case 'date':
      return { type: 'Input.Date', ...base, ...(text ? { value: text } : {}) };
    case 'choice':
      return {
        type: 'Input.ChoiceSet',
        ...base,
        style: 'compact',
        choices: (field.options ?? []).map((option) => {
          const key = `option.${field.name}.${option}`;
          return { title: isMessageKey(key) ? t(locale, key) : option, value: option };
        }),
        ...(text ? { value: text } : {}),
      };
    case 'user':
      return {
        type: 'Input.ChoiceSet',
        ...base,
        style: 'compact',
        choices: memberChoices(input),
        ...(text ? { value: text } : {}),
      };
  }
}
