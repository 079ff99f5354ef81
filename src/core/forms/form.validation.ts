import { DomainError, InvalidInputError } from '../errors/domain-error.js';
import type { FormKind } from '../playbook/playbook.types.js';
import { acceptUserText } from '../text/user-text.js';
import { type FieldSpec, FORM_SPECS } from './form.specs.js';

export type FormData = Record<string, unknown>;

export interface FormContext {
  isMember: (userId: string) => boolean;
  /** Today's date (YYYY-MM-DD) in the workspace's time zone. */
  today: string;
  /** The answer stored before, if any: rows kept as they were may keep a date that has passed. */
  previous?: FormData;
}

/**
 * Checks a submitted form against its spec and returns the cleaned answer. Unknown fields are
 * dropped, text is trimmed, empty rows of a list are removed. The first bad field is reported
 * with its path, e.g. `items.2.who`.
 */
export function validateFormAnswer(kind: FormKind, raw: unknown, ctx: FormContext): FormData {
  const spec = FORM_SPECS[kind];
  if (!spec) throw new DomainError('FormNotAvailable', { kind });
  const input = asRecord(raw);
  const data: FormData = {};
  for (const field of spec.fields) {
    const value = cleanField(field, input[field.name], field.name, ctx);
    if (value !== undefined) data[field.name] = value;
  }
  if (spec.list) {
    const rows = Array.isArray(input[spec.list.name]) ? (input[spec.list.name] as unknown[]) : [];
    const cleaned: FormData[] = [];
    rows.forEach((rowRaw, index) => {
      const row = asRecord(rowRaw);
      if (spec.list!.fields.every((field) => isBlank(row[field.name]))) return;
      const out: FormData = {};
      for (const field of spec.list!.fields) {
        const value = cleanField(field, row[field.name], `${spec.list!.name}.${index}.${field.name}`, ctx);
        if (value !== undefined) out[field.name] = value;
      }
      if (typeof row.id === 'string' && /^[\w-]{1,64}$/.test(row.id)) out.id = row.id;
      cleaned.push(out);
    });
    if (cleaned.length > spec.list.max) {
      throw new InvalidInputError(spec.list.name, 'tooMany', { max: spec.list.max });
    }
    data[spec.list.name] = cleaned;
  }
  checkCrossField(kind, data, ctx);
  return data;
}

function cleanField(field: FieldSpec, raw: unknown, path: string, ctx: FormContext): string | undefined {
  const value = acceptUserText(path, raw, { multiline: field.type === 'longText' });
  if (value === '') {
    if (field.required) throw new InvalidInputError(path, 'required');
    return undefined;
  }
  switch (field.type) {
    case 'text':
    case 'longText':
      if (field.max !== undefined && value.length > field.max) {
        throw new InvalidInputError(path, 'tooLong', { max: field.max });
      }
      return value;
    case 'date':
      checkDate(path, value);
      return value;
    case 'choice':
      if (!field.options?.includes(value)) {
        throw new InvalidInputError(path, 'oneOf', { options: (field.options ?? []).join(', ') });
      }
      return value;
    case 'user':
      if (!ctx.isMember(value)) throw new InvalidInputError(path, 'notAMember');
      return value;
  }
}

function checkCrossField(kind: FormKind, data: FormData, ctx: FormContext): void {
  if (kind === 'rest_period' && typeof data.startDate === 'string' && typeof data.endDate === 'string') {
    if (data.endDate < data.startDate)
      throw new InvalidInputError('endDate', 'notBefore', { date: data.startDate });
  }
  if (kind === 'aftercare_moments') {
    // A moment that already took place stays in the list; only new or moved ones must lie ahead.
    const before = Array.isArray(ctx.previous?.moments) ? (ctx.previous.moments as FormData[]) : [];
    const kept = new Set(before.map((moment) => `${moment.id}|${moment.date}`));
    (data.moments as FormData[]).forEach((moment, index) => {
      if (moment.id !== undefined && kept.has(`${moment.id}|${moment.date}`)) return;
      if (typeof moment.date === 'string') assertNotInPast(`moments.${index}.date`, moment.date, ctx.today);
    });
  }
}

/** The years a date may lie in: anything else is a typing mistake (a due date in 0202 or 20266). */
export const DATE_YEARS = { from: 2000, to: 2100 } as const;

/** A real date (isIsoDate) in the years 2000 to 2100; refused with a field error otherwise. */
export function checkDate(field: string, value: string): void {
  if (!isIsoDate(value)) throw new InvalidInputError(field, 'date');
  const year = Number(value.slice(0, 4));
  if (year < DATE_YEARS.from || year > DATE_YEARS.to)
    throw new InvalidInputError(field, 'dateRange', { from: DATE_YEARS.from, to: DATE_YEARS.to });
}

/**
 * A new date (an aftercare moment, a step's deadline) may not lie before today, both written as
 * YYYY-MM-DD in the school's time zone. The error names today; messages show it as a date.
 */
export function assertNotInPast(field: string, isoDate: string, today: string): void {
  if (isoDate < today) throw new InvalidInputError(field, 'notBefore', { date: today });
}

/** A real calendar date written as YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

function asRecord(raw: unknown): Record<string, unknown> {
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
