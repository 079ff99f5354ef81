import { summariseForm } from '../forms/form.summary.js';
import { taskLines, taskRowChoices } from '../forms/form-tasks.js';
import { localized, t } from '../i18n/catalogue.js';
import type { FormAnswer, Note, Step } from '../incidents/incident.types.js';
import { aftercarePhaseKey, isOverdue, isPhaseWorkable, stageOfPhase } from '../incidents/lifecycle.rules.js';
import type { PlaybookStep } from '../playbook/playbook.types.js';
import { formatInstant, shorten } from '../text/format.js';
import { webAddressUrl } from '../text/web-address.js';
import { ACTIONS, type ActionKind, type ActionSpec } from './action.table.js';
import type { Card, CardAction, StepBlock } from './card.types.js';
import { type CardContext, nameResolver, phaseCardKey } from './card-context.js';

const NOTE_PREVIEW = 280;

/** One card per phase: its steps with status, owner and the buttons that fit the status. */
export function buildPhaseCard(ctx: CardContext, phaseKey: string): Card {
  const { playbook, view, locale } = ctx;
  const index = playbook.phases.findIndex((phase) => phase.key === phaseKey);
  const phase = playbook.phases[index];
  if (!phase) throw new Error(`Unknown phase ${phaseKey}`);
  const title = t(locale, 'phase.title', {
    index: index + 1,
    count: playbook.phases.length,
    phase: localized(phase.title, locale),
  });
  const steps = phase.steps
    .map((definition) => ({ definition, step: view.steps.find((s) => s.key === definition.key) }))
    .filter((pair): pair is { definition: PlaybookStep; step: Step } => pair.step !== undefined);
  return {
    key: phaseCardKey(phase.key),
    incidentId: view.incident.id,
    fallback: `${view.incident.number} · ${title}`,
    blocks: [
      { type: 'header', text: title },
      ...steps.map(({ definition, step }) => stepBlock(ctx, definition, step)),
    ],
  };
}

/** One step with its buttons, as the phase cards and the "Nu eerst" card show it. */
export function stepBlock(ctx: CardContext, definition: PlaybookStep, step: Step): StepBlock {
  const { locale, view } = ctx;
  const nameOf = nameResolver(view.members);
  const workable = isPhaseWorkable(
    view.incident,
    stageOfPhase(step.phaseKey, aftercarePhaseKey(ctx.playbook)),
  );
  const action = (kind: ActionKind, extra: Partial<CardAction> = {}): CardAction => {
    const spec: ActionSpec = ACTIONS[kind];
    return {
      label: t(locale, spec.label),
      payload: { incidentId: view.incident.id, stepKey: step.key, kind },
      ...(spec.input ? { input: spec.input } : {}),
      ...extra,
    };
  };
  // What the step rules let only its owner and the lead do (step.transitions.ts, assertOwnerOrLead).
  const ownerOrLead = ownerAndLead(step, view.incident.leadId);
  const held = (kind: ActionKind, extra: Partial<CardAction> = {}) =>
    action(kind, ownerOrLead ? { ...extra, audience: ownerOrLead } : extra);
  let actions: CardAction[] = [];
  let menu: CardAction[] = [];
  if (workable) {
    if (step.status === 'open') {
      actions = [action('claim', { style: 'primary' }), action('done'), action('notApplicable')];
      menu = [action('assign'), action('setDue')];
    } else if (step.status === 'claimed') {
      actions = [held('done', { style: 'primary' }), held('notApplicable')];
      menu = [held('assign'), held('release'), held('setDue')];
    } else {
      menu = [held('reopen')];
    }
    if (definition.form) actions.push(action('form'));
    const rows = definition.form === 'action_list' ? taskRowChoices(formOf(ctx, step.key)?.data) : [];
    if (rows.length > 0) menu.push(action('task', { options: rows }));
    menu.push(action('note'));
  }
  // Reading every note stays possible when nothing on the step may change any more.
  if (hiddenNotes(ctx, step.key)) menu.push(action('notes'));
  const guidance = definition.guidance.map((line) => localized(line, locale));
  const links = guidance.flatMap((line) => {
    const url = webAddressUrl(line);
    return url ? [{ label: line.trim(), url }] : [];
  });
  return {
    type: 'step',
    stepKey: step.key,
    title: localized(definition.title, locale),
    guidance: guidance.filter((line) => webAddressUrl(line) === null),
    ...(links.length > 0 ? { links } : {}),
    poster: t(locale, 'step.poster', { number: definition.posterOrder }),
    status: step.status,
    statusLabel: isOverdue(step, ctx.now)
      ? `${t(locale, `status.${step.status}`)} · ${t(locale, 'step.overdueShort')}`
      : t(locale, `status.${step.status}`),
    details: stepDetails(ctx, definition, step, nameOf),
    actions,
    menu,
  };
}

