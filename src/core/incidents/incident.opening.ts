import { InvalidInputError } from '../errors/domain-error.js';
import { isStepApplicable } from '../playbook/conditions.js';
import { FACT_VALUES, type FactKey, type IncidentFacts, type Playbook } from '../playbook/playbook.types.js';
import { acceptUserText } from '../text/user-text.js';
import { INCIDENT_KINDS, type IncidentKind, type Step, type UserId } from './incident.types.js';
import { playbookDeadline } from './lifecycle.rules.js';
import { LIMITS } from './limits.js';

export interface InvitedUser {
  userId: UserId;
  displayName?: string | null;
}

/** What a staff member fills in to open an incident. */
export interface OpenIncidentInput {
  title: string;
  kind: string;
  facts: Partial<Record<FactKey, string>>;
  /** Defaults to the person opening the incident. Must be that person or one of the invited. */
  leadId?: UserId | null;
  invited: InvitedUser[];
  /** The person saw the pupil-name question for this form and sent it again: open it. */
  privacyConfirmed?: boolean;
}

export interface ValidOpenIncident {
  title: string;
  kind: IncidentKind;
  facts: IncidentFacts;
  leadId: UserId;
  members: InvitedUser[];
}

/**
 * Checks and normalises the opening form. The first bad field is reported, by name, so each
 * platform can show the message next to that field.
 */
export function validateOpenIncident(input: OpenIncidentInput, actor: InvitedUser): ValidOpenIncident {
  const title = normaliseTitle(input.title);
  if (!INCIDENT_KINDS.includes(input.kind as IncidentKind)) {
    throw new InvalidInputError('kind', 'oneOf', { options: INCIDENT_KINDS.join(', ') });
  }
  const facts = validateFacts(input.facts);
  const members = uniqueMembers([actor, ...input.invited]);
  if (members.length > LIMITS.members)
    throw new InvalidInputError('invited', 'tooMany', { max: LIMITS.members });
  const leadId = input.leadId?.trim() || actor.userId;
  if (!members.some((member) => member.userId === leadId)) throw new InvalidInputError('lead', 'notInvited');
  return { title, kind: input.kind as IncidentKind, facts, leadId, members };
}

export function normaliseTitle(raw: string): string {
  const title = acceptUserText('title', raw).replace(/\s+/g, ' ').trim();
  if (title.length === 0) throw new InvalidInputError('title', 'required');
  if (title.length < LIMITS.titleMin)
    throw new InvalidInputError('title', 'tooShort', { min: LIMITS.titleMin });
  if (title.length > LIMITS.title) throw new InvalidInputError('title', 'tooLong', { max: LIMITS.title });
  return title;
}

/** Every fact checked against its allowed values; a missing one is 'unknown'. */
export function validateFacts(raw: Partial<Record<FactKey, string>>): IncidentFacts {
  const facts: Record<string, string> = {};
  for (const key of Object.keys(FACT_VALUES) as FactKey[]) {
    const value = raw[key] ?? 'unknown';
    const allowed: readonly string[] = FACT_VALUES[key];
    if (!allowed.includes(value)) throw new InvalidInputError(key, 'oneOf', { options: allowed.join(', ') });
    facts[key] = value;
  }
  return facts as unknown as IncidentFacts;
}

function uniqueMembers(users: InvitedUser[]): InvitedUser[] {
  const byId = new Map<UserId, InvitedUser>();
  for (const user of users) {
    const userId = user.userId?.trim();
    if (!userId) continue;
    const displayName = user.displayName?.trim().slice(0, LIMITS.displayName) || null;
    const known = byId.get(userId);
    if (!known) byId.set(userId, { userId, displayName });
    else if (!known.displayName && displayName) known.displayName = displayName;
  }
  return [...byId.values()];
}

/** The steps of a new incident; those whose condition the facts contradict start as not applicable. */
export function initialSteps(
  playbook: Playbook,
  facts: IncidentFacts,
  incidentId: string,
  now: Date,
): Step[] {
  let position = 0;
  return playbook.phases.flatMap((phase) =>
    phase.steps.map((definition): Step => {
      const applies = isStepApplicable(definition, facts);
      position += 1;
      return {
        incidentId,
        key: definition.key,
        phaseKey: phase.key,
        position,
        status: applies ? 'open' : 'not_applicable',
        ownerId: null,
        assignedBy: null,
        dueAt: playbookDeadline(definition, now),
        naReason: null,
        naByCondition: !applies,
        completedAt: null,
        updatedAt: now,
        revision: 0,
      };
    }),
  );
}

/** `2026-0042`: year and a per-workspace sequence. */
export function formatIncidentNumber(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(4, '0')}`;
}
