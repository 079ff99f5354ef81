import { DomainError } from '../errors/domain-error.js';
import {
  describeIssues,
  type PlaybookExtension,
  playbookExtensionSchema,
  playbookFileSchema,
  type StepPatch,
} from './playbook.schema.js';
import type { Playbook, PlaybookPhase, PlaybookStep } from './playbook.types.js';

/** A school's playbook file is invalid; `detail` names the file and every bad field. */
export class PlaybookInvalidError extends DomainError {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(
      'PlaybookInvalid',
      { detail: `${source}: ${problems.join('; ')}` },
      `${source}: ${problems.join('; ')}`,
    );
  }
}

/**
 * Builds the playbook a school's file describes: a whole playbook, or (with `extends`) changes
 * to one of the built-in ones. Throws PlaybookInvalidError naming the bad fields.
 */
export function loadPlaybook(data: unknown, source: string, builtins: readonly Playbook[]): Playbook {
  const isExtension = !!data && typeof data === 'object' && 'extends' in data;
  const playbook = isExtension
    ? applyExtension(parseExtension(data, source), builtins, source)
    : parseFull(data, source);
  const problems = checkPlaybook(playbook);
  if (problems.length > 0) throw new PlaybookInvalidError(source, problems);
  return playbook;
}

/** With the input on each issue, a value of the wrong type is told apart from a missing one. */
const PARSE_OPTIONS = { reportInput: true } as const;

function parseFull(data: unknown, source: string): Playbook {
  const parsed = playbookFileSchema.safeParse(data, PARSE_OPTIONS);
  if (!parsed.success) throw new PlaybookInvalidError(source, describeIssues(parsed.error));
  let order = 0;
  const phases = parsed.data.phases.map((phase) => ({
    ...phase,
    steps: phase.steps.map((step) => {
      order += 1;
      return normaliseStep(step, order);
    }),
  }));
  return { ...parsed.data, phases } as Playbook;
}

function parseExtension(data: unknown, source: string): PlaybookExtension {
  const parsed = playbookExtensionSchema.safeParse(data, PARSE_OPTIONS);
  if (!parsed.success) throw new PlaybookInvalidError(source, describeIssues(parsed.error));
  return parsed.data;
}

function applyExtension(
  extension: PlaybookExtension,
  builtins: readonly Playbook[],
  source: string,
): Playbook {
  const [baseKey, baseVersion] = extension.extends.split('@');
  const candidates = builtins.filter(
    (p) => p.key === baseKey && (!baseVersion || p.version === Number(baseVersion)),
  );
  const base = candidates.sort((a, b) => b.version - a.version)[0];
  if (!base) throw new PlaybookInvalidError(source, [`extends: no built-in playbook "${extension.extends}"`]);

  const problems: string[] = [];
  const phases: PlaybookPhase[] = structuredClone(base.phases);
  let nextOrder = Math.max(0, ...phases.flatMap((phase) => phase.steps.map((step) => step.posterOrder)));

  (extension.phases ?? []).forEach((patch, phaseIndex) => {
    let phase = phases.find((candidate) => candidate.key === patch.key);
    if (!phase) {
      if (!patch.title) {
        problems.push(`phases[${phaseIndex}].title: is required for a new phase "${patch.key}"`);
        return;
      }
      phase = { key: patch.key, title: patch.title, steps: [] };
      phases.push(phase);
    } else if (patch.title) {
      phase.title = patch.title;
    }
    for (const [stepIndex, stepPatch] of (patch.steps ?? []).entries()) {
      const path = `phases[${phaseIndex}].steps[${stepIndex}]`;
      const home = phases.find((candidate) => candidate.steps.some((step) => step.key === stepPatch.key));
      if (home && home !== phase) {
        problems.push(`${path}.key: step "${stepPatch.key}" belongs to phase "${home.key}"`);
        continue;
      }
      const existing = phase.steps.findIndex((step) => step.key === stepPatch.key);
      if (existing >= 0) {
        phase.steps[existing] = mergeStep(phase.steps[existing] as PlaybookStep, stepPatch);
      } else if (!stepPatch.title) {
        problems.push(`${path}.title: is required for a new step "${stepPatch.key}"`);
      } else {
        nextOrder += 1;
        phase.steps.push(normaliseStep({ ...stepPatch, title: stepPatch.title }, nextOrder));
      }
    }
  });

  (extension.removeSteps ?? []).forEach((stepKey, index) => {
    const phase = phases.find((candidate) => candidate.steps.some((step) => step.key === stepKey));
    if (!phase) problems.push(`removeSteps[${index}]: no step "${stepKey}"`);
    else phase.steps = phase.steps.filter((step) => step.key !== stepKey);
  });

  if (problems.length > 0) throw new PlaybookInvalidError(source, problems);

  const contacts = structuredClone(base.contacts);
  for (const contact of extension.contacts ?? []) {
    const index = contacts.findIndex((candidate) => candidate.key === contact.key);
    if (index >= 0) contacts[index] = contact;
    else contacts.push(contact);
  }

  return {
    key: extension.key,
    version: extension.version,
    name: extension.name ?? base.name,
    goal: extension.goal ?? base.goal,
    important: extension.important ?? base.important,
    tips: [...base.tips, ...(extension.addTips ?? [])],
    contacts,
    phases: phases.filter((phase) => phase.steps.length > 0),
  };
}

function normaliseStep(
  step: StepPatch & { title: PlaybookStep['title'] },
  fallbackOrder: number,
): PlaybookStep {
  const out: PlaybookStep = {
    key: step.key,
    posterOrder: step.posterOrder ?? fallbackOrder,
    title: step.title,
    guidance: step.guidance ?? [],
  };
  if (step.applicableWhen) out.applicableWhen = step.applicableWhen as PlaybookStep['applicableWhen'];
  if (step.form) out.form = step.form as PlaybookStep['form'];
  if (step.dueAfterHours) out.dueAfterHours = step.dueAfterHours;
  return out;
}

function mergeStep(step: PlaybookStep, patch: StepPatch): PlaybookStep {
  const merged = { ...step };
  for (const [name, value] of Object.entries(patch)) {
    if (value !== undefined) (merged as Record<string, unknown>)[name] = value;
  }
  return merged;
}

/** Rules the schema cannot say: unique keys across the whole playbook. */
export function checkPlaybook(playbook: Playbook): string[] {
  const problems: string[] = [];
  const phaseKeys = new Set<string>();
  const stepKeys = new Set<string>();
  playbook.phases.forEach((phase, phaseIndex) => {
    if (phaseKeys.has(phase.key)) problems.push(`phases[${phaseIndex}].key: "${phase.key}" is used twice`);
    phaseKeys.add(phase.key);
    phase.steps.forEach((step, stepIndex) => {
      if (stepKeys.has(step.key)) {
        problems.push(`phases[${phaseIndex}].steps[${stepIndex}].key: "${step.key}" is used twice`);
      }
      stepKeys.add(step.key);
    });
  });
  const contactKeys = new Set<string>();
  playbook.contacts.forEach((contact, index) => {
    if (contactKeys.has(contact.key)) problems.push(`contacts[${index}].key: "${contact.key}" is used twice`);
    contactKeys.add(contact.key);
  });
  return problems;
}
