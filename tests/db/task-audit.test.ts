import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';
import { blockFixture } from '../support/db-fixture.js';

const ANNA = { userId: 'U-ANNA', displayName: 'Anna' };
const BOB = { userId: 'U-BOB', displayName: 'Bob' };
const PSEUDONYM = /^p-[0-9a-f]{12}$/;

describeEachDatabase('a task on the action list, stored', (target) => {
  const db = blockFixture(target);
  let incidentId: string;
  let rowId: string;

  beforeAll(async () => {
    const incident = await db.fx.open(ANNA, { invited: [BOB] });
    incidentId = incident.id;
    const scope = { incidentId, stepKey: 'action-list', actor: ANNA };
    const saved = await db.fx.steps.saveForm(scope, { items: [{ who: 'mentor', what: 'Ouders bellen' }] });
    rowId = String((saved.value.data.items as Array<{ id: string }>)[0]?.id);
    await db.fx.steps.setTask(scope, { rowId, ownerId: BOB.userId, due: '2026-11-27', done: false });
  });

  it('keeps the task on its row of the form', async () => {
    const form = await db.fx.store.forms.get(incidentId, 'action-list');
    expect(form?.data.items).toEqual([
      {
        id: rowId,
        who: 'mentor',
        what: 'Ouders bellen',
        taskOwner: 'U-BOB',
        taskDue: '2026-11-27',
        taskDone: false,
      },
    ]);
  });

  it('writes the owner into the audit trail as a pseudonym, and reads it back as the person', async () => {
    const { rows } = await sql<{ actor_id: string; details: Record<string, unknown> }>`
      select actor_id, details from audit_event
      where incident_id = ${incidentId} and action = 'form.task_set'`.execute(db.handle.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.actor_id).toMatch(PSEUDONYM);
    expect(String(rows[0]?.details.owner)).toMatch(PSEUDONYM);
    expect(JSON.stringify(rows)).not.toMatch(/U-BOB|U-ANNA|Ouders bellen/);
    const events = (await db.fx.store.audit.list(incidentId)).filter(
      (event) => event.action === 'form.task_set',
    );
    expect(events.map((event) => [event.actorId, event.details])).toEqual([
      ['U-ANNA', { step: 'action-list', row: rowId, owner: 'U-BOB', due: '2026-11-27', done: false }],
    ]);
  });
});
