import { describe, expect, it } from 'vitest';
import { FORM_SPECS } from '../../src/core/forms/form.specs.js';
import { canAddRow, formRows, rowHeading, rowOfPath } from '../../src/core/forms/form-rows.js';

const actions = FORM_SPECS.action_list;

describe('rows of a repeated form group', () => {
  it('shows the stored rows and one empty row; an empty form shows one row', () => {
    expect(formRows(actions, null)).toEqual([{}]);
    expect(formRows(actions, { items: [{ who: 'Mentor' }] })).toEqual([{ who: 'Mentor' }, {}]);
  });

  it('drops trailing empty rows of what was typed, but never a row in the middle or a stored one', () => {
    const typed = { items: [{ who: 'a' }, { who: ' ' }, { who: 'c' }, { who: '' }, {}] };
    expect(formRows(actions, typed)).toEqual([{ who: 'a' }, { who: ' ' }, { who: 'c' }, {}]);
    expect(formRows(actions, { items: [{ id: 'r1', who: '' }] })).toEqual([{ id: 'r1', who: '' }, {}]);
  });

  it('gives one more row when asked, up to the group’s maximum', () => {
    expect(formRows(actions, { items: [{ who: 'a' }, {}] }, 3)).toHaveLength(3);
    const max = actions.list!.max;
    const full = { items: Array.from({ length: max }, (_, i) => ({ who: `w${i}` })) };
    expect(formRows(actions, full)).toHaveLength(max);
    expect(formRows(actions, full, max + 5)).toHaveLength(max);
    expect(canAddRow(actions, max - 1)).toBe(true);
    expect(canAddRow(actions, max)).toBe(false);
    expect(canAddRow(FORM_SPECS.evaluation, 0)).toBe(false);
  });

  it('names each row and finds the row a field error belongs to', () => {
    expect(rowHeading(actions, 1, 'nl')).toBe('Actie 2');
    expect(rowHeading(FORM_SPECS.aftercare_moments, 0, 'nl')).toBe('Nazorgmoment 1');
    expect(rowHeading(FORM_SPECS.aftercare_moments, 0, 'en')).toBe('Aftercare moment 1');
    expect(rowOfPath(actions, 'items.2.who')).toBe(2);
    expect(rowOfPath(actions, 'items')).toBeNull();
    expect(rowOfPath(actions, 'moments.1.date')).toBeNull();
    expect(rowOfPath(actions, undefined)).toBeNull();
  });
});
