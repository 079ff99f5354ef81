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
  const lines: string[] = kind === 'parent_contacts' ? contactsHeadline(data, locale) : [];
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

/**
 * "3 contacten, laatste 2 dec 2026 (telefoon)": how often the school spoke with parents and
 * when last, above the contacts themselves.
 */
function contactsHeadline(data: Record<string, unknown>, locale: Locale): string[] {
  const contacts = (Array.isArray(data.contacts) ? (data.contacts as Record<string, unknown>[]) : []).filter(
    (contact) => typeof contact.date === 'string' && contact.date !== '',
  );
  if (contacts.length === 0) return [];
  // The latest by date; of two on one day, the one entered later.
  const latest = contacts.reduce((last, contact) =>
    String(contact.date) >= String(last.date) ? contact : last,
  );
  const viaKey = `option.via.${String(latest.via)}`;
  const params = {
    count: contacts.length,
    date: formatIsoDate(String(latest.date), locale),
    via: (isMessageKey(viaKey) ? t(locale, viaKey) : String(latest.via ?? '')).toLowerCase(),
  };
  return [
    t(
      locale,
      contacts.length === 1 ? 'form.parent_contacts.summaryOne' : 'form.parent_contacts.summary',
      params,
    ),
  ];
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
