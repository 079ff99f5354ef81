import { isMessageKey, t } from '../i18n/catalogue.js';
import type { Locale } from '../playbook/playbook.types.js';
import type { FormSpec } from './form.specs.js';

type Row = Record<string, unknown>;

/**
 * The rows of a repeated group a form shows: every stored or typed row (trailing empty ones
 * dropped) and one empty row to fill in, never more than the group allows. `atLeast` asks for
 * more rows, e.g. one more after "add a row"; rows already there are never dropped.
 */
export function formRows(spec: FormSpec, values: Row | null | undefined, atLeast = 0): Row[] {
  if (!spec.list) return [];
  const list = spec.list;
  const given = Array.isArray(values?.[list.name]) ? (values?.[list.name] as unknown[]) : [];
  const rows: Row[] = given.map((row) => (row && typeof row === 'object' ? (row as Row) : {}));
  while (rows.length > 0 && isEmptyRow(spec, rows[rows.length - 1] as Row)) rows.pop();
  const wanted = Math.max(Math.min(list.max, Math.max(rows.length + 1, atLeast)), rows.length);
  while (rows.length < wanted) rows.push({});
  return rows;
}

/** Whether a person may add another row below `shown` rows. */
export function canAddRow(spec: FormSpec, shown: number): boolean {
  return spec.list !== undefined && shown < spec.list.max;
}

/** A row nobody has filled in (and that was never stored: stored rows carry an id). */
export function isEmptyRow(spec: FormSpec, row: Row): boolean {
  if (typeof row.id === 'string' && row.id !== '') return false;
  return (spec.list?.fields ?? []).every((field) => {
    const value = row[field.name];
    return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  });
}

/** "Actie 2", "Nazorgmoment 1": the heading of row `index` (0-based) of a form's group. */
export function rowHeading(spec: FormSpec, index: number, locale: Locale): string {
  const key = `form.${spec.kind}.row`;
  return isMessageKey(key) ? t(locale, key, { n: index + 1 }) : String(index + 1);
}

/** The label of the button that adds a row to a form's group. */
export function addRowLabel(spec: FormSpec, locale: Locale): string {
  const key = `form.${spec.kind}.addRow`;
  return isMessageKey(key) ? t(locale, key) : '+';
}

/**
 * Which row of the group a field path such as `items.2.who` points at, or null for a path
 * outside the group: the place an error belongs.
 */
export function rowOfPath(spec: FormSpec, path: string | undefined): number | null {
  if (!spec.list || !path) return null;
  const parts = path.split('.');
  if (parts.length !== 3 || parts[0] !== spec.list.name) return null;
  const index = Number(parts[1]);
  return Number.isInteger(index) && index >= 0 ? index : null;
}
