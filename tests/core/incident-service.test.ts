import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError, NotAMemberError, NotLeadError } from '../../src/core/errors/domain-error.js';
import type { ActionScope, Actor } from '../../src/core/incidents/incident.access.js';
import type { Incident } from '../../src/core/incidents/incident.types.js';
import {
  ANNA,
  BOB,
  CARLA,
  type CoreFixture,
  createCoreFixture,
  rejection,
  STRANGER,
} from '../support/core-fixture.js';

let fx: CoreFixture;
let incident: Incident;

beforeEach(async () => {
  fx = await createCoreFixture();
  incident = await fx.open();
});

const as = (actor: Actor, extra: Partial<ActionScope> = {}): ActionScope => ({
  incidentId: incident.id,
  actor,
  ...extra,
});

async function code(promise: Promise<unknown>): Promise<string> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).code;
}

const actions = (id: string) => fx.store.state.audit.filter((a) => a.incidentId === id).map((a) => a.action);

describe('close', () => {
  it('only the lead closes; others get NotLead naming the lead', async () => {
    const error = await rejection(fx.incidents.close(as(BOB)));
    expect(error).toBeInstanceOf(NotLeadError);
    expect((error as NotLeadError).leadId).toBe(ANNA.userId);

    fx.clock.advance(60_000);
    const closed = await fx.incidents.close(as(ANNA));
    expect(closed).toMatchObject({ changed: true, value: { status: 'closed', closedAt: fx.clock.now() } });
    expect((await fx.store.incidents.get(incident.id))?.status).toBe('closed');
    expect(actions(incident.id).at(-1)).toBe('incident.closed');
  });

  it('a second close by the lead changes nothing', async () => {
    await fx.incidents.close(as(ANNA));
    const count = fx.store.state.audit.length;
    const again = await fx.incidents.close(as(ANNA));
    expect(again).toMatchObject({ changed: false, value: { status: 'closed' } });
    expect(fx.store.state.audit).toHaveLength(count);
  });

  it('after closing, changes to the acute phase are refused with IncidentClosed', async () => {
    await fx.incidents.close(as(ANNA));
    const step = { ...as(BOB), stepKey: 'attention-victim' };
    expect(await code(fx.incidents.close(as(BOB)))).toBe('IncidentClosed');
    expect(await code(fx.steps.act(step, { kind: 'claim' }))).toBe('IncidentClosed');
    expect(await code(fx.steps.addNote({ ...step }, 'nog iets'))).toBe('IncidentClosed');
    expect(
      await code(fx.steps.saveForm({ ...as(BOB), stepKey: 'rest-period' }, { endDate: '2026-04-01' })),
    ).toBe('IncidentClosed');
  });

  it('after finishing, every change is refused with IncidentFinished', async () => {
    await fx.incidents.close(as(ANNA));
    await fx.incidents.finish(as(ANNA), 'Nazorg loopt via het ZAT');
    const step = { ...as(BOB), stepKey: 'evaluate-zat' };
    expect(await code(fx.incidents.close(as(BOB)))).toBe('IncidentFinished');
    expect(await code(fx.incidents.transferLead(as(ANNA), BOB.userId))).toBe('IncidentFinished');
    expect(await code(fx.incidents.addMembers(as(BOB), [{ userId: 'U-NEW' }]))).toBe('IncidentFinished');
    expect(await code(fx.incidents.removeMember(as(ANNA), BOB.userId))).toBe('IncidentFinished');
    expect(await code(fx.steps.act(step, { kind: 'claim' }))).toBe('IncidentFinished');
    expect(await code(fx.steps.addNote(as(BOB), 'nog iets'))).toBe('IncidentFinished');
    expect(await code(fx.steps.saveForm(step, { wentWell: 'Snel gehandeld' }))).toBe('IncidentFinished');
  });
});

describe('transferLead', () => {
  it('the lead hands over to a member', async () => {
    const result = await fx.incidents.transferLead(as(ANNA), BOB.userId);
    expect(result).toMatchObject({ changed: true, value: { leadId: BOB.userId } });
    const audit = fx.store.state.audit.at(-1);
    expect(audit).toMatchObject({
      action: 'incident.lead_transferred',
      details: { from: ANNA.userId, to: BOB.userId },
    });
    expect(await code(fx.incidents.transferLead(as(ANNA), CARLA.userId))).toBe('NotLead');
  });

  it('to someone outside the incident → AssigneeNotAMember; to the lead itself → unchanged', async () => {
    expect(await code(fx.incidents.transferLead(as(ANNA), STRANGER.userId))).toBe('AssigneeNotAMember');
    expect(await fx.incidents.transferLead(as(ANNA), ANNA.userId)).toMatchObject({ changed: false });
  });

  it('a member who is not the lead → NotLead', async () => {
    expect(await code(fx.incidents.transferLead(as(BOB), BOB.userId))).toBe('NotLead');
    expect((await fx.store.incidents.get(incident.id))?.leadId).toBe(ANNA.userId);
  });
});

