import { beforeEach, describe, expect, it, vi } from 'vitest';
import { StepAlreadyClaimedError } from '../../src/core/errors/domain-error.js';
import type { Actor } from '../../src/core/incidents/incident.access.js';
import type { Incident } from '../../src/core/incidents/incident.types.js';
import type { StepScope } from '../../src/core/incidents/step.service.js';
import type { StepAction } from '../../src/core/incidents/step.transitions.js';
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

const on = (actor: Actor, stepKey: string, requestId?: string): StepScope => ({
  incidentId: incident.id,
  actor,
  stepKey,
  ...(requestId ? { requestId } : {}),
});

const stepAudit = () =>
  fx.store.state.audit.filter((a) => a.action.startsWith('step.') || a.action === 'note.added');

describe('StepService.act', () => {
  it('stores the change and appends one audit row', async () => {
    fx.clock.advance(5 * 60_000);
    const result = await fx.steps.act(on(BOB, 'attention-victim'), { kind: 'claim' });
    expect(result.changed).toBe(true);
    expect(result.value.step).toMatchObject({ status: 'claimed', ownerId: BOB.userId, revision: 1 });
    expect(result.value.incident.id).toBe(incident.id);
    expect(await fx.store.steps.get(incident.id, 'attention-victim')).toEqual(result.value.step);
    expect(stepAudit()).toEqual([
      expect.objectContaining({
        action: 'step.claimed',
        actorId: BOB.userId,
        incidentId: incident.id,
        workspaceId: fx.workspace.id,
        details: { step: 'attention-victim' },
        at: fx.clock.now(),
      }),
    ]);
  });

  it('a full round: claim, assign, done by the lead, reopen', async () => {
    await fx.steps.act(on(BOB, 'police-advice'), { kind: 'claim' });
    await fx.steps.act(on(BOB, 'police-advice'), { kind: 'assign', assigneeId: CARLA.userId });
    await fx.steps.act(on(ANNA, 'police-advice'), { kind: 'done' });
    const reopened = await fx.steps.act(on(CARLA, 'police-advice'), { kind: 'reopen' });
    expect(reopened.value.step).toMatchObject({ status: 'open', ownerId: null, revision: 4 });
    expect(stepAudit().map((a) => a.action)).toEqual([
      'step.claimed',
      'step.assigned',
      'step.done',
      'step.reopened',
    ]);
  });

  it('a repeat (nothing to change) writes nothing', async () => {
    await fx.steps.act(on(BOB, 'attention-victim'), { kind: 'claim' });
    const again = await fx.steps.act(on(BOB, 'attention-victim'), { kind: 'claim' });
    expect(again.changed).toBe(false);
    expect(again.value.step.revision).toBe(1);
    expect(stepAudit()).toHaveLength(1);
  });

  it('the same requestId again is ignored, even for another action', async () => {
    await fx.steps.act(on(BOB, 'attention-victim', 'req-1'), { kind: 'claim' });
    const repeat = await fx.steps.act(on(BOB, 'attention-victim', 'req-1'), { kind: 'done' });
    expect(repeat.changed).toBe(false);
    expect(repeat.value.step.status).toBe('claimed');
    expect(stepAudit()).toHaveLength(1);
    expect((await fx.steps.act(on(BOB, 'attention-victim', 'req-2'), { kind: 'done' })).changed).toBe(true);
  });

  it('a refused action leaves no trace, so its requestId may be retried', async () => {
    await fx.steps.act(on(BOB, 'attention-victim'), { kind: 'claim' });
    const error = await rejection(fx.steps.act(on(CARLA, 'attention-victim', 'req-9'), { kind: 'done' }));
    expect(error).toMatchObject({ code: 'NotStepOwner' });
    await fx.steps.act(on(BOB, 'attention-victim'), { kind: 'release' });
    expect((await fx.steps.act(on(CARLA, 'attention-victim', 'req-9'), { kind: 'done' })).changed).toBe(true);
  });

  it('an unknown step → StepNotFound', async () => {
    expect(await rejection(fx.steps.act(on(BOB, 'no-such-step'), { kind: 'claim' }))).toMatchObject({
      code: 'StepNotFound',
    });
  });

  it('assigning to someone outside the incident → AssigneeNotAMember', async () => {
    const error = await rejection(
      fx.steps.act(on(BOB, 'scope-impact'), { kind: 'assign', assigneeId: 'U-OUT' }),
    );
    expect(error).toMatchObject({ code: 'AssigneeNotAMember' });
  });

  it('50 members claiming one step at once: exactly one wins', async () => {
    const members = Array.from({ length: 49 }, (_, i) => ({ userId: `U-M${i}`, displayName: `Lid ${i}` }));
    const big = await fx.open({ invited: members });
    const everyone: Actor[] = [ANNA, ...members];
    expect(everyone).toHaveLength(50);

    const results = await Promise.allSettled(
      everyone.map((actor) =>
        fx.steps.act({ incidentId: big.id, actor, stepKey: 'scope-impact' }, { kind: 'claim' }),
      ),
    );

    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(49);
    const winner = fulfilled[0]!.value;
    expect(winner.changed).toBe(true);
    const winnerId = winner.value.step.ownerId;
    for (const r of rejected) {
      expect(r.reason).toBeInstanceOf(StepAlreadyClaimedError);
      expect((r.reason as StepAlreadyClaimedError).ownerId).toBe(winnerId);
    }
    expect((await fx.store.steps.get(big.id, 'scope-impact'))?.ownerId).toBe(winnerId);
    const claims = fx.store.state.audit.filter((a) => a.incidentId === big.id && a.action === 'step.claimed');
    expect(claims).toHaveLength(1);
    expect(claims[0]?.actorId).toBe(winnerId);
  });
});

