import { summariseForm } from '../forms/form.summary.js';
import { localized, t } from '../i18n/catalogue.js';
import type { FormAnswer, Note, Step } from '../incidents/incident.types.js';
import type { PlaybookStep } from '../playbook/playbook.types.js';
import { formatInstant, shorten } from '../text/format.js';
import type { ActionKind } from './action-payload.js';
import type { ActionInput, Card, CardAction, StepBlock } from './card.types.js';
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
    fallback: `${view.incident.number} · ${title}`,
    blocks: [
      { type: 'header', text: title },
      ...steps.map(({ definition, step }) => stepBlock(ctx, definition, step)),
    ],
  };
}

function stepBlock(ctx: CardContext, definition: PlaybookStep, step: Step): StepBlock {
  const { locale, view } = ctx;
  const nameOf = nameResolver(view.members);
  const closed = view.incident.status === 'closed';
  const action = (
    a: ActionKind,
    label: Parameters<typeof t>[1],
    extra: Partial<CardAction> = {},
  ): CardAction => ({
    label: t(locale, label),
    payload: { v: 1, i: view.incident.id, s: step.key, a },
    ...extra,
  });
  const input = (value: ActionInput) => ({ input: value });
  let actions: CardAction[] = [];
  let menu: CardAction[] = [];
  if (!closed) {
    if (step.status === 'open') {
      actions = [
        action('claim', 'action.claim', { style: 'primary' }),
        action('done', 'action.done'),
        action('notApplicable', 'action.notApplicable', input('reason')),
      ];
      menu = [
        action('assign', 'action.assign', input('assignee')),
        action('setDue', 'action.setDue', input('dueDate')),
      ];
    } else if (step.status === 'claimed') {
      actions = [
        action('done', 'action.done', { style: 'primary' }),
        action('notApplicable', 'action.notApplicable', input('reason')),
      ];
      menu = [
        action('assign', 'action.assign', input('assignee')),
        action('release', 'action.release'),
        action('setDue', 'action.setDue', input('dueDate')),
      ];
    } else {
      menu = [action('reopen', 'action.reopen')];
    }
    if (definition.form) actions.push(action('form', 'action.fill', input('form')));
    menu.push(action('note', 'action.note', input('note')));
  }
  return {
    type: 'step',
    stepKey: step.key,
    title: localized(definition.title, locale),
    guidance: definition.guidance.map((line) => localized(line, locale)),
    status: step.status,
    statusLabel: t(locale, `status.${step.status}`),
    details: stepDetails(ctx, definition, step, nameOf),
    actions,
    menu,
  };
}

function stepDetails(
  ctx: CardContext,
  definition: PlaybookStep,
  step: Step,
  nameOf: (id: string) => string,
): string[] {
  const { locale, view, timeZone } = ctx;
  const lines: string[] = [];
  if (step.ownerId && step.status === 'claimed')
    lines.push(t(locale, 'step.owner', { owner: nameOf(step.ownerId) }));
  if (step.ownerId && step.status === 'done')
    lines.push(t(locale, 'step.doneBy', { owner: nameOf(step.ownerId) }));
  if (step.dueAt && (step.status === 'open' || step.status === 'claimed')) {
    lines.push(t(locale, 'step.due', { date: formatInstant(step.dueAt, locale, timeZone) }));
  }
  if (step.status === 'not_applicable') {
    lines.push(
      step.naByCondition
        ? t(locale, 'step.naByCondition')
        : t(locale, 'step.naReason', { reason: shorten(step.naReason ?? '', NOTE_PREVIEW) }),
    );
  }
  const form: FormAnswer | undefined = view.forms.find((answer) => answer.stepKey === step.key);
  if (definition.form && form) lines.push(...summariseForm(definition.form, form.data, locale, nameOf));
  const note: Note | undefined = view.notes.find((candidate) => candidate.stepKey === step.key);
  if (note) {
    lines.push(
      t(locale, 'step.lastNote', { author: nameOf(note.authorId), text: shorten(note.text, NOTE_PREVIEW) }),
    );
  }
  return lines;
}
