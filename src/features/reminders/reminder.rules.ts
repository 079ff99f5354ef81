import { isIsoDate } from '../../core/forms/form.validation.js';
import { tasksOf } from '../../core/forms/form-tasks.js';
import type { FormAnswer, Step, UserId } from '../../core/incidents/incident.types.js';
import { isoDateIn } from '../../core/time/zoned.js';
import type { ReminderRules, ReminderState, WantedReminder } from './reminder.types.js';
import {
  addDaysIso,
  addSchoolHours,
  nextSchoolDayStart,
  nextSchoolMoment,
  type SchoolTime,
  schoolMorningOn,
  schoolTimeFor,
} from './school-time.rules.js';

/** The phase whose unclaimed steps are nudged about. */
export const DIRECT_PHASE_KEY = 'direct';
/** The step "Evalueer het proces in het ZAT-overleg"; the evaluation reminder waits for it. */
export const EVALUATION_STEP_KEY = 'evaluate-zat';

interface PlanContext {
  state: ReminderState;
  rules: ReminderRules;
  school: SchoolTime;
  isMember: (userId: UserId) => boolean;
}

/**
 * The reminders an incident's state asks for, derived from nothing but that state (and, for
 * overdue steps, when the last one went out). The same state always gives the same keys, so
 * running this twice, or on two instances, schedules nothing twice.
 *
 * Closing ends the acute phase only: a closed incident still wants its aftercare moments, the
 * evaluation reminder and the overdue reminders of its evaluation and aftercare steps. A
 * finished incident wants nothing.
 */
export function planReminders(
  state: ReminderState,
  rules: ReminderRules,
  /** The incident's evaluation and aftercare phase (`aftercarePhaseKey` of its playbook). */
  aftercarePhase: string | null,
): WantedReminder[] {
  const { incident } = state;
  if (incident.purgedAt) return [];
  const ids = new Set(state.members.map((member) => member.userId));
  const ctx: PlanContext = {
    state,
    rules,
    school: schoolTimeFor(state.workspace, rules.school),
    isMember: (userId) => ids.has(userId),
  };
  if (incident.status === 'finished') return [];
  if (incident.status === 'closed') {
    return [
      ...aftercare(ctx),
      ...evaluation(ctx),
      ...overdue(ctx, (step) => step.phaseKey === aftercarePhase),
      ...tasks(ctx, (step) => step.phaseKey === aftercarePhase),
    ];
  }
  return [...aftercare(ctx), ...restPeriodEnd(ctx), ...nudge(ctx), ...overdue(ctx), ...tasks(ctx)];
}

/** One reminder per planned moment, on its date at the start of school. */
function aftercare(ctx: PlanContext): WantedReminder[] {
  const wanted: WantedReminder[] = [];
  for (const form of formsOf(ctx, 'aftercare_moments')) {
    const moments = Array.isArray(form.data.moments) ? (form.data.moments as Record<string, unknown>[]) : [];
    for (const moment of moments) {
      const { id, date, about, remind } = moment;
      if (typeof id !== 'string' || typeof date !== 'string' || !isIsoDate(date)) continue;
      const targetId = pickTarget(ctx, typeof remind === 'string' ? remind : null, form.stepKey);
      wanted.push({
        kind: 'aftercare',
        key: `aftercare:${id}:${date}:${targetId}`,
        stepKey: form.stepKey,
        ref: id,
        targetId,
        about: typeof about === 'string' ? about : null,
        dueAt: schoolMorningOn(date, ctx.school),
      });
    }
  }
  return wanted;
}

/** On the rest period's last day; not for an end date that had already passed when it was entered. */
function restPeriodEnd(ctx: PlanContext): WantedReminder[] {
  const wanted: WantedReminder[] = [];
  for (const form of formsOf(ctx, 'rest_period')) {
    const endDate = form.data.endDate;
    if (typeof endDate !== 'string' || !isIsoDate(endDate)) continue;
    if (endDate < isoDateIn(form.updatedAt, ctx.school.timeZone)) continue;
    const targetId = pickTarget(ctx, null, form.stepKey);
    wanted.push({
      kind: 'rest_end',
      key: `rest_end:${form.stepKey}:${endDate}:${targetId}`,
      stepKey: form.stepKey,
      ref: endDate,
      targetId,
      about: 'victim',
      dueAt: schoolMorningOn(endDate, ctx.school),
    });
  }
  return wanted;
}

