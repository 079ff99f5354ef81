import {
  DomainError,
  InvalidInputError,
  NotStepOwnerError,
  StepAlreadyClaimedError,
} from '../errors/domain-error.js';
import { acceptUserText } from '../text/user-text.js';
import type { AuditAction, Step, UserId } from './incident.types.js';
import { LIMITS } from './limits.js';

/** What a member can do to one step. */
export type StepAction =
  | { kind: 'claim' }
  | { kind: 'release' }
  | { kind: 'assign'; assigneeId: UserId }
  | { kind: 'done' }
  | { kind: 'notApplicable'; reason: string }
  | { kind: 'reopen' }
  | { kind: 'setDue'; dueAt: Date | null };

export type StepActionKind = StepAction['kind'];

export interface TransitionContext {
  actorId: UserId;
  leadId: UserId;
  isMember: (userId: UserId) => boolean;
  now: Date;
}

export interface TransitionResult {
  step: Step;
  audit: { action: AuditAction; details: Record<string, string | null> };
}

/**
 * Applies one action to a step. Returns null when the step is already in the asked state
 * for this actor (a double click), so callers neither write nor log anything.
 * Throws a coded DomainError when the rules refuse the action.
 */
export function applyStepAction(
  step: Step,
  action: StepAction,
  ctx: TransitionContext,
): TransitionResult | null {
  switch (action.kind) {
    case 'claim':
      return claim(step, ctx);
    case 'release':
      return release(step, ctx);
    case 'assign':
      return assign(step, action.assigneeId, ctx);
    case 'done':
      return done(step, ctx);
    case 'notApplicable':
      return notApplicable(step, action.reason, ctx);
    case 'reopen':
      return reopen(step, ctx);
    case 'setDue':
      return setDue(step, action.dueAt, ctx);
  }
}

function claim(step: Step, ctx: TransitionContext): TransitionResult | null {
  if (step.status === 'claimed') {
    if (step.ownerId === ctx.actorId) return null;
    throw new StepAlreadyClaimedError(step.key, step.ownerId ?? '');
  }
  assertNotFinished(step);
  return changed(
    step,
    ctx,
    { status: 'claimed', ownerId: ctx.actorId, assignedBy: null },
    'step.claimed',
    {},
  );
}

function release(step: Step, ctx: TransitionContext): TransitionResult | null {
  if (step.status === 'open') return null;
  if (step.status !== 'claimed') assertNotFinished(step);
  assertOwnerOrLead(step, ctx);
  return changed(step, ctx, { status: 'open', ownerId: null, assignedBy: null }, 'step.released', {
    previousOwner: step.ownerId,
  });
}

function assign(step: Step, assigneeId: UserId, ctx: TransitionContext): TransitionResult | null {
  if (!ctx.isMember(assigneeId)) throw new DomainError('AssigneeNotAMember', { user: assigneeId });
  assertNotFinished(step);
  if (step.status === 'claimed') {
    if (step.ownerId === assigneeId) return null;
    assertOwnerOrLead(step, ctx);
  }
  // Taking a step yourself through "assign" is claiming it; someone else's choice is remembered.
  const assignedBy = assigneeId === ctx.actorId ? null : ctx.actorId;
  return changed(step, ctx, { status: 'claimed', ownerId: assigneeId, assignedBy }, 'step.assigned', {
    assignee: assigneeId,
    previousOwner: step.ownerId,
  });
}

function done(step: Step, ctx: TransitionContext): TransitionResult | null {
  if (step.status === 'done') return null;
  if (step.status === 'not_applicable') throw new DomainError('StepNotApplicable', { step: step.key });
  if (step.status === 'claimed') assertOwnerOrLead(step, ctx);
  const ownerId = step.ownerId ?? ctx.actorId;
  return changed(step, ctx, { status: 'done', ownerId, completedAt: ctx.now }, 'step.done', {});
}

function notApplicable(step: Step, rawReason: string, ctx: TransitionContext): TransitionResult | null {
  const reason = acceptUserText('reason', rawReason, { multiline: true });
  if (reason.length === 0) throw new InvalidInputError('reason', 'required');
  if (reason.length > LIMITS.reason) throw new InvalidInputError('reason', 'tooLong', { max: LIMITS.reason });
  if (step.status === 'not_applicable' && step.naReason === reason) return null;
  if (step.status === 'done') throw new DomainError('StepAlreadyDone', { step: step.key });
  // Changing the reason of a step someone set aside follows the same rule as reopening it.
  if (step.status === 'claimed' || (step.status === 'not_applicable' && step.ownerId !== null)) {
    assertOwnerOrLead(step, ctx);
  }
  return changed(
    step,
    ctx,
    {
      status: 'not_applicable',
      naReason: reason,
      naByCondition: false,
      ownerId: step.ownerId ?? ctx.actorId,
    },
    'step.not_applicable',
    {},
  );
}

function reopen(step: Step, ctx: TransitionContext): TransitionResult | null {
  if (step.status === 'open' || step.status === 'claimed') return null;
  // A step finished by someone may be undone by them or the lead; one a condition closed, by any member.
  if (step.ownerId !== null) assertOwnerOrLead(step, ctx);
  return changed(
    step,
    ctx,
    {
      status: 'open',
      ownerId: null,
      assignedBy: null,
      naReason: null,
      naByCondition: false,
      completedAt: null,
    },
    'step.reopened',
    { from: step.status },
  );
}

function setDue(step: Step, dueAt: Date | null, ctx: TransitionContext): TransitionResult | null {
  assertNotFinished(step);
  if (step.status === 'claimed') assertOwnerOrLead(step, ctx);
  if (sameInstant(step.dueAt, dueAt)) return null;
  return changed(step, ctx, { dueAt }, 'step.due_set', { dueAt: dueAt?.toISOString() ?? null });
}

function assertNotFinished(step: Step): void {
  if (step.status === 'done') throw new DomainError('StepAlreadyDone', { step: step.key });
  if (step.status === 'not_applicable') throw new DomainError('StepNotApplicable', { step: step.key });
}

function assertOwnerOrLead(step: Step, ctx: TransitionContext): void {
  if (step.ownerId === ctx.actorId || ctx.leadId === ctx.actorId) return;
  throw new NotStepOwnerError(step.key, step.ownerId ?? '');
}

function changed(
  step: Step,
  ctx: TransitionContext,
  patch: Partial<Step>,
  action: AuditAction,
  details: Record<string, string | null>,
): TransitionResult {
  return {
    step: { ...step, ...patch, updatedAt: ctx.now, revision: step.revision + 1 },
    audit: { action, details: { step: step.key, ...details } },
  };
}

function sameInstant(a: Date | null, b: Date | null): boolean {
  return a === b || (a !== null && b !== null && a.getTime() === b.getTime());
}
