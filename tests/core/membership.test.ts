import { beforeEach, describe, expect, it } from 'vitest';
import type { CoreServices } from '../../src/core/core-services.js';
import { t } from '../../src/core/i18n/catalogue.js';
import type { ActionInputValues } from '../../src/core/interactions/interaction.types.js';
import { ANNA, BOB, CARLA, type CoreFixture, STRANGER } from '../support/core-fixture.js';
import { coreWorld } from '../support/core-services.fixture.js';
import type { RecordingGateway } from '../support/recording-gateway.js';

let fx: CoreFixture;
let core: CoreServices;
let gateway: RecordingGateway;
let incidentId: string;
let spaceId: string;
let errors: unknown[];

beforeEach(async () => {
  ({ fx, core, gateway, errors, incidentId, spaceId } = await coreWorld());
});

async function act(
  actor: typeof ANNA,
  kind: 'addMember' | 'removeMember' | 'transferLead',
  input: ActionInputValues,
) {
  const result = await core.interactions.handle({
    workspace: fx.workspace,
    actor,
    payload: { incidentId, kind },
    spaceId,
    input,
  });
  await result.followUp;
  return result;
}

describe('people joining and leaving', () => {
  it('any member adds a colleague: the space follows, the timeline says so, the colleague gets a link', async () => {
    const result = await act(BOB, 'addMember', {
      colleagues: [{ userId: CARLA.userId, displayName: 'Carla' }],
    });
    expect(result).toMatchObject({ ok: true, message: t('nl', 'feedback.addMember', { names: 'Carla' }) });
    expect(gateway.named('addMembers')).toEqual([{ method: 'addMembers', spaceId, text: CARLA.userId }]);
    expect(gateway.named('postTimeline')[0]?.text).toBe(
      t('nl', 'timeline.addMember', { actor: 'Bob', names: 'Carla' }),
    );
    const [dm] = gateway.named('sendDirect');
    expect(dm?.userId).toBe(CARLA.userId);
    expect(dm?.card?.blocks).toContainEqual(expect.objectContaining({ type: 'spaceLink', spaceId }));
    expect((await core.incidents.members(incidentId)).map((m) => m.userId)).toContain(CARLA.userId);
  });

  it('adding nobody is a field error; adding someone already in changes nothing', async () => {
    expect(await act(BOB, 'addMember', { colleagues: [] })).toMatchObject({ ok: false, field: 'colleagues' });
    expect(
      await act(BOB, 'addMember', { colleagues: [{ userId: ANNA.userId, displayName: 'Anna' }] }),
    ).toMatchObject({ ok: true, changed: false });
    expect(
      await act(STRANGER, 'addMember', { colleagues: [{ userId: STRANGER.userId, displayName: 'X' }] }),
    ).toMatchObject({ ok: false, errorCode: 'NotAMember' });
  });

  it('removing a member who holds steps: they go back to open, or to the lead, as asked', async () => {
    await fx.steps.act({ incidentId, actor: BOB, stepKey: 'scope-impact' }, { kind: 'claim' });
    const removed = await act(ANNA, 'removeMember', { memberId: BOB.userId, stepsTo: 'lead' });
    expect(removed).toMatchObject({ ok: true, changed: true });
    const step = (await fx.store.steps.get(incidentId, 'scope-impact'))!;
    expect(step).toMatchObject({ status: 'claimed', ownerId: ANNA.userId, assignedBy: null });
    expect(gateway.named('removeMembers')).toEqual([{ method: 'removeMembers', spaceId, text: BOB.userId }]);
    expect(gateway.named('postTimeline')[0]?.text).toBe(
      t('nl', 'timeline.removeMemberSteps', { actor: 'Anna', name: 'Bob', count: 1, to: 'Anna' }),
    );
  });

  it('only the lead removes; the lead cannot be removed; nobody is a field error', async () => {
    expect(await act(BOB, 'removeMember', { memberId: ANNA.userId })).toMatchObject({
      ok: false,
      errorCode: 'NotLead',
    });
    expect(await act(ANNA, 'removeMember', { memberId: ANNA.userId })).toMatchObject({
      ok: false,
      errorCode: 'LeadCannotBeRemoved',
    });
    expect(await act(ANNA, 'removeMember', {})).toMatchObject({ ok: false, field: 'memberId' });
  });

  it('the lead hands over to a member, who is told personally; not to a stranger', async () => {
    expect(await act(ANNA, 'transferLead', { assigneeId: STRANGER.userId })).toMatchObject({
      ok: false,
      errorCode: 'AssigneeNotAMember',
    });
    const handed = await act(ANNA, 'transferLead', { assigneeId: BOB.userId });
    expect(handed).toMatchObject({ ok: true, message: t('nl', 'feedback.transferLead', { name: 'Bob' }) });
    expect((await fx.store.incidents.get(incidentId))?.leadId).toBe(BOB.userId);
    expect(gateway.named('sendDirect').map((call) => call.userId)).toEqual([BOB.userId]);
    expect(await act(ANNA, 'transferLead', { assigneeId: ANNA.userId })).toMatchObject({
      ok: false,
      errorCode: 'NotLead',
    });
  });

  it('an assignment by someone else reads "Toegewezen aan … door …" and tells the assignee', async () => {
    const result = await core.interactions.handle({
      workspace: fx.workspace,
      actor: ANNA,
      payload: { incidentId, kind: 'assign', stepKey: 'scope-impact' },
      spaceId,
      input: { assigneeId: BOB.userId },
    });
    await result.followUp;
    const card = await core.spaces.buildCard(incidentId, 'phase:direct');
    expect(JSON.stringify(card)).toContain(t('nl', 'step.assignedBy', { owner: 'Bob', by: 'Anna' }));
    expect(gateway.named('sendDirect').map((call) => call.userId)).toEqual([BOB.userId]);
    expect(errors).toEqual([]);
  });
});
