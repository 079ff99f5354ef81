import { type FieldSpec, FORM_SPECS } from '../../core/forms/form.specs.js';
import { fieldLabel, isMessageKey } from '../../core/i18n/catalogue.js';
import type { FormAnswer } from '../../core/incidents/incident.types.js';
import type { Reminder } from '../reminders/reminder.types.js';
import type { DossierBlock } from './dossier.types.js';
import { followUpStateText } from './dossier-aftercare.rules.js';
import type { DossierContext } from './dossier-context.rules.js';

type Row = Record<string, unknown>;

/**
 * A filled-in form laid out as the form asks it: every field in the form's order with its
 * label (empty ones as "—"), and the repeated rows (actions, aftercare moments) as a table.
 * Aftercare moments also show how each moment went. Who saved the answer last, and when, comes first.
 */
export function formBlocks(answer: FormAnswer, ctx: DossierContext): DossierBlock[] {
  const spec = FORM_SPECS[answer.kind];
  const updated = ctx.text('dossier.step.formUpdated', {
    date: ctx.moment(answer.updatedAt),
    user: ctx.nameOf(answer.updatedBy),
  });
  const blocks: DossierBlock[] = [{ kind: 'paragraph', text: updated, tone: 'muted' }];
  if (spec.fields.length > 0) {
    blocks.push({
      kind: 'keyValue',
      rows: spec.fields.map((field) => ({
        label: fieldLabel(field.name, ctx.locale, answer.kind),
        value: showValue(field, answer.data[field.name], ctx) || ctx.text('dossier.none'),
      })),
    });
  }
  if (spec.list) {
    const list = spec.list;
    const raw = answer.data[list.name];
    const rows = Array.isArray(raw) ? (raw.filter((row) => row && typeof row === 'object') as Row[]) : [];
    if (rows.length === 0) {
      blocks.push({ kind: 'paragraph', text: ctx.text('dossier.form.empty'), tone: 'muted' });
      return blocks;
    }
    const withOutcome = answer.kind === 'aftercare_moments';
    const columns = list.fields.map((field) => fieldLabel(field.name, ctx.locale, answer.kind));
    if (withOutcome) columns.push(ctx.text('dossier.form.outcome'));
    blocks.push({
      kind: 'table',
      columns,
      rows: rows.map((row) => {
        const cells = list.fields.map(
          (field) => showValue(field, row[field.name], ctx) || ctx.text('dossier.none'),
        );
        if (withOutcome) cells.push(momentOutcome(answer, row, ctx));
        return cells;
      }),
    });
  }
  return blocks;
}

function showValue(field: FieldSpec, raw: unknown, ctx: DossierContext): string {
  if (typeof raw !== 'string' || raw.trim() === '') return '';
  switch (field.type) {
    case 'date':
      return ctx.day(raw);
    case 'choice': {
      const key = `option.${field.name}.${raw}`;
      return isMessageKey(key) ? ctx.text(key) : raw;
    }
    case 'user':
      return ctx.nameOf(raw);
    case 'text':
      return raw.replace(/\s+/g, ' ').trim();
    default:
      // Long answers keep their paragraphs.
      return raw.replace(/\r\n?/g, '\n').trim();
  }
}

/** How the reminder made for this moment went; the one for its current date and person first. */
function momentOutcome(answer: FormAnswer, row: Row, ctx: DossierContext): string {
  const id = typeof row.id === 'string' ? row.id : null;
  if (!id) return ctx.text('dossier.none');
  const made = ctx.input.reminders.filter(
    (reminder) => reminder.kind === 'aftercare' && reminder.ref === id && reminder.stepKey === answer.stepKey,
  );
  const current = `aftercare:${id}:${String(row.date)}:`;
  const reminder: Reminder | undefined =
    made.find((candidate) => candidate.key.startsWith(current)) ??
    made.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  return reminder ? followUpStateText(reminder, ctx) : ctx.text('dossier.none');
}
