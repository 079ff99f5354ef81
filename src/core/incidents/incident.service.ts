import { DomainError } from '../errors/domain-error.js';
import type { PlaybookRegistry } from '../playbook/playbook.registry.js';
import type { FactKey } from '../playbook/playbook.types.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/ids.js';
import type { Store } from '../ports/store.js';
import { zonedParts } from '../time/zoned.js';
import {
  type ActionScope,
  type Actor,
  auditEvent,
  checkMemberAndPlace,
  SYSTEM_ACTOR,
} from './incident.access.js';
import { closeIncident, finishIncident, reopenIncident } from './incident.closing.js';
import { editFacts, type FactsChange } from './incident.facts.js';
import { addMembers, removeMember, toMember, transferLead } from './incident.membership.js';
import {
  formatIncidentNumber,
  type InvitedUser,
  initialSteps,
  type OpenIncidentInput,
  validateOpenIncident,
} from './incident.opening.js';
import type { Incident, IncidentStatus, IncidentView, Member, Note, UserId } from './incident.types.js';

/** Notes of one step read at most at once; more than a card can show, fewer than a long list. */
const STEP_NOTES_READ = 200;

export interface ServiceDeps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  playbooks: PlaybookRegistry;
}

export interface OpenIncidentCommand extends OpenIncidentInput {
  workspaceId: string;
  actor: Actor;
  /** Makes a form submitted twice open one incident. */
  requestId?: string;
}

export interface ChangeResult<T> {
  /** False when nothing changed (a repeat or a double click). */
  changed: boolean;
  value: T;
}

/**
 * Opening, membership, lead and closing of incidents. Step changes live in StepService; the
 * membership and lead rules in incident.membership.ts, closing in incident.closing.ts.
 */
export class IncidentService {
  constructor(private readonly deps: ServiceDeps) {}

  async open(cmd: OpenIncidentCommand): Promise<ChangeResult<Incident>> {
    const valid = validateOpenIncident(cmd, cmd.actor);
    const { store, clock, ids, playbooks } = this.deps;
    const playbook = playbooks.active;
    return store.transaction(async (tx) => {
      const workspace = await tx.workspaces.get(cmd.workspaceId);
      if (!workspace) throw new DomainError('WorkspaceNotFound', { workspace: cmd.workspaceId });
      const id = ids.newId();
      if (cmd.requestId) {
        const seen = await tx.requests.markProcessed(cmd.requestId, 'incident.open', id);
        if (!seen.first) {
          const earlier = seen.ref ? await tx.incidents.get(seen.ref) : undefined;
          if (earlier) return { changed: false, value: earlier };
        }
      }
      const now = clock.now();
      const year = zonedParts(now, workspace.timezone).year;
      const sequence = await tx.incidents.allocateNumber(workspace.id, year);
      const incident: Incident = {
        id,
        workspaceId: workspace.id,
        number: formatIncidentNumber(year, sequence),
        title: valid.title,
        kind: valid.kind,
        facts: valid.facts,
        status: 'opening',
        leadId: valid.leadId,
        openedBy: cmd.actor.userId,
        playbookKey: playbook.key,
        playbookVersion: playbook.version,
        spaceId: null,
        createdAt: now,
        updatedAt: now,
        closedAt: null,
        finishedAt: null,
        purgedAt: null,
      };
      await tx.incidents.insert(incident);
      await tx.members.add(valid.members.map((user) => toMember(incident.id, user, cmd.actor.userId, now)));
      await tx.steps.insertAll(initialSteps(playbook, valid.facts, incident.id, now));
      await tx.audit.append(
        auditEvent(
          incident,
          cmd.actor.userId,
          'incident.opened',
          { playbook: `${playbook.key}@${playbook.version}` },
          now,
        ),
      );
      for (const member of valid.members) {
        await tx.audit.append(
          auditEvent(incident, cmd.actor.userId, 'member.added', { user: member.userId }, now),
        );
      }
      return { changed: true, value: incident };
    });
  }

  /** Records the private space made for the incident. Keeps the first one if called twice. */
  async attachSpace(incidentId: string, spaceId: string): Promise<Incident> {
    return this.systemChange(incidentId, (incident) =>
      incident.spaceId === null ? { patch: { spaceId }, action: 'incident.space_attached' as const } : null,
    );
  }

  /** The space and all cards exist: the incident is ready for use. */
  async markReady(incidentId: string): Promise<Incident> {
    return this.systemChange(incidentId, (incident) =>
      incident.status === 'opening'
        ? { patch: { status: 'open' as const }, action: 'incident.ready' as const }
        : null,
    );
  }

  /** Lead only: ends the acute phase; evaluation and aftercare go on (see incident.closing.ts). */
  close(scope: ActionScope): Promise<ChangeResult<Incident>> {
    return closeIncident(this.deps, scope);
  }

  /** Lead only, after closing: ends evaluation and aftercare with a reason; the incident is finished. */
  finish(scope: ActionScope, reason: string): Promise<ChangeResult<Incident>> {
    return finishIncident(this.deps, scope, reason);
  }

  /** Lead only: a finished incident goes back to evaluation and aftercare (see incident.closing.ts). */
  reopen(scope: ActionScope, reason: string): Promise<ChangeResult<Incident>> {
    return reopenIncident(this.deps, scope, reason);
  }

