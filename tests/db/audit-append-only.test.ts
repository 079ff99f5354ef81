import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';
import { blockFixture } from '../support/db-fixture.js';

describeEachDatabase('audit trail is append-only', (target) => {
  const db = blockFixture(target);
  let incidentId: string;

  beforeAll(async () => {
    const opened = await db.fx.open(
      { userId: 'U1', displayName: 'Anna' },
      { title: 'Foto klas 2B', invited: [{ userId: 'U2' }] },
    );
    incidentId = opened.id;
  });

  it('records the opening with who, what and when', async () => {
    const events = await db.fx.store.audit.list(incidentId);
    expect(events.map((event) => event.action)).toEqual(['incident.opened', 'member.added', 'member.added']);
    expect(events[0]).toMatchObject({ actorId: 'U1', incidentId, at: new Date('2026-11-25T09:00:00Z') });
  });

  it('refuses UPDATE', async () => {
    await expect(sql`update audit_event set actor_id = 'someone-else'`.execute(db.handle.db)).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
  });

  it('refuses DELETE', async () => {
    await expect(sql`delete from audit_event`.execute(db.handle.db)).rejects.toThrow(
      /append-only: DELETE refused/,
    );
  });

  it('refuses TRUNCATE', async () => {
    await expect(sql`truncate audit_event`.execute(db.handle.db)).rejects.toThrow(
      /append-only: TRUNCATE refused/,
    );
  });

  it('still has every entry after the refused attempts', async () => {
    const events = await db.fx.store.audit.list(incidentId);
    expect(events).toHaveLength(3);
    expect(events.every((event) => event.actorId === 'U1')).toBe(true);
  });

  it('keeps accepting new entries', async () => {
    await db.fx.steps.act(
      { incidentId, stepKey: 'attention-victim', actor: { userId: 'U2' } },
      { kind: 'claim' },
    );
    const events = await db.fx.store.audit.list(incidentId);
    expect(events.at(-1)).toMatchObject({
      action: 'step.claimed',
      actorId: 'U2',
      details: { step: 'attention-victim' },
    });
  });
});
