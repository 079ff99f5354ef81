import { describe, expect, it } from 'vitest';
import {
  DomainError,
  InvalidInputError,
  NotStepOwnerError,
  StepAlreadyClaimedError,
} from '../../src/core/errors/domain-error.js';
import type { Step, StepStatus } from '../../src/core/incidents/incident.types.js';
import {
  applyStepAction,
  type StepAction,
  type TransitionContext,
  type TransitionResult,
} from '../../src/core/incidents/step.transitions.js';
import { thrown } from '../support/core-fixture.js';

const OWNER = 'U-OWNER';
const LEAD = 'U-LEAD';
const OTHER = 'U-OTHER';
const MEMBER2 = 'U-MEMBER2';
const OUTSIDER = 'U-OUTSIDER';
const MEMBERS = new Set([OWNER, LEAD, OTHER, MEMBER2]);

const EARLIER = new Date('2026-03-09T08:00:00Z');
const NOW = new Date('2026-03-10T09:00:00Z');
const DUE = new Date('2026-03-12T16:00:00Z');

function ctx(actorId: string): TransitionContext {
  return { actorId, leadId: LEAD, isMember: (userId) => MEMBERS.has(userId), now: NOW };
}

function stepIn(status: StepStatus, patch: Partial<Step> = {}): Step {
  const base: Step = {
    incidentId: 'inc-1',
    key: 'talk-victim-parents',
    phaseKey: 'victim-and-parents',
    position: 7,
    status,
    ownerId: status === 'open' ? null : OWNER,
    assignedBy: null,
    dueAt: null,
    naReason: status === 'not_applicable' ? 'Al besproken' : null,
    naByCondition: false,
    completedAt: status === 'done' ? EARLIER : null,
    updatedAt: EARLIER,
    revision: 3,
  };
  return { ...base, ...patch };
}

function apply(step: Step, action: StepAction, actorId: string): TransitionResult {
  const before = structuredClone(step);
  const result = applyStepAction(step, action, ctx(actorId));
  expect(step, 'the input step is not mutated').toEqual(before);
  if (!result) throw new Error('expected a change');
  expect(result.step.revision).toBe(step.revision + 1);
  expect(result.step.updatedAt).toEqual(NOW);
  expect(result.audit.details.step).toBe(step.key);
  return result;
}

