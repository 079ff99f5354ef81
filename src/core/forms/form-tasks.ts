import { InvalidInputError } from '../errors/domain-error.js';
import { t } from '../i18n/catalogue.js';
import type { Locale } from '../playbook/playbook.types.js';
import { formatIsoDate, shorten } from '../text/format.js';
import { isoDateIn } from '../time/zoned.js';
import { assertNotInPast, checkDate } from './form.validation.js';

type Row = Record<string, unknown>;

/** The list of the action list whose rows can become tasks. */
export const TASK_LIST = 'items';

/**
 * Task fields live on the row itself, beside who/what/when/where/how. They are not part of the
 * form's spec: the form dialog never shows them, and saving the form keeps them (`keepTasks`).
 */
const TASK_FIELDS = ['taskOwner', 'taskDue', 'taskDone'] as const;

/** What the task dialog sends: which row, who does it, by when, and whether it is done. */
export interface TaskInput {
  rowId: string;
  ownerId: string;
  /** YYYY-MM-DD, the last day (school's time zone) on which the task is on time. */
  due: string;
  done: boolean;
}

/** A row of the action list that has been made a task. */
export interface ActionTask {
  rowId: string;
  what: string;
  ownerId: string;
  due: string;
  done: boolean;
}

function rowsOf(data: Row | null | undefined): Row[] {
  const rows = data?.[TASK_LIST];
  return Array.isArray(rows) ? rows.filter((row): row is Row => !!row && typeof row === 'object') : [];
}

/** The stored rows that can become a task (they have an id), as choices labelled by their "what". */
export function taskRowChoices(data: Row | null | undefined): { value: string; label: string }[] {
  return rowsOf(data)
    .filter((row) => typeof row.id === 'string' && row.id !== '')
    .map((row) => ({ value: row.id as string, label: shorten(String(row.what ?? row.id), 75) }));
}

/** Every task in the action list's answer, in the order of the rows. */
export function tasksOf(data: Row | null | undefined): ActionTask[] {
  return rowsOf(data).flatMap((row) => {
    const { id, what, taskOwner, taskDue, taskDone } = row;
    if (typeof id !== 'string' || typeof taskOwner !== 'string' || typeof taskDue !== 'string') return [];
    return [
      { rowId: id, what: String(what ?? ''), ownerId: taskOwner, due: taskDue, done: taskDone === true },
    ];
  });
}

/**
 * The answer with one row made a task (or its task changed). A new or moved due date may not lie
 * before today; a task kept on its date (e.g. marked done after the day passed) may.
 */
export function applyTask(
  data: Row,
  input: TaskInput,
  ctx: { isMember: (userId: string) => boolean; today: string },
): { data: Row; task: ActionTask; created: boolean } {
  const rows = rowsOf(data);
  const index = rows.findIndex((row) => row.id === input.rowId && input.rowId !== '');
  const row = rows[index];
  if (!row) throw new InvalidInputError('taskRow', 'oneOf');
  if (!input.ownerId) throw new InvalidInputError('taskOwner', 'required');
  if (!ctx.isMember(input.ownerId)) throw new InvalidInputError('taskOwner', 'notAMember');
  if (!input.due) throw new InvalidInputError('taskDue', 'required');
  checkDate('taskDue', input.due);
  if (row.taskDue !== input.due) assertNotInPast('taskDue', input.due, ctx.today);
  const updated: Row = { ...row, taskOwner: input.ownerId, taskDue: input.due, taskDone: input.done };
  const next = rows.map((candidate, at) => (at === index ? updated : candidate));
  return {
    data: { ...data, [TASK_LIST]: next },
    task: { rowId: input.rowId, what: String(row.what ?? ''), ...pick(input) },
    created: typeof row.taskOwner !== 'string',
  };
}

function pick(input: TaskInput) {
  return { ownerId: input.ownerId, due: input.due, done: input.done };
}

/** A saved form keeps the tasks of the rows it kept (by row id); a removed row takes its task along. */
export function keepTasks(cleaned: Row, previous: Row | null | undefined): Row {
  const before = new Map(rowsOf(previous).map((row) => [row.id, row]));
  if (before.size === 0 || !Array.isArray(cleaned[TASK_LIST])) return cleaned;
  const rows = rowsOf(cleaned).map((row) => {
    const old = typeof row.id === 'string' ? before.get(row.id) : undefined;
    if (!old) return row;
    const kept = Object.fromEntries(
      TASK_FIELDS.filter((field) => field in old).map((field) => [field, old[field]]),
    );
    return { ...row, ...kept };
  });
  return { ...cleaned, [TASK_LIST]: rows };
}

/** Late once the due day has ended in the school's time zone; a done task is never late. */
export function isTaskOverdue(task: ActionTask, now: Date, timeZone: string): boolean {
  return !task.done && isoDateIn(now, timeZone) > task.due;
}

/** "Taak: ouders bellen — Bas, vóór 4 dec 2026 (te laat)": one line per task for the card. */
export function taskLines(
  data: Row,
  ctx: { locale: Locale; now: Date; timeZone: string; nameOf: (userId: string) => string },
): string[] {
  return tasksOf(data).map((task) => {
    const line = t(ctx.locale, 'task.line', {
      what: shorten(task.what.replace(/\s+/g, ' '), 120),
      owner: ctx.nameOf(task.ownerId),
      date: formatIsoDate(task.due, ctx.locale),
    });
    if (task.done) return `${line} (${t(ctx.locale, 'task.done')})`;
    return isTaskOverdue(task, ctx.now, ctx.timeZone) ? `${line} (${t(ctx.locale, 'task.late')})` : line;
  });
}
