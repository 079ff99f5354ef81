import { Writable } from 'node:stream';
import { expect } from 'vitest';
import { type App, startApp } from '../../src/app.js';
import type { AppModule } from '../../src/app-module.js';
import { type Env, loadConfig } from '../../src/config/config.js';
import type { ActionPayload } from '../../src/core/cards/action-payload.js';
import type { Actor } from '../../src/core/incidents/incident.access.js';
import type { Workspace } from '../../src/core/incidents/incident.types.js';
import {
  createSchedulerModule,
  loadSchedulerConfig,
  type SchedulerModule,
} from '../../src/jobs/scheduler.module.js';
import { createLogger } from '../../src/logging/logger.js';
import { ANNA, BOB, CARLA, FakeClock, UNKNOWN_FACTS } from './core-fixture.js';
import { ScriptedGateway } from './scripted-gateway.js';

/** The real app with a recording chat platform and the scheduler (jobs called directly). */
export interface WorkingApp {
  app: App;
  clock: FakeClock;
  gateway: ScriptedGateway;
  scheduler: SchedulerModule;
  /** Every log line, parsed. */
  logs: Array<Record<string, unknown>>;
}

export async function startWorkingApp(env: Env): Promise<WorkingApp> {
  const logs: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).trim().split('\n')) logs.push(JSON.parse(line));
      done();
    },
  });
  const clock = new FakeClock('2026-03-02T08:30:00Z');
  const gateway = new ScriptedGateway(clock);
  const scheduler = createSchedulerModule(loadSchedulerConfig({ NUDGE_AFTER_SCHOOL_HOURS: '0' }), {
    cron: false,
  });
  const platform: AppModule = {
    name: 'test-platform',
    start: async (ctx) => ctx.registerGateway('slack', () => gateway),
    stop: async () => undefined,
  };
  const app = await startApp(loadConfig({ PORT: '0', ...env }), {
    logger: createLogger('info', stream),
    clock,
    modules: [platform, scheduler],
  });
  return { app, clock, gateway, scheduler, logs };
}

/** What the work left behind, to check afterwards. */
export interface WorkDone {
  workspace: Workspace;
  /** Closed, then purged by the retention job. */
  purgedId: string;
  /** Still open: the retention job leaves it alone. */
  openId: string;
  /** The purged incident's audit entries before the purge. */
  auditBeforePurge: number;
}

/**
 * A school's incident from opening to the retention purge, touching every table the bot
 * writes: numbers, members (added and removed), steps, notes, a form saved twice, a reminder
 * sent and answered, Teams addresses saved twice, closing, and the purge of content and of old
 * delivery ids. Nothing may fail quietly: no error is logged along the way.
 */
export async function doRealWork({ app, clock, scheduler, gateway, logs }: WorkingApp): Promise<WorkDone> {
  const ctx = app.context;
  const workspace = await ctx.store.workspaces.ensure('slack', 'T-SCHOOL', {
    locale: 'nl',
    timezone: 'Europe/Amsterdam',
  });
  let deliveries = 0;
  // Platforms pass their delivery ids: recorded once, and forgotten by the retention job.
  const requestId = () => `delivery-${++deliveries}`;
  const open = async (title: string, invited: Actor[]) => {
    const opened = await ctx.commands.open(
      workspace,
      ANNA,
      { title, kind: 'nude_photo', facts: { ...UNKNOWN_FACTS }, invited },
      requestId(),
    );
    if (!opened.ok) throw new Error(opened.message);
    expect(await opened.followUp).not.toBeNull();
    return opened.incident.id;
  };
  const purgedId = await open('Foto 2B', [BOB, CARLA]);
  const openId = await open('Filmpje 3A', []);
  const click = async (
    actor: Actor,
    payload: Omit<ActionPayload, 'incidentId'>,
    input?: Record<string, unknown>,
  ) => {
    const result = await ctx.interactions.handle({
      workspace,
      actor,
      payload: { incidentId: purgedId, ...payload },
      spaceId: null,
      requestId: requestId(),
      ...(input ? { input } : {}),
    });
    await result.followUp;
    expect(result, result.message).toMatchObject({ ok: true });
    return result;
  };

  await click(BOB, { kind: 'claim', stepKey: 'attention-victim' });
  await click(BOB, { kind: 'note', stepKey: 'scope-impact' }, { note: 'Foto gedeeld in groepsapp 2B' });
  const aftercare = (date: string) => ({
    form: { moments: [{ date, about: 'victim', remind: 'U-BOB' }] },
  });
  await click(BOB, { kind: 'form', stepKey: 'plan-aftercare' }, aftercare('2026-03-09'));
  await click(BOB, { kind: 'form', stepKey: 'plan-aftercare' }, aftercare('2026-03-10'));
  expect(await ctx.incidents.removeMember({ incidentId: purgedId, actor: ANNA }, CARLA.userId)).toMatchObject(
    { changed: true },
  );

  const team = { workspaceId: workspace.id, tenantId: 'tenant-1', teamId: '19:team@thread.tacv2' };
  await ctx.stores.teams.saveTeam({ ...team, aadGroupId: null, serviceUrl: 'https://smba.example/a/' });
  await ctx.stores.teams.saveTeam({ ...team, aadGroupId: 'group-1', serviceUrl: 'https://smba.example/b/' });
  await ctx.stores.teams.saveSpace({
    workspaceId: workspace.id,
    spaceId: 'space-1',
    conversationId: '19:channel@thread.tacv2',
    serviceUrl: 'https://smba.example/b/',
    tenantId: 'tenant-1',
  });
  expect(await ctx.stores.teams.team(workspace.id)).toMatchObject({ aadGroupId: 'group-1' });

  clock.set('2026-03-10T07:00:00Z');
  expect(await scheduler.tick()).toMatchObject({ claimed: 1, sent: 1 });
  const reminderId = gateway.directs()[0]?.reminderId;
  await click(
    BOB,
    { kind: 'reminderDone', ...(reminderId ? { ref: reminderId } : {}) },
    { note: 'Gaat goed.' },
  );
  await click(ANNA, { kind: 'close' });
  // Closing ends the acute phase only; the retention period counts from finishing.
  await click(ANNA, { kind: 'finish' }, { reason: 'Nazorg is afgesproken in het ZAT-overleg' });

  const auditBeforePurge = (await ctx.store.audit.list(purgedId)).length;
  clock.set('2028-06-01T02:30:00Z');
  const report = await scheduler.purgeExpired();
  expect(report).toMatchObject({ purged: 1, failed: 0 });
  expect(report.forgottenRequests).toBeGreaterThan(0);
  expect((await ctx.store.incidents.get(purgedId))?.title).toBe('[verwijderd na de bewaartermijn]');
  expect((await ctx.store.incidents.get(openId))?.title).toBe('Filmpje 3A');
  expect(await ctx.store.notes.list(purgedId, 10)).toEqual([]);

  const errors = logs.filter((line) => Number(line.level) >= 50);
  expect(errors, JSON.stringify(errors)).toEqual([]);
  return { workspace, purgedId, openId, auditBeforePurge };
}
