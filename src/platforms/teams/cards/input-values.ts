import { FACT_KEYS } from '../../../core/incidents/incident.facts.js';
import type { ActionInputValues } from '../../../core/interactions/interaction.types.js';
import { type ActionData, decodeActionData, INPUT_PREFIX, prefixedInputs } from './action-data.codec.js';

/**
 * Reads what an Action.Execute brought back: the values of the inputs whose ids start with the
 * button's input prefix. Ids look like `s0a2:reason` or `f:items.1.who`.
 */
export function inputValues(
  raw: Record<string, unknown>,
  data: ActionData = decodeActionData(raw),
): ActionInputValues {
  if (!data.inputPrefix) return {};
  const own = prefixedInputs(raw, data.inputPrefix);
  const values: ActionInputValues = {};
  if (own.has('reason')) values.reason = own.get('reason');
  if (own.has('note')) values.note = own.get('note');
  if (own.has('assigneeId')) values.assigneeId = own.get('assigneeId');
  if (own.has('dueDate')) values.dueDate = own.get('dueDate');
  if (own.has('colleagues')) {
    values.colleagues = (own.get('colleagues') ?? '')
      .split(',')
      .map((userId) => userId.trim())
      .filter(Boolean)
      .map((userId) => ({ userId, displayName: null }));
  }
  if (own.has('memberId')) values.memberId = own.get('memberId');
  if (own.has('taskRow')) {
    values.task = {
      rowId: own.get('taskRow') ?? '',
      ownerId: own.get('taskOwner') ?? '',
      due: own.get('taskDue') ?? '',
      done: own.get('taskDone') === 'true',
    };
  }
  if (own.has('stepsTo')) values.stepsTo = own.get('stepsTo') === 'lead' ? 'lead' : 'release';
  const facts = Object.fromEntries(
    FACT_KEYS.filter((fact) => own.has(fact)).map((fact) => [fact, own.get(fact)]),
  );
  if (Object.keys(facts).length > 0 && data.inputPrefix !== INPUT_PREFIX.form) values.facts = facts;
  if (data.inputPrefix === INPUT_PREFIX.form) values.form = formValues(own, data.rowIds ?? []);
  return values;
}

const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

/** `items.1.who` → `{ items: [ , { who } ] }`; row ids from the card are put back on their rows. */
function formValues(own: Map<string, string>, rowIds: string[]): Record<string, unknown> {
  const form: Record<string, unknown> = {};
  for (const [path, value] of own) {
    const parts = path.split('.');
    if (parts.length === 1) {
      if (!UNSAFE.has(path)) form[path] = value;
      continue;
    }
    const [list, indexText, field] = parts;
    const index = Number(indexText);
    if (parts.length !== 3 || !list || !field || UNSAFE.has(list) || UNSAFE.has(field)) continue;
    if (!Number.isInteger(index) || index < 0 || index > 100) continue;
    if (!Array.isArray(form[list])) form[list] = [];
    const rows = form[list] as Record<string, unknown>[];
    while (rows.length <= index) rows.push({});
    (rows[index] as Record<string, unknown>)[field] = value;
  }
  for (const value of Object.values(form)) {
    if (!Array.isArray(value)) continue;
    value.forEach((row: Record<string, unknown>, index) => {
      const id = rowIds[index];
      if (id) row.id = id;
    });
  }
  return form;
}