function refusal(step: Step, action: StepAction, actorId: string): DomainError {
  const error = thrown(() => applyStepAction(step, action, ctx(actorId)));
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const ALL_ACTORS = [OWNER, LEAD, OTHER];
const OWNER_OR_LEAD = [OWNER, LEAD];

describe('claim', () => {
  it.each([LEAD, OTHER])('open → claimed by the actor (%s)', (actor) => {
    const { step, audit } = apply(stepIn('open'), { kind: 'claim' }, actor);
    expect(step).toMatchObject({ status: 'claimed', ownerId: actor });
    expect(audit).toEqual({ action: 'step.claimed', details: { step: 'talk-victim-parents' } });
  });

  it('claimed by the actor already → null', () => {
    expect(applyStepAction(stepIn('claimed'), { kind: 'claim' }, ctx(OWNER))).toBeNull();
  });

  it.each([LEAD, OTHER])('claimed by someone else → StepAlreadyClaimed naming the owner (%s)', (actor) => {
    const error = refusal(stepIn('claimed'), { kind: 'claim' }, actor);
    expect(error).toBeInstanceOf(StepAlreadyClaimedError);
    expect(error.code).toBe('StepAlreadyClaimed');
    expect((error as StepAlreadyClaimedError).ownerId).toBe(OWNER);
    expect(error.params).toEqual({ step: 'talk-victim-parents', owner: OWNER });
  });

  it.each(ALL_ACTORS)('done → StepAlreadyDone, not applicable → StepNotApplicable (%s)', (actor) => {
    expect(refusal(stepIn('done'), { kind: 'claim' }, actor).code).toBe('StepAlreadyDone');
    expect(refusal(stepIn('not_applicable'), { kind: 'claim' }, actor).code).toBe('StepNotApplicable');
  });
});

describe('release', () => {
  it.each(ALL_ACTORS)('open → null (%s)', (actor) => {
    expect(applyStepAction(stepIn('open'), { kind: 'release' }, ctx(actor))).toBeNull();
  });

  it.each(OWNER_OR_LEAD)('claimed → open by owner or lead (%s)', (actor) => {
    const { step, audit } = apply(stepIn('claimed'), { kind: 'release' }, actor);
    expect(step).toMatchObject({ status: 'open', ownerId: null });
    expect(audit).toEqual({
      action: 'step.released',
      details: { step: 'talk-victim-parents', previousOwner: OWNER },
    });
  });

  it('claimed → NotStepOwner for another member', () => {
    const error = refusal(stepIn('claimed'), { kind: 'release' }, OTHER);
    expect(error).toBeInstanceOf(NotStepOwnerError);
    expect((error as NotStepOwnerError).ownerId).toBe(OWNER);
  });

  it.each(ALL_ACTORS)('done and not applicable are refused (%s)', (actor) => {
    expect(refusal(stepIn('done'), { kind: 'release' }, actor).code).toBe('StepAlreadyDone');
    expect(refusal(stepIn('not_applicable'), { kind: 'release' }, actor).code).toBe('StepNotApplicable');
  });
});

describe('assign', () => {
  const toMember2: StepAction = { kind: 'assign', assigneeId: MEMBER2 };

  it.each(ALL_ACTORS)('open → claimed by the assignee (%s)', (actor) => {
    const { step, audit } = apply(stepIn('open'), toMember2, actor);
    expect(step).toMatchObject({ status: 'claimed', ownerId: MEMBER2 });
    expect(audit).toEqual({
      action: 'step.assigned',
      details: { step: 'talk-victim-parents', assignee: MEMBER2, previousOwner: null },
    });
  });

  it.each(OWNER_OR_LEAD)('claimed → passed on by owner or lead (%s)', (actor) => {
    const { step, audit } = apply(stepIn('claimed'), toMember2, actor);
    expect(step.ownerId).toBe(MEMBER2);
    expect(audit.details.previousOwner).toBe(OWNER);
  });

  it('claimed → NotStepOwner for another member', () => {
    expect(refusal(stepIn('claimed'), toMember2, OTHER)).toBeInstanceOf(NotStepOwnerError);
  });

  it.each(ALL_ACTORS)('to the current owner → null (%s)', (actor) => {
    expect(applyStepAction(stepIn('claimed'), { kind: 'assign', assigneeId: OWNER }, ctx(actor))).toBeNull();
  });

  it.each(['open', 'claimed', 'done', 'not_applicable'] as const)(
    'to a non-member → AssigneeNotAMember (%s)',
    (status) => {
      const error = refusal(stepIn(status), { kind: 'assign', assigneeId: OUTSIDER }, LEAD);
      expect(error.code).toBe('AssigneeNotAMember');
      expect(error.params.user).toBe(OUTSIDER);
    },
  );

  it.each(ALL_ACTORS)('done and not applicable are refused (%s)', (actor) => {
    expect(refusal(stepIn('done'), toMember2, actor).code).toBe('StepAlreadyDone');
    expect(refusal(stepIn('not_applicable'), toMember2, actor).code).toBe('StepNotApplicable');
  });
});

describe('done', () => {
  it.each([LEAD, OTHER])('open → done, owned by whoever finished it (%s)', (actor) => {
    const { step, audit } = apply(stepIn('open'), { kind: 'done' }, actor);
    expect(step).toMatchObject({ status: 'done', ownerId: actor, completedAt: NOW });
    expect(audit).toEqual({ action: 'step.done', details: { step: 'talk-victim-parents' } });
  });

  it.each(OWNER_OR_LEAD)('claimed → done keeps the owner (%s)', (actor) => {
    const { step } = apply(stepIn('claimed'), { kind: 'done' }, actor);
    expect(step).toMatchObject({ status: 'done', ownerId: OWNER, completedAt: NOW });
  });

  it('claimed → NotStepOwner for another member', () => {
    expect(refusal(stepIn('claimed'), { kind: 'done' }, OTHER).code).toBe('NotStepOwner');
  });

  it.each(ALL_ACTORS)('done → null, not applicable → StepNotApplicable (%s)', (actor) => {
    expect(applyStepAction(stepIn('done'), { kind: 'done' }, ctx(actor))).toBeNull();
    expect(refusal(stepIn('not_applicable'), { kind: 'done' }, actor).code).toBe('StepNotApplicable');
  });
});

describe('notApplicable', () => {
  const reason: StepAction = { kind: 'notApplicable', reason: '  Dader onbekend  ' };

  it.each([LEAD, OTHER])('open → not applicable with the trimmed reason (%s)', (actor) => {
    const { step, audit } = apply(stepIn('open'), reason, actor);
    expect(step).toMatchObject({
      status: 'not_applicable',
      naReason: 'Dader onbekend',
      naByCondition: false,
      ownerId: actor,
    });
    expect(audit).toEqual({ action: 'step.not_applicable', details: { step: 'talk-victim-parents' } });
  });

  it.each(OWNER_OR_LEAD)('claimed → not applicable by owner or lead (%s)', (actor) => {
    expect(apply(stepIn('claimed'), reason, actor).step).toMatchObject({
      status: 'not_applicable',
      ownerId: OWNER,
    });
  });

  it('claimed → NotStepOwner for another member', () => {
    expect(refusal(stepIn('claimed'), reason, OTHER).code).toBe('NotStepOwner');
  });

  it.each(ALL_ACTORS)('done → StepAlreadyDone (%s)', (actor) => {
    expect(refusal(stepIn('done'), reason, actor).code).toBe('StepAlreadyDone');
  });

  it.each(ALL_ACTORS)('the same reason again → null (%s)', (actor) => {
    expect(
      applyStepAction(
        stepIn('not_applicable'),
        { kind: 'notApplicable', reason: ' Al besproken ' },
        ctx(actor),
      ),
    ).toBeNull();
  });

  it.each(OWNER_OR_LEAD)('another reason → updated by owner or lead (%s)', (actor) => {
    expect(apply(stepIn('not_applicable'), reason, actor).step.naReason).toBe('Dader onbekend');
  });

  it("another reason on someone else's step → NotStepOwner", () => {
    expect(refusal(stepIn('not_applicable'), reason, OTHER).code).toBe('NotStepOwner');
  });

  it('a step a condition closed can be given a reason by any member', () => {
    const byCondition = stepIn('not_applicable', { ownerId: null, naReason: null, naByCondition: true });
    expect(apply(byCondition, reason, OTHER).step).toMatchObject({ naByCondition: false, ownerId: OTHER });
  });

  it.each(['open', 'claimed', 'done', 'not_applicable'] as const)(
    'empty or too long reason → InvalidInput (%s)',
    (status) => {
      const empty = refusal(stepIn(status), { kind: 'notApplicable', reason: ' \n ' }, OWNER);
      expect(empty).toBeInstanceOf(InvalidInputError);
      expect(empty).toMatchObject({ field: 'reason', rule: 'required' });
      const long = refusal(stepIn(status), { kind: 'notApplicable', reason: 'x'.repeat(301) }, OWNER);
      expect(long).toMatchObject({ field: 'reason', rule: 'tooLong', params: { max: 300 } });
    },
  );

  it('exactly 300 characters is accepted', () => {
    expect(
      apply(stepIn('open'), { kind: 'notApplicable', reason: 'x'.repeat(300) }, OTHER).step.naReason,
    ).toHaveLength(300);
  });
});

describe('reopen', () => {
  it.each(ALL_ACTORS)('open and claimed → null (%s)', (actor) => {
    expect(applyStepAction(stepIn('open'), { kind: 'reopen' }, ctx(actor))).toBeNull();
    expect(applyStepAction(stepIn('claimed'), { kind: 'reopen' }, ctx(actor))).toBeNull();
  });

  it.each(OWNER_OR_LEAD)('done → open by owner or lead (%s)', (actor) => {
    const { step, audit } = apply(stepIn('done'), { kind: 'reopen' }, actor);
    expect(step).toMatchObject({ status: 'open', ownerId: null, completedAt: null });
    expect(audit).toEqual({
      action: 'step.reopened',
      details: { step: 'talk-victim-parents', from: 'done' },
    });
  });

  it.each(OWNER_OR_LEAD)('not applicable → open by owner or lead (%s)', (actor) => {
    const { step, audit } = apply(stepIn('not_applicable'), { kind: 'reopen' }, actor);
    expect(step).toMatchObject({ status: 'open', ownerId: null, naReason: null, naByCondition: false });
    expect(audit.details.from).toBe('not_applicable');
  });

  it('done or not applicable by someone else → NotStepOwner', () => {
    expect(refusal(stepIn('done'), { kind: 'reopen' }, OTHER).code).toBe('NotStepOwner');
    expect(refusal(stepIn('not_applicable'), { kind: 'reopen' }, OTHER).code).toBe('NotStepOwner');
  });

  it('a step a condition closed may be reopened by any member', () => {
    const byCondition = stepIn('not_applicable', { ownerId: null, naReason: null, naByCondition: true });
    expect(apply(byCondition, { kind: 'reopen' }, OTHER).step).toMatchObject({
      status: 'open',
      naByCondition: false,
    });
  });
});

describe('setDue', () => {
  const due: StepAction = { kind: 'setDue', dueAt: DUE };

  it.each([LEAD, OTHER])('open → due date set, status unchanged (%s)', (actor) => {
    const { step, audit } = apply(stepIn('open'), due, actor);
    expect(step).toMatchObject({ status: 'open', dueAt: DUE });
    expect(audit).toEqual({
      action: 'step.due_set',
      details: { step: 'talk-victim-parents', dueAt: DUE.toISOString() },
    });
  });

  it.each(OWNER_OR_LEAD)('claimed → by owner or lead (%s)', (actor) => {
    expect(apply(stepIn('claimed'), due, actor).step.dueAt).toEqual(DUE);
  });

  it('claimed → NotStepOwner for another member', () => {
    expect(refusal(stepIn('claimed'), due, OTHER).code).toBe('NotStepOwner');
  });

  it('clearing the due date', () => {
    const { step, audit } = apply(stepIn('open', { dueAt: DUE }), { kind: 'setDue', dueAt: null }, OTHER);
    expect(step.dueAt).toBeNull();
    expect(audit.details.dueAt).toBeNull();
  });

  it('the same instant (another Date object) or null on null → null', () => {
    const withDue = stepIn('claimed', { dueAt: DUE });
    expect(
      applyStepAction(withDue, { kind: 'setDue', dueAt: new Date(DUE.getTime()) }, ctx(OWNER)),
    ).toBeNull();
    expect(applyStepAction(stepIn('open'), { kind: 'setDue', dueAt: null }, ctx(OTHER))).toBeNull();
  });

  it.each(ALL_ACTORS)('done and not applicable are refused (%s)', (actor) => {
    expect(refusal(stepIn('done'), due, actor).code).toBe('StepAlreadyDone');
    expect(refusal(stepIn('not_applicable'), due, actor).code).toBe('StepNotApplicable');
  });
});