/** Once per incident, while some Direct step is still unclaimed. */
function nudge(ctx: PlanContext): WantedReminder[] {
  const { state, rules, school } = ctx;
  if (rules.nudgeAfterSchoolHours <= 0) return [];
  const unclaimed = state.steps.some((step) => step.phaseKey === DIRECT_PHASE_KEY && step.status === 'open');
  if (!unclaimed) return [];
  return [
    {
      kind: 'nudge',
      key: `nudge:${DIRECT_PHASE_KEY}`,
      stepKey: null,
      ref: DIRECT_PHASE_KEY,
      targetId: state.incident.leadId,
      about: null,
      dueAt: addSchoolHours(state.incident.createdAt, rules.nudgeAfterSchoolHours, school),
    },
  ];
}

/**
 * For each open or claimed step with a deadline: the next school moment at or after the
 * deadline, and never on the school day the previous overdue reminder for it went out.
 */
function overdue(ctx: PlanContext, concerns: (step: Step) => boolean = () => true): WantedReminder[] {
  const { state, school } = ctx;
  const wanted: WantedReminder[] = [];
  for (const step of state.steps) {
    if (!concerns(step)) continue;
    if (!step.dueAt || (step.status !== 'open' && step.status !== 'claimed')) continue;
    const lastSent = lastOverdueSent(ctx, step);
    let from = step.dueAt;
    if (lastSent) {
      const nextDay = nextSchoolDayStart(isoDateIn(lastSent, school.timeZone), school);
      if (nextDay > from) from = nextDay;
    }
    const dueAt = nextSchoolMoment(from, school);
    const owner = step.status === 'claimed' ? step.ownerId : null;
    const targetId = owner && ctx.isMember(owner) ? owner : state.incident.leadId;
    wanted.push({
      kind: 'overdue',
      key: `overdue:${step.key}:${dueAt.toISOString()}:${targetId}`,
      stepKey: step.key,
      ref: step.key,
      targetId,
      about: null,
      dueAt,
    });
  }
  return wanted;
}

/**
 * One per task on the action list that is not done, while its step is still open or claimed:
 * the school morning after its last day, to its owner (the lead once the owner has left). The
 * key holds the date and the owner, so a new date or owner is nudged about anew.
 */
function tasks(ctx: PlanContext, concerns: (step: Step) => boolean = () => true): WantedReminder[] {
  const { state, school } = ctx;
  const wanted: WantedReminder[] = [];
  for (const form of formsOf(ctx, 'action_list')) {
    const step = state.steps.find((candidate) => candidate.key === form.stepKey);
    if (!step || !concerns(step) || (step.status !== 'open' && step.status !== 'claimed')) continue;
    for (const task of tasksOf(form.data)) {
      if (task.done || !isIsoDate(task.due)) continue;
      const targetId = ctx.isMember(task.ownerId) ? task.ownerId : state.incident.leadId;
      wanted.push({
        kind: 'task',
        key: `task:${task.rowId}:${task.due}:${targetId}`,
        stepKey: form.stepKey,
        ref: task.rowId,
        targetId,
        about: null,
        dueAt: schoolMorningOn(addDaysIso(task.due, 1), school),
      });
    }
  }
  return wanted;
}

/** Once, when the incident has been closed for a while and the ZAT evaluation is still open. */
function evaluation(ctx: PlanContext): WantedReminder[] {
  const { state, rules, school } = ctx;
  const { incident } = state;
  if (rules.evaluationAfterDays <= 0 || !incident.closedAt) return [];
  const step = state.steps.find((candidate) => candidate.key === EVALUATION_STEP_KEY);
  if (!step || step.status === 'done' || step.status === 'not_applicable') return [];
  const day = addDaysIso(isoDateIn(incident.closedAt, school.timeZone), rules.evaluationAfterDays);
  return [
    {
      kind: 'evaluation',
      key: 'evaluation',
      stepKey: step.key,
      ref: step.key,
      targetId: incident.leadId,
      about: null,
      dueAt: schoolMorningOn(day, school),
    },
  ];
}

function formsOf(ctx: PlanContext, kind: FormAnswer['kind']): FormAnswer[] {
  return ctx.state.forms.filter((form) => form.kind === kind);
}

/** The chosen person while still a member; else the step's owner; else the lead. */
function pickTarget(ctx: PlanContext, chosen: UserId | null, stepKey: string): UserId {
  if (chosen && ctx.isMember(chosen)) return chosen;
  const owner = ctx.state.steps.find((step) => step.key === stepKey)?.ownerId;
  if (owner && ctx.isMember(owner)) return owner;
  return ctx.state.incident.leadId;
}

function lastOverdueSent(ctx: PlanContext, step: Step): Date | null {
  let last: Date | null = null;
  for (const reminder of ctx.state.reminders) {
    if (reminder.kind !== 'overdue' || reminder.stepKey !== step.key || !reminder.sentAt) continue;
    if (!last || reminder.sentAt > last) last = reminder.sentAt;
  }
  return last;
}
