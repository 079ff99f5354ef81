import type { FormKind, IncidentFacts, Locale } from '../playbook/playbook.types.js';

/** A platform user id (Slack `U…`, Teams AAD object id); unique within a workspace. */
export type UserId = string;

export const INCIDENT_KINDS = ['nude_photo', 'sex_video', 'deepfake', 'sextortion', 'other'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/**
 * `opening`: stored, but its private space and cards may not all exist yet. `closed`: the acute
 * phase is over; aftercare and the evaluation go on. `finished` (afgerond): those are done too,
 * or the lead ended them with a reason; nothing changes any more and no reminder goes out.
 */
export type IncidentStatus = 'opening' | 'open' | 'closed' | 'finished';

export type StepStatus = 'open' | 'claimed' | 'done' | 'not_applicable';

export type Platform = 'slack' | 'teams' | 'playground';

export interface Workspace {
  id: string;
  platform: Platform;
  /** Slack team id, Teams tenant id (+ team), playground name. */
  externalId: string;
  locale: Locale;
  timezone: string;
  settings: Record<string, unknown>;
  createdAt: Date;
}

export interface Incident {
  id: string;
  workspaceId: string;
  /** Per workspace and year, e.g. `2026-0042`. Used for channel names; never the title. */
  number: string;
  title: string;
  kind: IncidentKind;
  facts: IncidentFacts;
  status: IncidentStatus;
  leadId: UserId;
  openedBy: UserId;
  playbookKey: string;
  playbookVersion: number;
  /** Channel or chat id of the private incident space, once made. */
  spaceId: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** When the acute phase was closed. */
  closedAt: Date | null;
  /** When the incident was finished; the retention period counts from here. */
  finishedAt: Date | null;
  /** Set when the retention job removed the content. */
  purgedAt: Date | null;
}

export type MemberRole = 'lead' | 'member';

export interface Member {
  incidentId: string;
  userId: UserId;
  /** Shown in messages such as "Anna heeft deze stap al"; removed by the retention job. */
  displayName: string | null;
  addedBy: UserId;
  addedAt: Date;
}

export interface Step {
  incidentId: string;
  key: string;
  phaseKey: string;
  /** Order within the playbook, for stable listing. */
  position: number;
  status: StepStatus;
  ownerId: UserId | null;
  /** Who gave the step to its owner; null when the owner picked it up themselves. */
  assignedBy: UserId | null;
  dueAt: Date | null;
  /** Why the step does not apply; null when the playbook's condition decided it. */
  naReason: string | null;
  /** True when the step was set not applicable by a playbook condition at opening. */
  naByCondition: boolean;
  completedAt: Date | null;
  updatedAt: Date;
  /** Incremented on every change; lets platforms detect stale cards. */
  revision: number;
}

export interface Note {
  id: string;
  incidentId: string;
  stepKey: string | null;
  authorId: UserId;
  text: string;
  createdAt: Date;
}

export interface FormAnswer {
  incidentId: string;
  stepKey: string;
  kind: FormKind;
  data: Record<string, unknown>;
  updatedBy: UserId;
  updatedAt: Date;
}

/** Everything an audit entry may say. Content (titles, note text, answers) is never copied in. */
export type AuditAction =
  | 'incident.opened'
  | 'incident.space_attached'
  | 'incident.ready'
  | 'incident.closed'
  | 'incident.finished'
  | 'incident.reopened'
  | 'incident.lead_transferred'
  | 'incident.facts_changed'
  | 'incident.file_shared'
  | 'incident.purged'
  | 'member.added'
  | 'member.removed'
  | 'step.claimed'
  | 'step.released'
  | 'step.assigned'
  | 'step.done'
  | 'step.not_applicable'
  | 'step.reopened'
  | 'step.due_set'
  | 'note.added'
  | 'form.saved'
  | 'form.task_set'
  | 'reminder.done'
  | 'reminder.snoozed'
  | 'reminder.stopped'
  | 'dossier.generated';

export interface AuditEvent {
  id?: string;
  workspaceId: string;
  incidentId: string | null;
  actorId: UserId;
  action: AuditAction;
  /** Ids and codes only (step key, assignee id, form kind); never free text. */
  details: Record<string, string | number | boolean | null>;
  at: Date;
}

/** An incident with everything the cards need, read in one go. */
export interface IncidentView {
  incident: Incident;
  members: Member[];
  steps: Step[];
  /** The newest notes of the incident (not all of them). */
  notes: Note[];
  forms: FormAnswer[];
  /** How many notes each step has in all, by step key. */
  noteCounts: Record<string, number>;
}

export function roleOf(incident: Incident, userId: UserId): MemberRole {
  return incident.leadId === userId ? 'lead' : 'member';
}
