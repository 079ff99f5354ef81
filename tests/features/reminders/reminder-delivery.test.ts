import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/core/ports/gateway-error.js';
import { ReminderDispatcher } from '../../../src/features/reminders/reminder.dispatcher.js';
import { BOB } from '../../support/core-fixture.js';
import { never } from '../../support/scripted-gateway.js';
import { createReminderHarness, type HarnessOptions } from './support/reminder-harness.js';

/** One aftercare moment for Bob on Monday 9 March, 08:00 local (07:00 UTC); no nudge. */
async function planned(options: HarnessOptions = {}) {
  const h = await createReminderHarness({
    start: '2026-03-02T08:30:00Z',
    rules: { nudgeAfterSchoolHours: 0 },
    ...options,
  });
  const { incidentId } = await h.open();
  await h.step(BOB, incidentId, 'form', 'plan-aftercare', {
    form: { moments: [{ date: '2026-03-09', about: 'victim', remind: 'U-BOB' }] },
  });
  const [reminder] = (await h.reminders.listForIncident(incidentId)).filter((r) => r.kind === 'aftercare');
  h.clock.set('2026-03-09T07:00:00Z');
  return { h, incidentId, reminderId: reminder?.id as string };
}

/** Fails personal messages with the given errors in turn, then delivers. */
function failDirects(...errors: Error[]) {
  return (call: { method: string }) => {
    if (call.method !== 'sendDirect') return;
    const error = errors.shift();
    if (error) throw error;
  };
}

