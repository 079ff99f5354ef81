import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, startApp } from '../../src/app.js';
import type { AppModule } from '../../src/app-module.js';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import type { ActionPayload } from '../../src/core/cards/action-payload.js';
import type { Workspace } from '../../src/core/incidents/incident.types.js';
import {
  createSchedulerModule,
  loadSchedulerConfig,
  type SchedulerModule,
} from '../../src/jobs/scheduler.module.js';
import { createLogger } from '../../src/logging/logger.js';
import { selectModules } from '../../src/modules.js';
import { configProblem } from '../support/config-problem.js';
import { ANNA, BOB, FakeClock, UNKNOWN_FACTS } from '../support/core-fixture.js';
import { ScriptedGateway } from '../support/scripted-gateway.js';

const problem = (env: Record<string, string>) => configProblem(() => loadSchedulerConfig(env));

describe('scheduler configuration', () => {
  it('has the documented defaults', () => {
    expect(loadSchedulerConfig({})).toEqual({
      reminderCron: '* * * * *',
      retentionCron: '30 2 * * *',
      syncCron: '*/5 * * * *',
      rules: {
        school: { days: [1, 2, 3, 4, 5], startMinute: 480, endMinute: 1020 },
        nudgeAfterSchoolHours: 2,
        evaluationAfterDays: 28,
      },
      retentionMonths: 24,
      maxAttempts: 6,
      leaseSeconds: 300,
    });
  });

  it('reads every variable', () => {
    const config = loadSchedulerConfig({
      REMINDER_CRON: '*/2 * * * *',
      RETENTION_CRON: '0 3 * * *',
      REMINDER_SYNC_CRON: '*/10 * * * *',
      SCHOOL_DAYS: 'ma-do',
      SCHOOL_HOURS: '08:30-16:00',
      NUDGE_AFTER_SCHOOL_HOURS: '0',
      EVALUATION_REMINDER_AFTER_DAYS: '42',
      RETENTION_MONTHS: '60',
      REMINDER_MAX_ATTEMPTS: '3',
      REMINDER_LEASE_SECONDS: '120',
    });
    expect(config).toEqual({
      reminderCron: '*/2 * * * *',
      retentionCron: '0 3 * * *',
      syncCron: '*/10 * * * *',
      rules: {
        school: { days: [1, 2, 3, 4], startMinute: 510, endMinute: 960 },
        nudgeAfterSchoolHours: 0,
        evaluationAfterDays: 42,
      },
      retentionMonths: 60,
      maxAttempts: 3,
      leaseSeconds: 120,
    });
  });

  it('stops with one line naming the variable', () => {
    expect(problem({ REMINDER_CRON: 'every minute' })).toBe(
      'Configuration error: REMINDER_CRON is not a valid cron expression (got "every minute"; for example "* * * * *").',
    );
    expect(problem({ SCHOOL_DAYS: 'weekdays' })).toBe(
      'Configuration error: SCHOOL_DAYS must list weekdays such as 1-5 or ma-vr (got "weekdays").',
    );
    expect(problem({ SCHOOL_HOURS: '17:00-08:00' })).toBe(
      'Configuration error: SCHOOL_HOURS must be a start and end time such as 08:00-17:00 (got "17:00-08:00").',
    );
    expect(problem({ RETENTION_MONTHS: '0' })).toContain(
      'RETENTION_MONTHS must be a whole number from 1 to 120',
    );
    expect(problem({ NUDGE_AFTER_SCHOOL_HOURS: '1.5' })).toContain('NUDGE_AFTER_SCHOOL_HOURS');
    expect(problem({ REMINDER_LEASE_SECONDS: '5' })).toContain('REMINDER_LEASE_SECONDS');
    for (const message of [problem({ REMINDER_CRON: 'x' }), problem({ SCHOOL_HOURS: 'x' })]) {
      expect(message.split('\n')).toHaveLength(1);
    }
  });

  it('is part of the modules every process runs, and reports a bad variable at selection', () => {
    expect(selectModules({}, loadConfig({})).map((module) => module.name)).toContain('scheduler');
    expect(() => selectModules({ SCHOOL_DAYS: '9' }, loadConfig({}))).toThrow(ConfigError);
  });
});

