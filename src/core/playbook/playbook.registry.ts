import { DomainError } from '../errors/domain-error.js';
import type { Playbook, PlaybookPhase, PlaybookStep } from './playbook.types.js';

export interface StepDefinition {
  phase: PlaybookPhase;
  step: PlaybookStep;
}

/**
 * The playbooks the bot knows: the one new incidents use (`active`) and every stored version,
 * so an incident is always shown with the version it was opened with.
 */
export class PlaybookRegistry {
  private readonly byId = new Map<string, Playbook>();

  constructor(readonly active: Playbook) {
    this.register(active);
  }

  register(playbook: Playbook): void {
    this.byId.set(id(playbook.key, playbook.version), playbook);
  }

  get(key: string, version: number): Playbook {
    const playbook = this.byId.get(id(key, version));
    if (!playbook) throw new DomainError('PlaybookNotFound', { key, version });
    return playbook;
  }

  list(): Playbook[] {
    return [...this.byId.values()];
  }
}

export function findStep(playbook: Playbook, stepKey: string): StepDefinition | undefined {
  for (const phase of playbook.phases) {
    const step = phase.steps.find((candidate) => candidate.key === stepKey);
    if (step) return { phase, step };
  }
  return undefined;
}

export function allSteps(playbook: Playbook): PlaybookStep[] {
  return playbook.phases.flatMap((phase) => phase.steps);
}

function id(key: string, version: number): string {
  return `${key}@${version}`;
}