describe('StepService.addNote', () => {
  it('a note on a step: stored with its author, audited without the text', async () => {
    const result = await fx.steps.addNote(
      { incidentId: incident.id, actor: BOB, stepKey: 'police-advice' },
      '  Wijkagent gebeld  ',
    );
    expect(result.changed).toBe(true);
    expect(result.value).toMatchObject({
      incidentId: incident.id,
      stepKey: 'police-advice',
      authorId: BOB.userId,
      text: 'Wijkagent gebeld',
      createdAt: fx.clock.now(),
    });
    const audit = fx.store.state.audit.at(-1);
    expect(audit).toMatchObject({
      action: 'note.added',
      actorId: BOB.userId,
      details: { step: 'police-advice' },
    });
    expect(JSON.stringify(fx.store.state.audit)).not.toContain('Wijkagent');
  });

  it('a note on the incident itself', async () => {
    const result = await fx.steps.addNote({ incidentId: incident.id, actor: CARLA }, 'Algemene notitie');
    expect(result.value).toMatchObject({ stepKey: null, authorId: CARLA.userId });
    expect(fx.store.state.audit.at(-1)?.details).toEqual({ step: null });
    const view = await fx.incidents.view(incident.id);
    expect(view.notes.map((n) => n.text)).toEqual(['Algemene notitie']);
  });

  it('empty and too long notes are refused by field', async () => {
    const scope = { incidentId: incident.id, actor: BOB };
    expect(await rejection(fx.steps.addNote(scope, ' \n '))).toMatchObject({
      field: 'note',
      rule: 'required',
    });
    expect(await rejection(fx.steps.addNote(scope, 'x'.repeat(2001)))).toMatchObject({
      field: 'note',
      rule: 'tooLong',
      params: { max: 2000 },
    });
    expect((await fx.steps.addNote(scope, 'x'.repeat(2000))).changed).toBe(true);
  });

  it('an unknown step → StepNotFound; a repeated requestId adds one note', async () => {
    const missing = { incidentId: incident.id, actor: BOB, stepKey: 'nope' };
    expect(await rejection(fx.steps.addNote(missing, 'tekst'))).toMatchObject({ code: 'StepNotFound' });
    const scope = { incidentId: incident.id, actor: BOB, requestId: 'note-1' };
    await fx.steps.addNote(scope, 'eens');
    expect(await fx.steps.addNote(scope, 'eens')).toEqual({ changed: false, value: null });
    expect(fx.store.state.notes).toHaveLength(1);
  });
});

/** Submits the actions in the same tick, as a crowd clicking at once, and settles them all. */
function together(actions: Array<[StepScope, StepAction]>) {
  return Promise.allSettled(actions.map(([scope, action]) => fx.steps.act(scope, action)));
}

const claim: StepAction = { kind: 'claim' };