describe('the scheduler running in the app', () => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const quiet = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));
  const platform = (gateway: ScriptedGateway): AppModule => ({
    name: 'test-platform',
    start: async (ctx) => ctx.registerGateway('slack', () => gateway),
    stop: async () => undefined,
  });

  async function start(clock: FakeClock, scheduler: SchedulerModule, gateway: ScriptedGateway) {
    app = await startApp(loadConfig({ PORT: '0', DATA_DIR: 'memory://' }), {
      logger: quiet,
      clock,
      modules: [platform(gateway), scheduler],
    });
    const ctx = app.context;
    const workspace: Workspace = await ctx.store.workspaces.ensure('slack', 'T-SCHOOL', {
      locale: 'nl',
      timezone: 'Europe/Amsterdam',
    });
    const opened = await ctx.commands.open(workspace, ANNA, {
      title: 'Foto 2B',
      kind: 'nude_photo',
      facts: { ...UNKNOWN_FACTS },
      invited: [BOB],
    });
    if (!opened.ok) throw new Error(opened.message);
    await opened.followUp;
    const click = async (payload: Omit<ActionPayload, 'incidentId'>, input?: Record<string, unknown>) => {
      const result = await ctx.interactions.handle({
        workspace,
        actor: BOB,
        payload: { incidentId: opened.incident.id, ...payload },
        spaceId: null,
        ...(input ? { input } : {}),
      });
      await result.followUp;
      return result;
    };
    return { ctx, incidentId: opened.incident.id, click };
  }

  it('schedules after a change, sends on the tick, takes the answer and shows the next moment', async () => {
    const clock = new FakeClock('2026-03-02T08:30:00Z');
    const gateway = new ScriptedGateway(clock);
    const scheduler = createSchedulerModule(loadSchedulerConfig({ NUDGE_AFTER_SCHOOL_HOURS: '0' }), {
      cron: false,
    });
    const { ctx, incidentId, click } = await start(clock, scheduler, gateway);
    const form = await ctx.commands.formRequest(incidentId, 'plan-aftercare', BOB, 'nl');
    expect(form.values?.moments).toHaveLength(3);
    const saved = await click(
      { kind: 'form', stepKey: 'plan-aftercare' },
      { form: { moments: [{ date: '2026-03-09', about: 'victim', remind: 'U-BOB' }] } },
    );
    expect(saved.ok).toBe(true);
    const overview = JSON.stringify(await ctx.spaces.buildCard(incidentId, 'overview'));
    expect(overview).toContain('9 mrt 2026');

    expect(await scheduler.tick()).toMatchObject({ claimed: 0 });
    clock.set('2026-03-09T07:00:00Z');
    expect(await scheduler.tick()).toMatchObject({ claimed: 1, sent: 1 });
    const [message] = gateway.directs();
    expect(message).toMatchObject({ target: 'U-BOB' });
    const done = await click({ kind: 'reminderDone', ref: message?.reminderId }, { note: 'Gaat goed.' });
    expect(done).toMatchObject({ ok: true, message: 'Dank je wel. Je notitie staat bij het incident.' });
    expect((await ctx.store.notes.list(incidentId, 5)).map((note) => note.text)).toEqual(['Gaat goed.']);

    // The incident is still open: the retention job leaves it alone, however far the clock goes.
    clock.set('2029-01-01T02:30:00Z');
    expect(await scheduler.purgeExpired()).toMatchObject({ purged: 0, failed: 0 });
    expect((await ctx.store.incidents.get(incidentId))?.title).toBe('Foto 2B');
  });

  it('runs the tick on its node-cron schedule', async () => {
    const clock = new FakeClock('2026-03-09T07:30:00Z');
    const gateway = new ScriptedGateway(clock);
    const scheduler = createSchedulerModule(
      loadSchedulerConfig({ REMINDER_CRON: '* * * * * *', NUDGE_AFTER_SCHOOL_HOURS: '0' }),
      { instanceId: 'cron-test' },
    );
    const { click } = await start(clock, scheduler, gateway);
    await click(
      { kind: 'form', stepKey: 'plan-aftercare' },
      { form: { moments: [{ date: '2026-03-09', about: 'class', remind: 'U-BOB' }] } },
    );
    const deadline = Date.now() + 5_000;
    while (gateway.directs().length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(gateway.directs()).toHaveLength(1);
    await scheduler.stop();
    await expect(scheduler.tick()).resolves.toMatchObject({ claimed: 0 });
  });
});