/** The owner and the lead of a step someone holds or finished; null when nobody holds it. */
function ownerAndLead(step: Step, leadId: string): readonly string[] | null {
  if (step.ownerId === null) return null;
  return step.ownerId === leadId ? [leadId] : [step.ownerId, leadId];
}

function stepDetails(
  ctx: CardContext,
  definition: PlaybookStep,
  step: Step,
  nameOf: (id: string) => string,
): string[] {
  const { locale, timeZone } = ctx;
  const lines: string[] = [];
  if (step.ownerId && step.status === 'claimed') {
    lines.push(
      step.assignedBy
        ? t(locale, 'step.assignedBy', { owner: nameOf(step.ownerId), by: nameOf(step.assignedBy) })
        : t(locale, 'step.owner', { owner: nameOf(step.ownerId) }),
    );
  }
  if (step.ownerId && step.status === 'done')
    lines.push(t(locale, 'step.doneBy', { owner: nameOf(step.ownerId) }));
  if (step.dueAt && (step.status === 'open' || step.status === 'claimed')) {
    const date = formatInstant(step.dueAt, locale, timeZone);
    lines.push(
      isOverdue(step, ctx.now) ? t(locale, 'step.overdue', { date }) : t(locale, 'step.due', { date }),
    );
  }
  if (step.status === 'not_applicable') {
    lines.push(
      step.naByCondition
        ? t(locale, 'step.naByCondition')
        : t(locale, 'step.naReason', { reason: shorten(step.naReason ?? '', NOTE_PREVIEW) }),
    );
  }
  const form = formOf(ctx, step.key);
  if (definition.form && form) lines.push(...summariseForm(definition.form, form.data, locale, nameOf));
  if (definition.form === 'action_list' && form)
    lines.push(...taskLines(form.data, { locale, now: ctx.now, timeZone, nameOf }));
  const note = latestNote(ctx, step.key);
  if (note) {
    lines.push(
      t(locale, 'step.lastNote', { author: nameOf(note.authorId), text: shorten(note.text, NOTE_PREVIEW) }),
    );
    const more = noteCount(ctx, step.key) - 1;
    if (more > 0)
      lines.push(t(locale, more === 1 ? 'step.moreNotes.one' : 'step.moreNotes.other', { count: more }));
  }
  return lines;
}

function formOf(ctx: CardContext, stepKey: string): FormAnswer | undefined {
  return ctx.view.forms.find((answer) => answer.stepKey === stepKey);
}

function latestNote(ctx: CardContext, stepKey: string): Note | undefined {
  return ctx.view.notes.find((candidate) => candidate.stepKey === stepKey);
}

/** All notes of the step; the view holds only the incident's newest ones, the count holds all. */
function noteCount(ctx: CardContext, stepKey: string): number {
  const loaded = ctx.view.notes.filter((note) => note.stepKey === stepKey).length;
  return Math.max(ctx.view.noteCounts?.[stepKey] ?? 0, loaded);
}

/** Whether the card leaves part of the step's notes unread: older ones, or a long one shortened. */
function hiddenNotes(ctx: CardContext, stepKey: string): boolean {
  const note = latestNote(ctx, stepKey);
  return noteCount(ctx, stepKey) > 1 || (note !== undefined && note.text.length > NOTE_PREVIEW);
}