  /**
   * Lead only, until finished: new opening facts; steps whose condition turns follow, except
   * those someone holds or finished (see incident.facts.ts).
   */
  editFacts(scope: ActionScope, facts: Partial<Record<FactKey, string>>): Promise<ChangeResult<FactsChange>> {
    return editFacts(this.deps, scope, facts);
  }

  /** Lead only: hands the lead to another member (see incident.membership.ts). */
  transferLead(scope: ActionScope, newLeadId: UserId): Promise<ChangeResult<Incident>> {
    return transferLead(this.deps, scope, newLeadId);
  }

  /** Any member may invite colleagues. Returns those who were not members yet. */
  addMembers(scope: ActionScope, users: InvitedUser[]): Promise<ChangeResult<Member[]>> {
    return addMembers(this.deps, scope, users);
  }

  /**
   * Lead only. Steps the member held are never silently orphaned: they go back to open
   * (`release`, the default) or to the lead (`lead`). Returns the keys of those steps.
   */
  removeMember(
    scope: ActionScope,
    userId: UserId,
    stepsTo: 'release' | 'lead' = 'release',
  ): Promise<ChangeResult<string[]>> {
    return removeMember(this.deps, scope, userId, stepsTo);
  }

  /** Someone shared a file in the incident space. Only the fact is noted, never the file. */
  async recordFileShared(incidentId: string, senderId: UserId): Promise<void> {
    const incident = await this.deps.store.incidents.get(incidentId);
    if (!incident) throw new DomainError('IncidentNotFound', { incident: incidentId });
    // A purged incident's audit trail names nobody any more; a file shared there later is not its history.
    if (incident.purgedAt) return;
    await this.deps.store.audit.append(
      auditEvent(incident, senderId, 'incident.file_shared', {}, this.deps.clock.now()),
    );
  }

  async view(incidentId: string): Promise<IncidentView> {
    const { store } = this.deps;
    // All at once: a card redraw waits for this.
    const [incident, members, steps, notes, forms, noteCounts] = await Promise.all([
      store.incidents.get(incidentId),
      store.members.list(incidentId),
      store.steps.list(incidentId),
      store.notes.list(incidentId, 50),
      store.forms.list(incidentId),
      store.notes.countByStep(incidentId),
    ]);
    if (!incident) throw new DomainError('IncidentNotFound', { incident: incidentId });
    return { incident, members, steps, notes, forms, noteCounts };
  }

  /**
   * Every note of one step, newest first, for a member asking from the incident's own space
   * (or a personal chat). Reading changes nothing, so the incident's status does not matter.
   */
  async stepNotes(
    scope: ActionScope,
    stepKey: string,
  ): Promise<{ incident: Incident; members: Member[]; notes: Note[] }> {
    const { store } = this.deps;
    const found = await store.incidents.getWithMembers(scope.incidentId);
    if (!found) throw new DomainError('IncidentNotFound', { incident: scope.incidentId });
    const ids = new Set(found.members.map((member) => member.userId));
    checkMemberAndPlace({ ...found, isMember: (userId) => ids.has(userId) }, scope);
    const notes = await store.notes.listForStep(found.incident.id, stepKey, STEP_NOTES_READ);
    return { ...found, notes };
  }

  /** Members see their incidents; strangers get NotAMember, not the content. */
  async viewAsMember(incidentId: string, actor: Actor): Promise<IncidentView> {
    const member = await this.deps.store.members.get(incidentId, actor.userId);
    if (!member) {
      const exists = await this.deps.store.incidents.get(incidentId);
      throw exists
        ? new DomainError('NotAMember', { user: actor.userId })
        : new DomainError('IncidentNotFound');
    }
    return this.view(incidentId);
  }

  /** Records a delivery key; true the first time it is seen. */
  async markDelivered(key: string, scope: string): Promise<boolean> {
    return (await this.deps.store.requests.markProcessed(key, scope)).first;
  }

  /** The incident as stored, or undefined; for platforms that must check a click's origin first. */
  find(incidentId: string): Promise<Incident | undefined> {
    return this.deps.store.incidents.get(incidentId);
  }

  /** The incident's members, oldest first. */
  members(incidentId: string): Promise<Member[]> {
    return this.deps.store.members.list(incidentId);
  }

  listForMember(workspaceId: string, userId: UserId, statuses: IncidentStatus[] = ['opening', 'open']) {
    return this.deps.store.incidents.listForMember(workspaceId, userId, statuses);
  }

  findBySpace(workspaceId: string, spaceId: string) {
    return this.deps.store.incidents.findBySpace(workspaceId, spaceId);
  }

  /** Incidents whose opening was interrupted, to be finished at start-up. */
  listUnfinishedOpenings(limit = 100) {
    return this.deps.store.incidents.listByStatus('opening', limit);
  }

  private async systemChange(
    incidentId: string,
    decide: (
      incident: Incident,
    ) => { patch: Partial<Incident>; action: 'incident.space_attached' | 'incident.ready' } | null,
  ): Promise<Incident> {
    return this.deps.store.transaction(async (tx) => {
      const incident = await tx.incidents.get(incidentId, 'update');
      if (!incident) throw new DomainError('IncidentNotFound', { incident: incidentId });
      const decision = decide(incident);
      if (!decision) return incident;
      const now = this.deps.clock.now();
      const updated: Incident = { ...incident, ...decision.patch, updatedAt: now };
      await tx.incidents.update(updated);
      await tx.audit.append(auditEvent(updated, SYSTEM_ACTOR, decision.action, {}, now));
      return updated;
    });
  }
}
