import { fieldLabel, isMessageKey, t } from '../i18n/catalogue.js';
import type { FormKind, Locale } from '../playbook/playbook.types.js';
import { formatIsoDate, shorten } from '../text/format.js';
import { type FieldSpec, FORM_SPECS } from './form.specs.js';

const LINE_MAX = 300;

/** Short lines that show a filled-in form on a card, e.g. "Wie: mentor · Wat: gesprek". */
export function summariseForm(
  kind: FormKind,
  data: Record<string, unknown>,
  locale: Locale,
  nameOf: (userId: string) => string,
): string[] {
  const spec = FORM_SPECS[kind];
  const lines: string[] = [];
  for (const field of spec.fields) {
    const value = showValue(field, data[field.name], locale, nameOf);
    if (value) lines.push(shorten(labelled(fieldLabel(field.name, locale, kind), value), LINE_MAX));
  }
  if (spec.list) {
    const rows = Array.isArray(data[spec.list.name])
      ? (data[spec.list.name] as Record<string, unknown>[])
      : [];
    for (const row of rows) {
      const parts = spec.list.fields
        .map((field) => {
          const value = showValue(field, row[field.name], locale, nameOf);
          return value ? labelled(fieldLabel(field.name, locale, kind), value) : '';
        })
        .filter(Boolean);
      if (parts.length > 0) lines.push(shorten(parts.join(' · '), LINE_MAX));
    }
  }
  return lines;
}

/** "Wie: mentor"; a label that ends in its own punctuation ("Wat speelt er?") gets no colon. */
export function labelled(label: string, value: string): string {
  return /[?!:]$/.test(label.trim()) ? `${label.trim()} ${value}` : `${label}: ${value}`;
}

function showValue(
  field: FieldSpec,
  raw: unknown,
  locale: Locale,
  nameOf: (userId: string) => string,
): string {
  if (typeof raw !== 'string' || raw === '') return '';
  switch (field.type) {
    case 'date':
      return formatIsoDate(raw, locale);
    case 'choice': {
      const key = `option.${field.name}.${raw}`;
      return isMessageKey(key) ? t(locale, key) : raw;
    }
    case 'user':
      return nameOf(raw);
    default:
      return raw.replace(/\s+/g, ' ');
  }
}
