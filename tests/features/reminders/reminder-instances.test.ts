import { sql } from 'kysely';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Clock } from '../../../src/core/ports/clock.js';
import { type DatabaseHandle, openDatabase } from '../../../src/db/connect.js';
import { createKyselyStore } from '../../../src/db/kysely-store.js';
import { ReminderDispatcher } from '../../../src/features/reminders/reminder.dispatcher.js';
import { reminderRepository } from '../../../src/features/reminders/reminder.repository.js';
import { ReminderService } from '../../../src/features/reminders/reminder.service.js';
import {
  DEFAULT_REMINDER_RULES,
  type ReminderRules,
} from '../../../src/features/reminders/reminder.types.js';
import { describeEachDatabase } from '../../support/databases.js';
import { dbFixture } from '../../support/db-fixture.js';
import { never, ScriptedGateway } from '../../support/scripted-gateway.js';

const INCIDENTS = 200;
const MOMENTS = 10; // 2,000 due reminders
const RULES: ReminderRules = { ...DEFAULT_REMINDER_RULES, nudgeAfterSchoolHours: 0 };
/** Wednesday 25 November 2026, 10:00 in Amsterdam: the moments are due, and it is school time. */
const SCHOOL_MORNING = new Date('2026-11-25T09:00:00Z');

/** Real time passing from a school morning, so leases run out while the rules see school hours. */
function schoolClock(): Clock {
  const started = Date.now();
  return { now: () => new Date(SCHOOL_MORNING.getTime() + (Date.now() - started)) };
}

interface Instance {
  name: string;
  handle: DatabaseHandle;
  gateway: ScriptedGateway;
  dispatcher: ReminderDispatcher;
}

describeEachDatabase(
  'several scheduler instances on one database',
  (target) => {
    let setup: DatabaseHandle;
    let url: string;
    const instances: Instance[] = [];

    /** A bot process of its own: its own connection pool, store, service, dispatcher and gateway. */
    async function startInstance(name: string, clock: Clock, leaseMs: number): Promise<Instance> {
      const handle = await openDatabase({ databaseUrl: url, dataDir: '', poolMax: 4 });
      const store = createKyselyStore(handle.db);
      const { playbooks } = await dbFixture(handle);
      const reminders = reminderRepository(handle.db);
      const service = new ReminderService({ store, reminders, playbooks, clock, rules: RULES });
      const gateway = new ScriptedGateway(clock);
      const dispatcher = new ReminderDispatcher(
        {
          reminders,
          service,
          clock,
          gatewayFor: () => gateway,
          refreshOverview: async () => undefined,
          report: () => undefined,
        },
        { owner: name, leaseMs, concurrency: 8, sendTimeoutMs: 60_000 },
      );
      const instance = { name, handle, gateway, dispatcher };
      instances.push(instance);
      return instance;
    }

    const statusCounts = async () => {
      const rows = await sql<{ status: string; count: number }>`
        select status, count(*)::int as count from reminder group by status order by status`.execute(
        setup.db,
      );
      return Object.fromEntries(rows.rows.map((row) => [row.status, row.count]));
    };

    /** How often each reminder reached the platform, over all instances. */
    const deliveries = (list: Instance[]) => {
      const counts = new Map<string, number>();
      for (const instance of list) {
        for (const delivery of instance.gateway.directs()) {
          counts.set(delivery.reminderId as string, (counts.get(delivery.reminderId as string) ?? 0) + 1);
        }
      }
      return counts;
    };

    beforeAll(async () => {
      setup = await target.open({ poolMax: 8 });
      const database = await sql<{ name: string }>`select current_database() as name`.execute(setup.db);
      const server = new URL(inject('postgresUrl') as string);
      server.pathname = `/${database.rows[0]?.name}`;
      url = server.toString();
      const fx = await dbFixture(setup);
      fx.clock.set(new Date('2026-11-25T07:30:00Z'));
      const service = new ReminderService({ ...fx, reminders: reminderRepository(setup.db), rules: RULES });
      const lead = { userId: 'U-LEAD', displayName: 'Ilse' };
      const moments = Array.from({ length: MOMENTS }, (_, i) => ({
        date: '2026-11-25',
        about: i % 2 ? 'victim' : 'class',
        remind: 'U-LEAD',
      }));
      const openOne = async () => {
        const opened = await fx.open(lead, { title: 'Foto' });
        const scope = { incidentId: opened.id, stepKey: 'plan-aftercare', actor: lead };
        await fx.steps.saveForm(scope, { moments });
        await service.sync(opened.id);
      };
      for (let batch = 0; batch < INCIDENTS; batch += 8) {
        await Promise.all(Array.from({ length: Math.min(8, INCIDENTS - batch) }, openOne));
      }
    }, 120_000);

    afterAll(async () => {
      for (const instance of instances) await instance.handle.close().catch(() => undefined);
      await setup?.close();
    });

    it('delivers each of 2,000 due reminders exactly once with three instances at work', async () => {
      expect(await statusCounts()).toEqual({ pending: INCIDENTS * MOMENTS });
      const clock = schoolClock();
      const three = await Promise.all(
        ['one', 'two', 'three'].map((name) => startInstance(name, clock, 60_000)),
      );
      await Promise.all(three.map((instance) => instance.dispatcher.tick()));
      expect(await statusCounts()).toEqual({ sent: INCIDENTS * MOMENTS });
      const counts = deliveries(three);
      expect(counts.size).toBe(INCIDENTS * MOMENTS);
      expect([...counts.values()].every((count) => count === 1)).toBe(true);
      // All three took part.
      expect(three.map((instance) => instance.gateway.directs().length).every((n) => n > 0)).toBe(true);
    }, 120_000);

    it('loses none when one instance stops dead in the middle of sending', async () => {
      await sql`update reminder set status = 'pending', sent_at = null, attempts = 0`.execute(setup.db);
      const clock = schoolClock();
      const leaseMs = 1_500;
      const [dying, ...healthy] = await Promise.all(
        ['dying', 'left', 'right'].map((name) => startInstance(name, clock, leaseMs)),
      );
      let sends = 0;
      // After 40 messages the dying instance's connection to the platform stops answering, for good.
      dying!.gateway.script = (call) => {
        if (call.method !== 'sendDirect') return;
        sends += 1;
        if (sends > 40) return never();
      };
      void dying!.dispatcher.tick();
      const deadline = Date.now() + 60_000;
      for (;;) {
        await Promise.all(healthy.map((instance) => instance.dispatcher.tick()));
        const counts = await statusCounts();
        if (counts.sent === INCIDENTS * MOMENTS || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(await statusCounts()).toEqual({ sent: INCIDENTS * MOMENTS });
      const counts = deliveries([dying!, ...healthy]);
      expect(counts.size).toBe(INCIDENTS * MOMENTS);
      expect(dying!.gateway.directs()).toHaveLength(40);
      // The reminders the dying instance held were taken over after its lease: a second attempt.
      const takenOver = await sql<{ count: number }>`
        select count(*)::int as count from reminder where attempts = 2`.execute(setup.db);
      expect(takenOver.rows[0]?.count).toBeGreaterThan(0);
      expect([...counts.values()].every((count) => count === 1)).toBe(true);
    }, 120_000);
  },
  { serverOnly: true },
);
