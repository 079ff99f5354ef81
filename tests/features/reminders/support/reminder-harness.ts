import type { ActionKind, ActionPayload } from '../../../../src/core/cards/action-payload.js';
import { createCoreServices } from '../../../../src/core/core-services.js';
import type { Actor } from '../../../../src/core/incidents/incident.access.js';
import type { Workspace } from '../../../../src/core/incidents/incident.types.js';
import type {
  ActionInputValues,
  InteractionResult,
} from '../../../../src/core/interactions/interaction.types.js';
import {
  type DispatchEvent,
  type DispatcherOptions,
  ReminderDispatcher,
} from '../../../../src/features/reminders/reminder.dispatcher.js';
import {
  DEFAULT_REMINDER_RULES,
  type ReminderRules,
} from '../../../../src/features/reminders/reminder.types.js';
import { reminderFeature } from '../../../../src/features/reminders/reminders.extension.js';
import { RetentionService } from '../../../../src/features/retention/retention.service.js';
import {
  ANNA,
  BOB,
  CARLA,
  type CoreFixture,
  createCoreFixture,
  openAsPlatform,
} from '../../../support/core-fixture.js';
import { ScriptedGateway } from '../../../support/scripted-gateway.js';
import { MemoryReminderStore, MemoryRetentionStore } from './memory-reminder-store.js';

export interface HarnessOptions {
  start?: string;
  rules?: Partial<ReminderRules>;
  dispatcher?: Partial<Omit<DispatcherOptions, 'owner'>>;
  workspaceSettings?: Record<string, unknown>;
  timeZone?: string;
  retentionMonths?: number;
}

/**
 * The whole reminder feature on the in-memory store with a fake clock: the services the app
 * wires, the reminder buttons registered, a sync after every change, and a dispatcher that
 * sends through a ScriptedGateway. Anna leads; Bob and Carla are members.
 */
export async function createReminderHarness(options: HarnessOptions = {}) {
  const fx: CoreFixture = await createCoreFixture(options.start ?? '2026-03-02T08:30:00Z');
  const { store, clock, ids, playbooks } = fx;
  const workspace: Workspace = {
    ...fx.workspace,
    timezone: options.timeZone ?? fx.workspace.timezone,
    settings: options.workspaceSettings ?? {},
  };
  await store.workspaces.update(workspace);
  const gateway = new ScriptedGateway(clock);
  const errors: unknown[] = [];
  const events: DispatchEvent[] = [];
  const reportError = (error: unknown) => errors.push(error);
  const rules: ReminderRules = { ...DEFAULT_REMINDER_RULES, ...options.rules };
  const reminders = new MemoryReminderStore(store);
  const feature = reminderFeature({ store, reminders, playbooks, clock, ids, rules });
  const service = feature.service;
  const { spaces, interactions, commands } = createCoreServices({
    store,
    clock,
    ids,
    playbooks,
    gatewayFor: () => gateway,
    reportError,
    extensions: [feature.extension],
  });
  const dispatcher = new ReminderDispatcher(
    {
      reminders,
      service,
      clock,
      gatewayFor: () => gateway,
      refreshOverview: (incidentId) => spaces.refresh(incidentId, []),
      report: (event) => events.push(event),
    },
    { owner: 'test-instance', ...options.dispatcher },
  );
  const retention = new RetentionService({
    retention: new MemoryRetentionStore(store, reminders),
    store,
    clock,
    months: options.retentionMonths ?? 24,
    gatewayFor: () => gateway,
  });

  /** Opens an incident the way a platform does and waits for its space and cards. */
  const open = async (actor: Actor = ANNA) => {
    const { incident, spaceId } = await openAsPlatform({ commands, store }, workspace, actor, {
      title: 'Foto klas 2B',
      invited: [BOB, CARLA],
    });
    return { incidentId: incident.id, spaceId };
  };

  /** A click (or dialog) as a platform passes it on; waits for the follow-up. */
  const click = async (
    actor: Actor,
    payload: ActionPayload,
    input?: ActionInputValues,
    spaceId: string | null = null,
  ): Promise<InteractionResult> => {
    const result = await interactions.handle({
      workspace,
      actor,
      payload: { ...payload },
      spaceId,
      ...(input ? { input } : {}),
    });
    await result.followUp;
    return result;
  };

  /** `actor` presses `kind` on the step `stepKey` of the incident, with a dialog's `input`. */
  const step = (
    actor: Actor,
    incidentId: string,
    kind: ActionKind,
    stepKey: string,
    input?: ActionInputValues,
  ) => click(actor, { incidentId, kind, stepKey }, input);

  /** `actor` presses `kind` on the reminder `ref` that was sent about the incident. */
  const reminder = (
    actor: Actor,
    incidentId: string,
    kind: ActionKind,
    ref: string,
    input?: ActionInputValues,
  ) => click(actor, { incidentId, kind, ref }, input);

  /** Moves the clock in steps until `until`, ticking at each step; a resync every `syncEvery` steps. */
  const runUntil = async (until: string | Date, stepMinutes = 15, syncEvery = 4) => {
    const end = new Date(until).getTime();
    let step = 0;
    while (clock.now().getTime() < end) {
      clock.advance(Math.min(stepMinutes * 60_000, end - clock.now().getTime()));
      step += 1;
      if (step % syncEvery === 0) await service.syncAll();
      await dispatcher.tick();
    }
  };

  return {
    fx,
    store,
    clock,
    ids,
    workspace,
    gateway,
    errors,
    events,
    spaces,
    interactions,
    commands,
    rules,
    reminders,
    service,
    dispatcher,
    retention,
    open,
    click,
    step,
    reminder,
    runUntil,
  };
}

export type ReminderHarness = Awaited<ReturnType<typeof createReminderHarness>>;

/** One row of the aftercare form. */
export const moment = (date: string, about: string, remind: string, id?: string) => ({
  date,
  about,
  remind,
  ...(id ? { id } : {}),
});

/** Bob saves the aftercare form; returns the stored moments with their ids. */
export async function planAftercare(
  h: ReminderHarness,
  incidentId: string,
  moments: ReturnType<typeof moment>[],
): Promise<{ id: string }[]> {
  const result = await h.step(BOB, incidentId, 'form', 'plan-aftercare', { form: { moments } });
  if (!result.ok) throw new Error(result.message);
  return (await h.store.forms.get(incidentId, 'plan-aftercare'))?.data.moments as { id: string }[];
}

/** The incident's pending reminders of one kind, soonest first. */
export async function pendingOf(h: ReminderHarness, incidentId: string, kind: string) {
  return (await h.reminders.listForIncident(incidentId)).filter(
    (r) => r.kind === kind && r.status === 'pending',
  );
}
