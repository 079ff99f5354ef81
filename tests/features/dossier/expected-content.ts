import { type FieldSpec, FORM_SPECS } from '../../../src/core/forms/form.specs.js';
import { isMessageKey, localized, t } from '../../../src/core/i18n/catalogue.js';
import type { FormAnswer, Note } from '../../../src/core/incidents/incident.types.js';
import { formatIsoDate } from '../../../src/core/text/format.js';
import type { DossierInput } from '../../../src/features/dossier/dossier.types.js';
import { dossierContext } from '../../../src/features/dossier/dossier-context.rules.js';
import { timelineLines } from '../../../src/features/dossier/dossier-timeline.rules.js';
import { NAMES } from './worked-incident.fixture.js';

/**
 * What a dossier of `input` must show, in reading order, worked out from the input itself (not
 * from the document model): phase and step titles from the playbook, every form answer as the
 * person entered it (choices and dates in words), every note, and every timeline line.
 */
export function expectedContent(input: DossierInput) {
  const { locale, playbook } = input;
  const stepTitles: string[] = [];
  const answers: string[] = [];
  const notes: string[] = [];
  const ordered: string[] = [t(locale, 'dossier.confidential'), input.incident.title];
  const forms = new Map(input.forms.map((form) => [form.stepKey, form]));
  const byTime = (a: Note, b: Note) =>
    a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
  for (const phase of playbook.phases) {
    ordered.push(localized(phase.title, locale));
    for (const step of phase.steps) {
      const title = localized(step.title, locale);
      stepTitles.push(title);
      ordered.push(title);
      const form = forms.get(step.key);
      if (form) {
        const values = formValues(form, locale);
        answers.push(...values);
        ordered.push(...values);
      }
      for (const note of input.notes.filter((candidate) => candidate.stepKey === step.key).sort(byTime)) {
        notes.push(note.text);
        ordered.push(note.text);
      }
    }
  }
  for (const note of input.notes.filter((candidate) => candidate.stepKey === null).sort(byTime)) {
    notes.push(note.text);
    ordered.push(note.text);
  }
  const timeline = timelineLines(dossierContext(input));
  ordered.push(...timeline);
  const important = playbook.important;
  ordered.push(localized(important.title, locale), localized(important.slogan, locale));
  return { stepTitles, answers, notes, timeline, ordered };
}

/** The filled-in values of a form in the form's order; empty fields are left out. */
export function formValues(form: FormAnswer, locale: DossierInput['locale']): string[] {
  const spec = FORM_SPECS[form.kind];
  const values: string[] = [];
  const show = (field: FieldSpec, raw: unknown) => {
    if (typeof raw !== 'string' || raw === '') return;
    if (field.type === 'date') values.push(formatIsoDate(raw, locale));
    else if (field.type === 'user') values.push(NAMES[raw] ?? raw);
    else if (field.type === 'choice') {
      const key = `option.${field.name}.${raw}`;
      values.push(isMessageKey(key) ? t(locale, key) : raw);
    } else values.push(raw);
  };
  for (const field of spec.fields) show(field, form.data[field.name]);
  if (spec.list) {
    const rows = (form.data[spec.list.name] as Record<string, unknown>[] | undefined) ?? [];
    for (const row of rows) for (const field of spec.list.fields) show(field, row[field.name]);
  }
  return values;
}