describe('addMembers', () => {
  it('any member may invite; only the new ones are returned and audited', async () => {
    const before = fx.store.state.audit.length;
    const result = await fx.incidents.addMembers(as(CARLA), [
      BOB,
      { userId: 'U-DAVE', displayName: 'Dave' },
      { userId: ' U-DAVE ' },
      { userId: 'U-EVE' },
    ]);
    expect(result.changed).toBe(true);
    expect(result.value.map((m) => m.userId)).toEqual(['U-DAVE', 'U-EVE']);
    expect(result.value[0]).toMatchObject({ addedBy: CARLA.userId, incidentId: incident.id });
    expect(fx.store.state.audit.slice(before).map((a) => [a.action, a.details.user])).toEqual([
      ['member.added', 'U-DAVE'],
      ['member.added', 'U-EVE'],
    ]);
    expect(await fx.store.members.list(incident.id)).toHaveLength(5);
  });

  it('inviting existing members only → changed false', async () => {
    expect(await fx.incidents.addMembers(as(BOB), [ANNA, CARLA])).toEqual({ changed: false, value: [] });
  });

  it('more than 50 members in total → invited/tooMany', async () => {
    const many = Array.from({ length: 48 }, (_, i) => ({ userId: `U-${i}` }));
    const error = await rejection(fx.incidents.addMembers(as(BOB), many));
    expect(error).toMatchObject({ code: 'InvalidInput', field: 'invited', rule: 'tooMany' });
    expect((await fx.incidents.addMembers(as(BOB), many.slice(1))).value).toHaveLength(47);
  });
});

describe('removeMember', () => {
  it('lead only; the lead cannot be removed', async () => {
    expect(await code(fx.incidents.removeMember(as(BOB), CARLA.userId))).toBe('NotLead');
    expect(await code(fx.incidents.removeMember(as(ANNA), ANNA.userId))).toBe('LeadCannotBeRemoved');
    expect(await fx.incidents.removeMember(as(ANNA), 'U-NOBODY')).toEqual({ changed: false, value: [] });
  });

  it("the removed member's claimed steps go back to open, each with a step.released entry", async () => {
    await fx.steps.act({ ...as(CARLA), stepKey: 'attention-victim' }, { kind: 'claim' });
    await fx.steps.act({ ...as(CARLA), stepKey: 'scope-impact' }, { kind: 'claim' });
    await fx.steps.act({ ...as(CARLA), stepKey: 'check-protocols' }, { kind: 'done' });
    await fx.steps.act({ ...as(BOB), stepKey: 'police-advice' }, { kind: 'claim' });
    const before = fx.store.state.audit.length;

    expect(await fx.incidents.removeMember(as(ANNA), CARLA.userId)).toEqual({
      changed: true,
      value: ['attention-victim', 'scope-impact'],
    });

    const steps = await fx.store.steps.list(incident.id);
    const byKey = (key: string) => steps.find((s) => s.key === key);
    expect(byKey('attention-victim')).toMatchObject({ status: 'open', ownerId: null, revision: 2 });
    expect(byKey('scope-impact')).toMatchObject({ status: 'open', ownerId: null });
    expect(byKey('check-protocols')).toMatchObject({ status: 'done', ownerId: CARLA.userId });
    expect(byKey('police-advice')).toMatchObject({ status: 'claimed', ownerId: BOB.userId });
    expect(fx.store.state.audit.slice(before).map((a) => [a.action, a.details])).toEqual([
      ['step.released', { step: 'attention-victim', previousOwner: CARLA.userId }],
      ['step.released', { step: 'scope-impact', previousOwner: CARLA.userId }],
      ['member.removed', { user: CARLA.userId }],
    ]);
    expect(await code(fx.steps.act({ ...as(CARLA), stepKey: 'attention-victim' }, { kind: 'claim' }))).toBe(
      'NotAMember',
    );
  });
});

