import { localized } from '../../core/i18n/catalogue.js';
import type { FormAnswer, Note, Step, UserId } from '../../core/incidents/incident.types.js';
import type { PlaybookPhase, PlaybookStep } from '../../core/playbook/playbook.types.js';
import type { DossierBlock, DossierRow, DossierSection } from './dossier.types.js';
import type { DossierContext } from './dossier-context.rules.js';
import { formBlocks } from './dossier-forms.rules.js';

interface Stamp {
  at: Date;
  actorId: UserId;
}

/** Who did what to a step, as the audit trail tells it; a reopen or release wipes what it undid. */
export interface StepHistory {
  claimed: Stamp | null;
  assigned: (Stamp & { assigneeId: UserId | null }) | null;
  done: Stamp | null;
  notApplicable: Stamp | null;
}

export function stepHistories(ctx: DossierContext): Map<string, StepHistory> {
  const histories = new Map<string, StepHistory>();
  for (const event of ctx.input.audit) {
    const key = event.details.step;
    if (typeof key !== 'string' || !event.action.startsWith('step.')) continue;
    let history = histories.get(key);
    if (!history) {
      history = { claimed: null, assigned: null, done: null, notApplicable: null };
      histories.set(key, history);
    }
    const stamp = { at: event.at, actorId: event.actorId };
    switch (event.action) {
      case 'step.claimed':
        history.claimed = stamp;
        history.assigned = null;
        break;
      case 'step.assigned': {
        const assignee = event.details.assignee;
        history.assigned = { ...stamp, assigneeId: typeof assignee === 'string' ? assignee : null };
        history.claimed = null;
        break;
      }
      case 'step.released':
        history.claimed = null;
        history.assigned = null;
        break;
      case 'step.done':
        history.done = stamp;
        break;
      case 'step.not_applicable':
        history.notApplicable = stamp;
        break;
      case 'step.reopened':
        Object.assign(history, { claimed: null, assigned: null, done: null, notApplicable: null });
        break;
    }
  }
  return histories;
}

/** One section per phase of the playbook, in the playbook's order, every step in it. */
export function phaseSections(ctx: DossierContext): DossierSection[] {
  const { input } = ctx;
  const steps = new Map(input.steps.map((step) => [step.key, step]));
  const forms = new Map(input.forms.map((form) => [form.stepKey, form]));
  const notes = notesByStep(input.notes);
  const histories = stepHistories(ctx);
  const count = input.playbook.phases.length;
  return input.playbook.phases.map((phase: PlaybookPhase, index) => ({
    key: `phase:${phase.key}`,
    title: ctx.text('phase.title', { index: index + 1, count, phase: localized(phase.title, ctx.locale) }),
    blocks: phase.steps.flatMap((definition) =>
      stepBlocks(definition, steps.get(definition.key), forms.get(definition.key), ctx, {
        notes: notes.get(definition.key) ?? [],
        history: histories.get(definition.key),
      }),
    ),
    children: [],
  }));
}

/** Notes and forms whose step is not in the playbook (or general notes), so nothing is lost. */
export function otherNotesSection(ctx: DossierContext): DossierSection | null {
  const known = new Set(ctx.input.playbook.phases.flatMap((phase) => phase.steps.map((step) => step.key)));
  const notes = sortNotes(
    ctx.input.notes.filter((note) => note.stepKey === null || !known.has(note.stepKey)),
  );
  const forms = ctx.input.forms.filter((form) => !known.has(form.stepKey));
  if (notes.length === 0 && forms.length === 0) return null;
  const blocks: DossierBlock[] = forms.flatMap((form) => [
    {
      kind: 'heading' as const,
      level: 4 as const,
      text: ctx.text('dossier.step.form', { form: ctx.text(`form.${form.kind}.title`) }),
    },
    ...formBlocks(form, ctx),
  ]);
  blocks.push(...notes.map((note) => noteBlock(note, ctx)));
  return { key: 'other-notes', title: ctx.text('dossier.section.otherNotes'), blocks, children: [] };
}