describe('delivering reminders', () => {
  it('retries a temporary failure with growing back-off and then delivers', async () => {
    const { h, reminderId } = await planned();
    h.gateway.script = failDirects(new Error('socket hang up'), new GatewayError('rate_limited', false));
    expect(await h.dispatcher.tick()).toMatchObject({ claimed: 1, retried: 1, sent: 0 });
    expect(await h.reminders.get(reminderId)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'error',
      dueAt: new Date('2026-03-09T07:02:00Z'),
    });
    await h.runUntil('2026-03-09T08:00:00Z', 1);
    expect(h.gateway.directs().map((d) => d.at.toISOString())).toEqual(['2026-03-09T07:06:00.000Z']);
    expect(await h.reminders.get(reminderId)).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
  });

  it('links the personal reminder into the incident’s space, with the platform’s own link', async () => {
    const { h } = await planned();
    const spaceLink = async (spaceId: string) => `https://teams.example/l/chat/${spaceId}`;
    Object.assign(h.gateway, { spaceLink });
    await h.dispatcher.tick();
    const card = h.gateway.directs()[0]?.card;
    const link = card?.blocks.find((block) => block.type === 'spaceLink');
    expect(link).toMatchObject({ type: 'spaceLink', label: expect.stringContaining('incident') });
    expect(link && 'url' in link ? link.url : null).toMatch(/^https:\/\/teams\.example\/l\/chat\//);
  });

  it('waits at least as long as the platform asks', async () => {
    const { h, reminderId } = await planned();
    h.gateway.script = failDirects(new GatewayError('rate_limited', false, { retryAfterMs: 30 * 60_000 }));
    await h.dispatcher.tick();
    expect((await h.reminders.get(reminderId))?.dueAt).toEqual(new Date('2026-03-09T07:30:00Z'));
  });

  it('gives up after the attempt limit and shows the failure on the overview card', async () => {
    const { h, incidentId, reminderId } = await planned({ dispatcher: { maxAttempts: 3 } });
    h.gateway.script = (call) => {
      if (call.method === 'sendDirect') throw new Error('platform down');
    };
    await h.runUntil('2026-03-09T12:00:00Z', 1);
    expect(await h.reminders.get(reminderId)).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastError: 'error',
    });
    expect(h.events.filter((e) => e.type === 'failed')).toHaveLength(1);
    const overview = h.gateway
      .named('updateCard')
      .filter((call) => call.card?.key === 'overview')
      .at(-1);
    expect(overview?.card?.blocks).toContainEqual({
      type: 'text',
      tone: 'attention',
      text: 'Herinnering niet bezorgd: nazorg voor het slachtoffer voor Bob (9 mrt 2026). Neem zelf even contact op.',
    });
    h.clock.advance(15 * 86_400_000); // after two weeks the notice is left off
    expect(JSON.stringify(await h.spaces.buildCard(incidentId, 'overview'))).not.toContain('niet bezorgd');
  });

  it('does not retry what the platform says can never work', async () => {
    const { h, reminderId } = await planned();
    h.gateway.script = failDirects(new GatewayError('user_gone', true));
    await h.runUntil('2026-03-09T12:00:00Z', 5);
    expect(await h.reminders.get(reminderId)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'user_gone',
    });
    expect(h.gateway.directs()).toEqual([]);
  });

  it('counts a platform call that hangs as a failed attempt', async () => {
    const { h, reminderId } = await planned({ dispatcher: { sendTimeoutMs: 20 } });
    h.gateway.script = (call) => (call.method === 'sendDirect' ? never() : undefined);
    await h.dispatcher.tick();
    expect(await h.reminders.get(reminderId)).toMatchObject({
      status: 'pending',
      lastError: 'timeout',
      attempts: 1,
    });
  });

  it('still counts the reminder as delivered when only the line in the channel fails', async () => {
    const { h, reminderId } = await planned();
    h.gateway.script = (call) => {
      if (call.method === 'postText') throw new GatewayError('space_archived', true);
    };
    await h.dispatcher.tick();
    expect((await h.reminders.get(reminderId))?.status).toBe('sent');
    expect(h.gateway.directs()).toHaveLength(1);
  });

  it('moves a retry that would land after school hours to the next school morning', async () => {
    const { h, reminderId } = await planned({ dispatcher: { backoffMs: 10 * 60_000 } });
    h.clock.set('2026-03-09T15:55:00Z'); // 16:55 local
    h.gateway.script = failDirects(new Error('flaky'));
    await h.dispatcher.tick();
    expect((await h.reminders.get(reminderId))?.dueAt).toEqual(new Date('2026-03-10T07:00:00Z'));
  });

  it('leaves a reminder found outside school time for the next school morning, untried', async () => {
    const { h, reminderId } = await planned();
    h.clock.set('2026-03-09T20:00:00Z'); // the process was down all day
    expect(await h.dispatcher.tick()).toMatchObject({ deferred: 1, sent: 0 });
    expect(await h.reminders.get(reminderId)).toMatchObject({
      status: 'pending',
      attempts: 0,
      dueAt: new Date('2026-03-10T07:00:00Z'),
    });
  });

  it('waits, without failing, while no gateway for the platform runs in this process', async () => {
    const { h, reminderId } = await planned();
    const elsewhere = new ReminderDispatcher(
      {
        reminders: h.reminders,
        service: h.service,
        clock: h.clock,
        gatewayFor: () => {
          throw new Error('No chat platform "slack" is running');
        },
        refreshOverview: async () => undefined,
        report: (event) => h.events.push(event),
      },
      { owner: 'web-only' },
    );
    for (let minute = 0; minute < 30; minute += 1) {
      await elsewhere.tick();
      h.clock.advance(60_000);
    }
    expect(await h.reminders.get(reminderId)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(h.events.filter((e) => e.type === 'no-gateway')).toHaveLength(6);
    await h.dispatcher.tick();
    expect((await h.reminders.get(reminderId))?.status).toBe('sent');
  });

  it('cancels instead of sending when the state changed without a sync (a process died in between)', async () => {
    const { h, incidentId, reminderId } = await planned();
    await h.store.forms.upsert({
      ...(await h.store.forms.get(incidentId, 'plan-aftercare'))!,
      data: { moments: [] },
    });
    expect(await h.dispatcher.tick()).toMatchObject({ cancelled: 1, sent: 0 });
    expect((await h.reminders.get(reminderId))?.status).toBe('cancelled');
    expect(h.gateway.directs()).toEqual([]);
  });

  it('takes over a reminder whose sender died, once its lease ran out', async () => {
    const { h, reminderId } = await planned({ dispatcher: { leaseMs: 60_000 } });
    const claimed = await h.reminders.claimDue({
      now: h.clock.now(),
      owner: 'dead-instance',
      leaseUntil: new Date(h.clock.now().getTime() + 60_000),
      limit: 10,
    });
    expect(claimed.map((r) => r.id)).toContain(reminderId);
    expect(await h.dispatcher.tick()).toMatchObject({ claimed: 0 });
    h.clock.advance(61_000);
    expect(await h.dispatcher.tick()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await h.reminders.markSent(reminderId, 'dead-instance', h.clock.now())).toBe(false);
    expect(await h.reminders.get(reminderId)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
