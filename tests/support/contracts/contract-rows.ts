import { randomUUID } from 'node:crypto';
import type {
  AuditEvent,
  Incident,
  Member,
  Note,
  Step,
  Workspace,
} from '../../../src/core/incidents/incident.types.js';
import { DEFAULT_PLAYBOOK } from '../../../src/core/playbook/builtin/index.js';
import { playbookHash } from '../../../src/core/playbook/playbook.sync.js';
import type { Store, StoredPlaybook } from '../../../src/core/ports/store.js';
import { UNKNOWN_FACTS } from '../core-fixture.js';

/** Rows as the core writes them, with ids the databases accept (uuids). */

export const at = (iso: string): Date => new Date(iso);

export const STORED_PLAYBOOK: StoredPlaybook = {
  key: DEFAULT_PLAYBOOK.key,
  version: DEFAULT_PLAYBOOK.version,
  contentHash: playbookHash(DEFAULT_PLAYBOOK),
  content: DEFAULT_PLAYBOOK,
};

/** A workspace of its own for one case, with the playbook its incidents refer to stored. */
export async function newWorkspace(store: Store): Promise<Workspace> {
  await store.playbooks.insert(STORED_PLAYBOOK);
  return store.workspaces.ensure('slack', `T-${randomUUID()}`, {
    locale: 'nl',
    timezone: 'Europe/Amsterdam',
  });
}

let numbers = 0;

export function incidentRow(workspaceId: string, fields: Partial<Incident> = {}): Incident {
  numbers += 1;
  return {
    id: randomUUID(),
    workspaceId,
    number: `2026-${String(numbers).padStart(4, '0')}`,
    title: 'Foto klas 2B',
    kind: 'nude_photo',
    facts: { ...UNKNOWN_FACTS },
    status: 'open',
    leadId: 'U-ANNA',
    openedBy: 'U-ANNA',
    playbookKey: STORED_PLAYBOOK.key,
    playbookVersion: STORED_PLAYBOOK.version,
    spaceId: null,
    createdAt: at('2026-03-02T08:30:00Z'),
    updatedAt: at('2026-03-02T08:30:00Z'),
    closedAt: null,
    finishedAt: null,
    purgedAt: null,
    ...fields,
  };
}

/** Inserts an incident in the workspace and returns it as written. */
export async function storedIncident(
  store: Store,
  workspaceId: string,
  fields: Partial<Incident> = {},
): Promise<Incident> {
  const incident = incidentRow(workspaceId, fields);
  await store.incidents.insert(incident);
  return incident;
}

export function memberRow(incidentId: string, userId: string, fields: Partial<Member> = {}): Member {
  return {
    incidentId,
    userId,
    displayName: userId.replace('U-', ''),
    addedBy: 'U-ANNA',
    addedAt: at('2026-03-02T08:30:00Z'),
    ...fields,
  };
}

export function stepRow(incidentId: string, key: string, fields: Partial<Step> = {}): Step {
  return {
    incidentId,
    key,
    phaseKey: 'direct',
    position: 1,
    status: 'open',
    ownerId: null,
    assignedBy: null,
    dueAt: null,
    naReason: null,
    naByCondition: false,
    completedAt: null,
    updatedAt: at('2026-03-02T08:30:00Z'),
    revision: 0,
    ...fields,
  };
}

export function noteRow(incidentId: string, text: string, createdAt: string): Note {
  return { id: randomUUID(), incidentId, stepKey: null, authorId: 'U-BOB', text, createdAt: at(createdAt) };
}

export function auditRow(
  incident: Incident,
  action: AuditEvent['action'],
  iso: string,
  details = {},
): AuditEvent {
  return {
    workspaceId: incident.workspaceId,
    incidentId: incident.id,
    actorId: 'U-ANNA',
    action,
    details,
    at: at(iso),
  };
}
