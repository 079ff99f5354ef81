import type { Actor } from '../../src/core/incidents/incident.access.js';
import type { OpenIncidentInput } from '../../src/core/incidents/incident.opening.js';
import {
  IncidentService,
  type OpenIncidentCommand,
  type ServiceDeps,
} from '../../src/core/incidents/incident.service.js';
import type { Incident, Workspace } from '../../src/core/incidents/incident.types.js';
import { StepService } from '../../src/core/incidents/step.service.js';
import type { CommandService } from '../../src/core/interactions/command.service.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/builtin/index.js';
import { PlaybookRegistry } from '../../src/core/playbook/playbook.registry.js';
import type { Clock } from '../../src/core/ports/clock.js';
import type { IdGenerator } from '../../src/core/ports/ids.js';
import type { Store } from '../../src/core/ports/store.js';
import { WorkspaceService } from '../../src/core/workspaces/workspace.service.js';
import { MemoryStore } from './memory-store.js';

/** A clock that only moves when a test moves it. */
export class FakeClock implements Clock {
  current: Date;

  constructor(start: string | Date = '2026-03-10T09:00:00Z') {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(instant: string | Date): void {
    this.current = new Date(instant);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Ids `id-1`, `id-2`, … in order of asking. */
export class SequentialIds implements IdGenerator {
  private next = 0;

  constructor(private readonly prefix = 'id') {}

  newId(): string {
    this.next += 1;
    return `${this.prefix}-${this.next}`;
  }
}

export const ANNA: Actor = { userId: 'U-ANNA', displayName: 'Anna' };
export const BOB: Actor = { userId: 'U-BOB', displayName: 'Bob' };
export const CARLA: Actor = { userId: 'U-CARLA', displayName: 'Carla' };
export const STRANGER: Actor = { userId: 'U-STRANGER', displayName: 'Stranger' };

export const UNKNOWN_FACTS = {
  madeVoluntarily: 'unknown',
  perpetratorKnown: 'unknown',
  perpetratorAtOtherSchool: 'unknown',
  spread: 'unknown',
} as const;

/** The cards an incident on the built-in playbook gets, in the order they are posted. */
export const BUILTIN_CARD_KEYS = [
  'now',
  'overview',
  'phase:direct',
  'phase:victim-and-parents',
  'phase:perpetrator',
  'phase:police-and-images',
  'phase:communication',
  'phase:class-and-school',
  'phase:evaluation-aftercare',
  'tips',
] as const;

export interface CoreFixture {
  store: MemoryStore;
  clock: FakeClock;
  ids: SequentialIds;
  playbooks: PlaybookRegistry;
  deps: ServiceDeps;
  incidents: IncidentService;
  steps: StepService;
  workspaces: WorkspaceService;
  workspace: Workspace;
  /** Opens an incident: Anna opens and leads, Bob and Carla are invited, all facts unknown. */
  open(overrides?: Partial<OpenIncidentCommand>): Promise<Incident>;
}

export async function createCoreFixture(start?: string): Promise<CoreFixture> {
  const store = new MemoryStore();
  const clock = new FakeClock(start);
  const ids = new SequentialIds();
  const playbooks = new PlaybookRegistry(DEFAULT_PLAYBOOK);
  const deps: ServiceDeps = { store, clock, ids, playbooks };
  const incidents = new IncidentService(deps);
  const steps = new StepService(deps);
  const workspace = await store.workspaces.ensure('slack', 'T1', {
    locale: 'nl',
    timezone: 'Europe/Amsterdam',
  });
  const open = async (overrides: Partial<OpenIncidentCommand> = {}): Promise<Incident> => {
    const result = await incidents.open({ ...defaultOpenCommand(workspace.id), ...overrides });
    return result.value;
  };
  const workspaces = new WorkspaceService({
    store,
    clock,
    defaults: { locale: 'nl', timezone: 'Europe/Amsterdam' },
  });
  return { store, clock, ids, playbooks, deps, incidents, steps, workspaces, workspace, open };
}

export function defaultOpenCommand(workspaceId: string): OpenIncidentCommand {
  return {
    workspaceId,
    actor: ANNA,
    title: 'Foto JB klas 3B',
    kind: 'nude_photo',
    facts: { ...UNKNOWN_FACTS },
    invited: [BOB, CARLA],
  };
}

/**
 * Opens an incident the way a platform does (the command service's form, then its follow-up) and
 * waits until its space and cards exist. A naaktfoto with all facts unknown unless `input` says.
 */
export async function openAsPlatform(
  core: { commands: CommandService; store: Store },
  workspace: Workspace,
  actor: Actor,
  input: Pick<OpenIncidentInput, 'title' | 'invited'> & Partial<OpenIncidentInput>,
): Promise<{ incident: Incident; spaceId: string }> {
  const opened = await core.commands.open(workspace, actor, {
    kind: 'nude_photo',
    facts: { ...UNKNOWN_FACTS },
    ...input,
  });
  if (!opened.ok) throw new Error(opened.message);
  await opened.followUp;
  const incident = await core.store.incidents.get(opened.incident.id);
  if (!incident) throw new Error('the opened incident is not stored');
  return { incident, spaceId: incident.spaceId as string };
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** The error a function throws; fails the test when it returns. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the function to throw');
}

/** A promise with its resolve and reject, for controlling the order of asynchronous work. */
export function deferred<T = void>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (e: unknown) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