describe('StepService: actions arriving together are written together', () => {
  it('twenty members on twenty steps: every change lands, in a few transactions, one audit entry each', async () => {
    const members = Array.from({ length: 19 }, (_, i) => ({ userId: `U-M${i}`, displayName: `Lid ${i}` }));
    const big = await fx.open({ invited: members });
    const everyone = [ANNA, ...members];
    const open = (await fx.store.steps.list(big.id)).filter((step) => step.status === 'open');
    expect(open.length).toBeGreaterThanOrEqual(20);
    const transactions = vi.spyOn(fx.store, 'transaction');

    const first = fx.steps.act({ incidentId: big.id, actor: ANNA, stepKey: open[0]!.key }, claim);
    const rest = everyone
      .slice(1)
      .map((actor, i) => fx.steps.act({ incidentId: big.id, actor, stepKey: open[i + 1]!.key }, claim));
    const results = await Promise.all([first, ...rest]);

    expect(results.every((result) => result.changed)).toBe(true);
    expect(transactions.mock.calls.length).toBeLessThanOrEqual(2);
    const steps = new Map((await fx.store.steps.list(big.id)).map((step) => [step.key, step]));
    everyone.forEach((actor, i) => {
      expect(steps.get(open[i]!.key)).toMatchObject({ status: 'claimed', ownerId: actor.userId });
    });
    const claims = fx.store.state.audit.filter(
      (event) => event.incidentId === big.id && event.action === 'step.claimed',
    );
    expect(claims.map((event) => event.actorId).sort()).toEqual(everyone.map((a) => a.userId).sort());
  });

  it('two claims on one step in one batch: the first wins, the second is told who has it', async () => {
    const [bob, carla] = await together([
      [on(BOB, 'scope-impact'), claim],
      [on(CARLA, 'scope-impact'), claim],
    ]);
    expect(bob).toMatchObject({ status: 'fulfilled', value: { changed: true } });
    expect(carla?.status).toBe('rejected');
    const reason = (carla as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(StepAlreadyClaimedError);
    expect((reason as StepAlreadyClaimedError).ownerId).toBe(BOB.userId);
    expect(stepAudit().map((event) => event.actorId)).toEqual([BOB.userId]);
  });

  it('later actions see what earlier ones in the batch did (claim, then done by the same person)', async () => {
    const [claimed, done] = await together([
      [on(BOB, 'scope-impact'), claim],
      [on(BOB, 'scope-impact'), { kind: 'done' }],
    ]);
    expect(claimed).toMatchObject({ status: 'fulfilled', value: { changed: true } });
    expect(done).toMatchObject({ status: 'fulfilled', value: { changed: true } });
    expect(await fx.store.steps.get(incident.id, 'scope-impact')).toMatchObject({
      status: 'done',
      ownerId: BOB.userId,
      revision: 2,
    });
    expect(stepAudit().map((event) => event.action)).toEqual(['step.claimed', 'step.done']);
  });

  it('a stranger and an unknown step in the batch are refused; the others are still written', async () => {
    const [stranger, bob, missing, carla] = await together([
      [on(STRANGER, 'attention-victim'), claim],
      [on(BOB, 'attention-victim'), claim],
      [on(BOB, 'no-such-step'), claim],
      [on(CARLA, 'police-advice'), claim],
    ]);
    expect(stranger).toMatchObject({ status: 'rejected', reason: { code: 'NotAMember' } });
    expect(missing).toMatchObject({ status: 'rejected', reason: { code: 'StepNotFound' } });
    expect(bob).toMatchObject({ status: 'fulfilled', value: { changed: true } });
    expect(carla).toMatchObject({ status: 'fulfilled', value: { changed: true } });
    expect(stepAudit().map((event) => event.actorId)).toEqual([BOB.userId, CARLA.userId]);
  });

  it('the same delivery twice in one batch changes the step once', async () => {
    const [first, repeat] = await together([
      [on(BOB, 'attention-victim', 'slack:action:T1'), claim],
      [on(BOB, 'attention-victim', 'slack:action:T1'), { kind: 'done' }],
    ]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { changed: true } });
    expect(repeat).toMatchObject({ status: 'fulfilled', value: { changed: false } });
    expect((await fx.store.steps.get(incident.id, 'attention-victim'))?.status).toBe('claimed');
    expect(stepAudit()).toHaveLength(1);
  });

  it('a refused action in a batch leaves no mark of its delivery, so a retry is judged again', async () => {
    await fx.steps.act(on(BOB, 'attention-victim'), claim);
    const [refused, other] = await together([
      [on(CARLA, 'attention-victim', 'req-9'), { kind: 'done' }],
      [on(ANNA, 'police-advice', 'req-10'), claim],
    ]);
    expect(refused).toMatchObject({ status: 'rejected', reason: { code: 'NotStepOwner' } });
    expect(other).toMatchObject({ status: 'fulfilled', value: { changed: true } });
    await fx.steps.act(on(BOB, 'attention-victim'), { kind: 'release' });
    expect((await fx.steps.act(on(CARLA, 'attention-victim', 'req-9'), { kind: 'done' })).changed).toBe(true);
  });

  it('answers carry the members, so callers need not read them again', async () => {
    const result = await fx.steps.act(on(BOB, 'attention-victim'), claim);
    expect(result.value.members.map((member) => member.userId).sort()).toEqual(
      [ANNA, BOB, CARLA].map((actor) => actor.userId).sort(),
    );
  });

  it('when the database refuses the batch, each action is tried on its own: only the bad one fails', async () => {
    const original = fx.store.steps.writeChanges.bind(fx.store.steps);
    vi.spyOn(fx.store.steps, 'writeChanges').mockImplementation(async (changes) => {
      if (changes.steps.some((step) => step.key === 'police-advice')) throw new Error('connection reset');
      return original(changes);
    });
    const [bob, carla, anna] = await together([
      [on(BOB, 'attention-victim'), claim],
      [on(CARLA, 'police-advice'), claim],
      [on(ANNA, 'scope-impact'), claim],
    ]);
    expect(bob).toMatchObject({ status: 'fulfilled', value: { changed: true } });
    expect(anna).toMatchObject({ status: 'fulfilled', value: { changed: true } });
    expect(carla).toMatchObject({ status: 'rejected', reason: { message: 'connection reset' } });
    const steps = new Map((await fx.store.steps.list(incident.id)).map((step) => [step.key, step]));
    expect(steps.get('attention-victim')?.ownerId).toBe(BOB.userId);
    expect(steps.get('scope-impact')?.ownerId).toBe(ANNA.userId);
    expect(steps.get('police-advice')?.status).toBe('open');
    expect(
      stepAudit()
        .map((event) => event.actorId)
        .sort(),
    ).toEqual([ANNA.userId, BOB.userId].sort());
  });
});
