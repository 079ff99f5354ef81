import { describe, expect, it } from 'vitest';
import {
  DomainError,
  ERROR_CODES,
  InvalidInputError,
  NotLeadError,
  StepAlreadyClaimedError,
} from '../../src/core/errors/domain-error.js';
import { type FieldSpec, FORM_SPECS } from '../../src/core/forms/form.specs.js';
import {
  errorMessage,
  fieldLabel,
  isMessageKey,
  localized,
  t,
  toLocale,
} from '../../src/core/i18n/catalogue.js';
import { en } from '../../src/core/i18n/messages.en.js';
import { nl } from '../../src/core/i18n/messages.nl.js';
import { INCIDENT_KINDS } from '../../src/core/incidents/incident.types.js';
import { FACT_VALUES, FORM_KINDS } from '../../src/core/playbook/playbook.types.js';

const catalogues = { nl: nl as Record<string, string>, en: en as Record<string, string> };

function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string))].sort();
}

const NAMES: Record<string, string> = { 'U-ANNA': 'Anna', 'U-BOB': 'Bob' };
const nameOf = (id: string) => NAMES[id] ?? id;

describe('catalogues', () => {
  it('nl and en have the same keys', () => {
    expect(Object.keys(catalogues.en).sort()).toEqual(Object.keys(catalogues.nl).sort());
  });

  it('every key has the same placeholders in both languages', () => {
    const mismatches = Object.keys(catalogues.nl).filter(
      (key) =>
        placeholders(catalogues.nl[key] ?? '').join() !== placeholders(catalogues.en[key] ?? '').join(),
    );
    expect(mismatches).toEqual([]);
  });

  it('no message is empty', () => {
    for (const catalogue of Object.values(catalogues)) {
      expect(Object.entries(catalogue).filter(([, text]) => text.trim() === '')).toEqual([]);
    }
  });

  it.each(['nl', 'en'] as const)('every error code has a message in %s', (locale) => {
    const missing = ERROR_CODES.filter((code) => !catalogues[locale][`error.${code}`]);
    expect(missing).toEqual([]);
    expect(catalogues[locale]['error.unexpected']).toBeTruthy();
  });

  it('every form field, list and choice option has a label in both languages', () => {
    const keys: string[] = [];
    const fieldKeys = (kind: string, field: FieldSpec) => {
      keys.push(`form.${kind}.${field.name}`);
      for (const option of field.options ?? []) keys.push(`option.${field.name}.${option}`);
    };
    for (const kind of FORM_KINDS) {
      const spec = FORM_SPECS[kind];
      keys.push(`form.${kind}.title`);
      for (const field of spec.fields) fieldKeys(kind, field);
      if (spec.list) {
        keys.push(`form.${kind}.${spec.list.name}`);
        for (const field of spec.list.fields) fieldKeys(kind, field);
      }
    }
    expect(keys.length).toBeGreaterThan(40);
    expect(keys.filter((key) => !(key in catalogues.nl) || !(key in catalogues.en))).toEqual([]);
  });

  it('every incident kind, fact and fact value has a label', () => {
    const keys = [
      ...INCIDENT_KINDS.map((kind) => `kind.${kind}`),
      ...Object.keys(FACT_VALUES).map((fact) => `field.${fact}`),
      ...FACT_VALUES.spread.map((value) => `spread.${value}`),
      ...FACT_VALUES.perpetratorKnown.map((value) => `yesNo.${value}`),
    ];
    expect(keys.filter((key) => !isMessageKey(key))).toEqual([]);
  });
});

describe('t and localized', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('nl', 'overview.title', { number: '2026-0001', title: 'Foto' })).toBe(
      'Incident 2026-0001: Foto',
    );
    expect(t('en', 'overview.title', { number: '2026-0001' })).toBe('Incident 2026-0001: {title}');
  });

  it('falls back to Dutch playbook text when English is missing', () => {
    expect(localized({ nl: 'Direct', en: 'Immediately' }, 'en')).toBe('Immediately');
    expect(localized({ nl: 'Direct' }, 'en')).toBe('Direct');
    expect(localized({ nl: 'Direct', en: 'Immediately' }, 'nl')).toBe('Direct');
  });
});

describe('errorMessage', () => {
  it('StepAlreadyClaimed names the owner through nameOf', () => {
    const error = new StepAlreadyClaimedError('police-advice', 'U-BOB');
    expect(errorMessage(error, 'nl', { nameOf })).toBe('Bob heeft deze stap al opgepakt.');
    expect(errorMessage(error, 'en', { nameOf })).toBe('Bob has already picked up this step.');
    expect(errorMessage(error, 'nl')).toBe('U-BOB heeft deze stap al opgepakt.');
  });

  it('NotLead names the lead', () => {
    expect(errorMessage(new NotLeadError('U-ANNA'), 'nl', { nameOf })).toBe(
      'Alleen de regisseur van dit incident kan dit doen: Anna.',
    );
  });

  it('a field error in a list names the field and the row in the form’s own words', () => {
    const error = new InvalidInputError('items.2.who', 'required');
    expect(errorMessage(error, 'nl', { formKind: 'action_list' })).toBe('Wie (rij 3): vul dit in.');
    expect(errorMessage(error, 'en', { formKind: 'action_list' })).toBe('Who (row 3): please fill this in.');
  });

  it('field errors outside forms use the general field labels and parameters', () => {
    expect(errorMessage(new InvalidInputError('title', 'tooLong', { max: 80 }), 'nl')).toBe(
      'Korte titel: maximaal 80 tekens.',
    );
    expect(errorMessage(new InvalidInputError('lead', 'notInvited'), 'en')).toBe(
      'Lead: the lead must be one of the invited colleagues.',
    );
    expect(
      errorMessage(new InvalidInputError('moments.0.date', 'notBefore', { date: '2026-03-10' }), 'nl', {
        formKind: 'aftercare_moments',
      }),
    ).toBe('Datum (rij 1): deze datum ligt vóór 10 mrt 2026.');
  });

  it('every error code turns into its own sentence, never the generic one', () => {
    for (const code of ERROR_CODES) {
      const message = errorMessage(new DomainError(code), 'nl');
      expect(message).not.toBe(t('nl', 'error.unexpected'));
      expect(message.length).toBeGreaterThan(0);
    }
  });

  it('anything else gets the calm generic message', () => {
    expect(errorMessage(new Error('db exploded at row 17'), 'nl')).toBe(t('nl', 'error.unexpected'));
    expect(errorMessage('boom', 'en')).toBe(
      'Something went wrong. Nothing was lost; please try again in a moment.',
    );
  });
});

describe('fieldLabel and toLocale', () => {
  it('labels plain fields, form fields and unknown fields', () => {
    expect(fieldLabel('reason', 'nl')).toBe('Reden');
    expect(fieldLabel('endDate', 'en', 'rest_period')).toBe('Until');
    expect(fieldLabel('mystery', 'nl')).toBe('mystery');
  });

  it.each([
    ['en-US', 'en'],
    ['en', 'en'],
    ['EN_gb', 'en'],
    ['nl-NL', 'nl'],
    ['de-DE', 'nl'],
    ['', 'nl'],
    [null, 'nl'],
    [undefined, 'nl'],
  ])('toLocale(%j) → %s', (raw, locale) => {
    expect(toLocale(raw)).toBe(locale);
  });
});