function stepBlocks(
  definition: PlaybookStep,
  step: Step | undefined,
  form: FormAnswer | undefined,
  ctx: DossierContext,
  extra: { notes: Note[]; history: StepHistory | undefined },
): DossierBlock[] {
  const title = ctx.text('dossier.step.title', {
    order: definition.posterOrder,
    title: localized(definition.title, ctx.locale),
  });
  const blocks: DossierBlock[] = [{ kind: 'heading', level: 3, text: title }];
  blocks.push({ kind: 'keyValue', rows: stepRows(step, extra.history, ctx) });
  if (form) {
    blocks.push({
      kind: 'heading',
      level: 4,
      text: ctx.text('dossier.step.form', { form: ctx.text(`form.${form.kind}.title`) }),
    });
    blocks.push(...formBlocks(form, ctx));
  }
  if (extra.notes.length > 0) {
    blocks.push({ kind: 'heading', level: 4, text: ctx.text('dossier.step.notes') });
    blocks.push(...extra.notes.map((note) => noteBlock(note, ctx)));
  }
  return blocks;
}

function stepRows(
  step: Step | undefined,
  history: StepHistory | undefined,
  ctx: DossierContext,
): DossierRow[] {
  const status = step?.status ?? 'open';
  const rows: DossierRow[] = [
    { label: ctx.text('dossier.step.status'), value: ctx.text(`status.${status}`) },
  ];
  if (!step) return rows;
  const at = (stamp: Stamp) =>
    ctx.text('dossier.step.at', { date: ctx.moment(stamp.at), user: ctx.nameOf(stamp.actorId) });
  if (status === 'not_applicable') {
    const reason =
      step.naByCondition || !step.naReason ? ctx.text('dossier.step.byCondition') : step.naReason;
    rows.push({ label: ctx.text('dossier.step.reason'), value: reason });
  }
  if (step.ownerId) rows.push({ label: ctx.text('dossier.step.owner'), value: ctx.nameOf(step.ownerId) });
  if (history?.claimed) rows.push({ label: ctx.text('dossier.step.claimed'), value: at(history.claimed) });
  if (history?.assigned) {
    const { assigned } = history;
    rows.push({
      label: ctx.text('dossier.step.assigned'),
      value: ctx.text('dossier.step.assignedAt', {
        date: ctx.moment(assigned.at),
        actor: ctx.nameOf(assigned.actorId),
        user: ctx.nameOf(assigned.assigneeId),
      }),
    });
  }
  if (status === 'done') {
    const done = history?.done;
    const value = done ? at(done) : step.completedAt ? ctx.moment(step.completedAt) : null;
    if (value) rows.push({ label: ctx.text('dossier.step.done'), value });
  }
  if (status === 'not_applicable' && history?.notApplicable) {
    rows.push({ label: ctx.text('dossier.step.notApplicableSet'), value: at(history.notApplicable) });
  }
  if (step.dueAt) rows.push({ label: ctx.text('dossier.step.due'), value: ctx.moment(step.dueAt) });
  return rows;
}

function noteBlock(note: Note, ctx: DossierContext): DossierBlock {
  return {
    kind: 'note',
    meta: ctx.text('dossier.step.noteMeta', {
      date: ctx.moment(note.createdAt),
      user: ctx.nameOf(note.authorId),
    }),
    text: note.text.replace(/\r\n?/g, '\n').trim(),
  };
}

function notesByStep(notes: Note[]): Map<string, Note[]> {
  const byStep = new Map<string, Note[]>();
  for (const note of sortNotes(notes)) {
    if (note.stepKey === null) continue;
    const list = byStep.get(note.stepKey) ?? [];
    list.push(note);
    byStep.set(note.stepKey, list);
  }
  return byStep;
}

/** Oldest first; the id breaks ties so the order never depends on how the store returned them. */
function sortNotes(notes: Note[]): Note[] {
  return [...notes].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
}
