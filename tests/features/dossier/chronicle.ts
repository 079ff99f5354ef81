import { validateFormAnswer } from '../../../src/core/forms/form.validation.js';
import { initialSteps } from '../../../src/core/incidents/incident.opening.js';
import type {
  AuditAction,
  AuditEvent,
  FormAnswer,
  Incident,
  Member,
  Note,
  Step,
  UserId,
} from '../../../src/core/incidents/incident.types.js';
import { applyStepAction, type StepAction } from '../../../src/core/incidents/step.transitions.js';
import { findStep } from '../../../src/core/playbook/playbook.registry.js';
import type { Playbook } from '../../../src/core/playbook/playbook.types.js';
import { instantAt, isoDateIn } from '../../../src/core/time/zoned.js';
import type { Reminder } from '../../../src/features/reminders/reminder.types.js';

export const TZ = 'Europe/Amsterdam';

const KINDS = { workspace: 1, incident: 2, note: 3, reminder: 4 } as const;

/** A fixed, valid UUID per kind and number, so the fixture can be stored as it is. */
export function fixtureId(kind: keyof typeof KINDS, index: number): string {
  return `00000000-0000-4000-800${KINDS[kind]}-${String(index).padStart(12, '0')}`;
}

/** Writes an incident's history as the services would, one event at a time. */
export class Chronicle {
  now = new Date(0);
  readonly incident: Incident;
  readonly steps: Map<string, Step>;
  readonly audit: AuditEvent[] = [];
  readonly notes: Note[] = [];
  readonly forms = new Map<string, FormAnswer>();
  readonly reminders: Reminder[] = [];
  members: Member[] = [];

  constructor(
    private readonly playbook: Playbook,
    incident: Omit<Incident, 'playbookKey' | 'playbookVersion'>,
    private readonly names: Readonly<Record<UserId, string>>,
  ) {
    this.incident = { ...incident, playbookKey: playbook.key, playbookVersion: playbook.version };
    this.steps = new Map(
      initialSteps(playbook, incident.facts, incident.id, incident.createdAt).map((step) => [step.key, step]),
    );
  }

  at(isoDate: string, hour: number, minute: number): this {
    this.now = instantAt(isoDate, hour, minute, TZ);
    return this;
  }

  later(minutes: number): this {
    this.now = new Date(this.now.getTime() + minutes * 60_000);
    return this;
  }

  event(actorId: UserId, action: AuditAction, details: AuditEvent['details']): this {
    const { id, workspaceId } = this.incident;
    this.audit.push({
      workspaceId,
      incidentId: id,
      actorId,
      action,
      details,
      at: this.now,
    });
    return this;
  }

  addMember(actorId: UserId, userId: UserId): void {
    const displayName = this.names[userId] ?? null;
    this.members.push({
      incidentId: this.incident.id,
      userId,
      displayName,
      addedBy: actorId,
      addedAt: this.now,
    });
    this.event(actorId, 'member.added', { user: userId });
  }

  removeMember(actorId: UserId, userId: UserId): void {
    for (const step of this.steps.values()) {
      if (step.status !== 'claimed' || step.ownerId !== userId) continue;
      this.steps.set(step.key, { ...step, status: 'open', ownerId: null, revision: step.revision + 1 });
      this.event(actorId, 'step.released', { step: step.key, previousOwner: userId });
    }
    this.members = this.members.filter((member) => member.userId !== userId);
    this.event(actorId, 'member.removed', { user: userId });
  }

  step(actorId: UserId, key: string, action: StepAction): this {
    const step = this.steps.get(key);
    if (!step) throw new Error(`no step ${key}`);
    const ids = new Set(this.members.map((member) => member.userId));
    const result = applyStepAction(step, action, {
      actorId,
      leadId: this.incident.leadId,
      isMember: (userId) => ids.has(userId),
      now: this.now,
    });
    if (!result) throw new Error(`${action.kind} on ${key} changed nothing`);
    this.steps.set(key, result.step);
    return this.event(actorId, result.audit.action, result.audit.details);
  }

  note(authorId: UserId, stepKey: string | null, text: string): this {
    const note: Note = {
      id: fixtureId('note', this.notes.length + 1),
      incidentId: this.incident.id,
      stepKey,
      authorId,
      text,
      createdAt: this.now,
    };
    this.notes.push(note);
    return this.event(authorId, 'note.added', { step: stepKey });
  }

  form(actorId: UserId, stepKey: string, raw: Record<string, unknown>): this {
    const kind = findStep(this.playbook, stepKey)?.step.form;
    if (!kind) throw new Error(`no form on ${stepKey}`);
    const ids = new Set(this.members.map((member) => member.userId));
    const data = validateFormAnswer(kind, raw, {
      isMember: (userId) => ids.has(userId),
      today: isoDateIn(this.now, TZ),
    });
    this.forms.set(stepKey, {
      incidentId: this.incident.id,
      stepKey,
      kind,
      data,
      updatedBy: actorId,
      updatedAt: this.now,
    });
    return this.event(actorId, 'form.saved', { step: stepKey, kind });
  }

  /**
   * A reminder as the schedule makes it, from its key (`aftercare:<moment>:<date>:<user>`,
   * `rest_end:<step>:<date>:<user>`, `evaluation:<step>:<date>:<user>`), due at 08:30 that day;
   * sent at `sentAt` (local date, hour, minute), or still pending when null.
   */
  reminder(id: string, key: string, sentAt: [string, number, number] | null): Reminder {
    const [kind, ref, date, targetId] = key.split(':') as [Reminder['kind'], string, string, string];
    const moment = [...this.forms.values()]
      .filter((form) => form.kind === 'aftercare_moments')
      .flatMap((form) =>
        ((form.data.moments ?? []) as Record<string, string>[]).map((row) => ({ form, row })),
      )
      .find(({ row }) => row.id === ref);
    const sent = sentAt ? instantAt(sentAt[0], sentAt[1], sentAt[2], TZ) : null;
    const made = this.now;
    const reminder: Reminder = {
      id,
      workspaceId: this.incident.workspaceId,
      incidentId: this.incident.id,
      kind,
      key,
      stepKey: kind === 'aftercare' ? (moment?.form.stepKey ?? null) : ref,
      ref: kind === 'aftercare' ? ref : null,
      targetId,
      about: moment?.row.about ?? null,
      dueAt: instantAt(date, 8, 30, TZ),
      status: sent ? 'sent' : 'pending',
      attempts: sent ? 1 : 0,
      lastError: null,
      leaseOwner: null,
      leaseUntil: null,
      outcome: null,
      sentAt: sent,
      createdAt: made,
      updatedAt: sent ?? made,
    };
    this.reminders.push(reminder);
    return reminder;
  }
}