describe('access', () => {
  it('strangers are refused everywhere with NotAMember', async () => {
    const stranger = as(STRANGER);
    const step = { ...stranger, stepKey: 'attention-victim' };
    const attempts: Promise<unknown>[] = [
      fx.incidents.close(stranger),
      fx.incidents.transferLead(stranger, STRANGER.userId),
      fx.incidents.addMembers(stranger, [STRANGER]),
      fx.incidents.removeMember(stranger, BOB.userId),
      fx.incidents.viewAsMember(incident.id, STRANGER),
      fx.steps.act(step, { kind: 'claim' }),
      fx.steps.addNote(stranger, 'hallo'),
      fx.steps.saveForm({ ...stranger, stepKey: 'rest-period' }, { endDate: '2026-04-01' }),
    ];
    for (const attempt of attempts) expect(await code(attempt)).toBe('NotAMember');
    const error = await rejection(fx.steps.act(step, { kind: 'claim' }));
    expect(error).toBeInstanceOf(NotAMemberError);
    expect(await fx.store.members.list(incident.id)).toHaveLength(3);
  });

  it('an unknown incident → IncidentNotFound everywhere', async () => {
    const missing: ActionScope = { incidentId: 'no-such-incident', actor: ANNA };
    const attempts: Promise<unknown>[] = [
      fx.incidents.close(missing),
      fx.incidents.transferLead(missing, BOB.userId),
      fx.incidents.addMembers(missing, [BOB]),
      fx.incidents.removeMember(missing, BOB.userId),
      fx.incidents.view('no-such-incident'),
      fx.incidents.viewAsMember('no-such-incident', ANNA),
      fx.incidents.attachSpace('no-such-incident', 'C1'),
      fx.steps.act({ ...missing, stepKey: 'attention-victim' }, { kind: 'claim' }),
      fx.steps.addNote(missing, 'hallo'),
    ];
    for (const attempt of attempts) expect(await code(attempt)).toBe('IncidentNotFound');
  });

  it('a payload from another space → ActionContextMismatch once a space is attached', async () => {
    const step = { ...as(BOB, { spaceId: 'C-OTHER' }), stepKey: 'attention-victim' };
    // Before a space exists there is nothing to compare with.
    expect((await fx.steps.act(step, { kind: 'claim' })).changed).toBe(true);
    await fx.incidents.attachSpace(incident.id, 'C-INCIDENT');
    expect(await code(fx.steps.act({ ...step, stepKey: 'scope-impact' }, { kind: 'claim' }))).toBe(
      'ActionContextMismatch',
    );
    expect(await code(fx.incidents.close(as(ANNA, { spaceId: 'C-OTHER' })))).toBe('ActionContextMismatch');
    const ok = await fx.steps.act(
      { ...step, spaceId: 'C-INCIDENT', stepKey: 'scope-impact' },
      { kind: 'claim' },
    );
    expect(ok.changed).toBe(true);
  });

  it('viewAsMember shows members the whole incident', async () => {
    const view = await fx.incidents.viewAsMember(incident.id, BOB);
    expect(view.incident.id).toBe(incident.id);
    expect(view.members).toHaveLength(3);
    expect(view.steps).toHaveLength(31);
    expect(view.notes).toEqual([]);
    expect(view.forms).toEqual([]);
  });
});

describe('system changes', () => {
  it('attachSpace keeps the first space and audits once', async () => {
    const first = await fx.incidents.attachSpace(incident.id, 'C-FIRST');
    const second = await fx.incidents.attachSpace(incident.id, 'C-SECOND');
    expect(first.spaceId).toBe('C-FIRST');
    expect(second.spaceId).toBe('C-FIRST');
    expect(actions(incident.id).filter((a) => a === 'incident.space_attached')).toHaveLength(1);
    expect(await fx.incidents.findBySpace(fx.workspace.id, 'C-FIRST')).toMatchObject({ id: incident.id });
  });

  it('markReady turns opening into open, once', async () => {
    expect((await fx.incidents.markReady(incident.id)).status).toBe('open');
    expect((await fx.incidents.markReady(incident.id)).status).toBe('open');
    const ready = fx.store.state.audit.filter((a) => a.action === 'incident.ready');
    expect(ready).toHaveLength(1);
    expect(ready[0]?.actorId).toBe('system');
    expect(await fx.incidents.listUnfinishedOpenings()).toEqual([]);
  });

  it('listForMember lists open incidents of the member only', async () => {
    const other = await fx.open({ invited: [] });
    expect((await fx.incidents.listForMember(fx.workspace.id, BOB.userId)).map((i) => i.id)).toEqual([
      incident.id,
    ]);
    expect((await fx.incidents.listForMember(fx.workspace.id, ANNA.userId)).map((i) => i.id)).toEqual([
      incident.id,
      other.id,
    ]);
  });

  it('recordFileShared notes the fact without content', async () => {
    await fx.incidents.recordFileShared(incident.id, BOB.userId);
    expect(fx.store.state.audit.at(-1)).toMatchObject({
      action: 'incident.file_shared',
      actorId: BOB.userId,
      details: {},
    });
  });
});
