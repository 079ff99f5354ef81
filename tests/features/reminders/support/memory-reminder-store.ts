import type { Repositories } from '../../../../src/core/ports/store.js';
import type { ClaimRequest, ReminderStore } from '../../../../src/features/reminders/reminder.port.js';
import type {
  Reminder,
  ReminderKind,
  ReminderState,
  WantedReminder,
} from '../../../../src/features/reminders/reminder.types.js';
import type {
  ExpiredIncident,
  IdleIncident,
  PurgeRequest,
  RetentionStore,
} from '../../../../src/features/retention/retention.port.js';
import type { MemoryStore } from '../../../support/memory-store.js';

const copy = <T>(value: T): T => structuredClone(value);

/**
 * The reminder schedule in memory, on top of a MemoryStore, for core tests. Syncs run one at a
 * time through the MemoryStore's transaction queue, as the database serialises them per incident.
 */
export class MemoryReminderStore implements ReminderStore {
  readonly rows = new Map<string, Reminder>();
  private next = 0;

  constructor(private readonly store: MemoryStore) {}

  all(): Reminder[] {
    return [...this.rows.values()].map(copy);
  }

  sync(incidentId: string, plan: (state: ReminderState) => WantedReminder[], now: Date) {
    return this.store.transaction(async (tx) => {
      const state = await this.stateFrom(tx, incidentId);
      if (!state) return { inserted: 0, cancelled: 0, kinds: [] };
      const wanted = plan(state);
      const kinds = new Set<ReminderKind>();
      const existing = new Set(this.forIncident(incidentId).map((row) => row.key));
      let inserted = 0;
      for (const item of wanted) {
        if (existing.has(item.key)) continue;
        existing.add(item.key);
        this.next += 1;
        const id = `00000000-0000-4000-8000-${String(this.next).padStart(12, '0')}`;
        this.rows.set(id, {
          ...copy(item),
          id,
          workspaceId: state.incident.workspaceId,
          incidentId,
          status: 'pending',
          attempts: 0,
          lastError: null,
          leaseOwner: null,
          leaseUntil: null,
          outcome: null,
          sentAt: null,
          createdAt: now,
          updatedAt: now,
        });
        inserted += 1;
        kinds.add(item.kind);
      }
      const keys = new Set(wanted.map((item) => item.key));
      let cancelled = 0;
      for (const row of this.forIncident(incidentId)) {
        if (row.status === 'pending' && !keys.has(row.key)) {
          Object.assign(row, { status: 'cancelled', updatedAt: now });
          cancelled += 1;
          kinds.add(row.kind);
        }
      }
      return { inserted, cancelled, kinds: [...kinds] };
    });
  }

  loadState(incidentId: string): Promise<ReminderState | undefined> {
    return this.stateFrom(this.store, incidentId);
  }

  async get(id: string) {
    const row = this.rows.get(id);
    return row && copy(row);
  }

  async listForIncident(incidentId: string) {
    return this.forIncident(incidentId)
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
      .map(copy);
  }

  async listIncidentsToSync(finishedSince: Date, afterId: string | null, limit: number) {
    return this.store.state.incidents
      .filter(
        (i) => !i.purgedAt && (i.status !== 'finished' || (i.finishedAt && i.finishedAt >= finishedSince)),
      )
      .map((i) => i.id)
      .sort()
      .filter((id) => afterId === null || id > afterId)
      .slice(0, limit);
  }

  async claimDue({ now, owner, leaseUntil, limit }: ClaimRequest) {
    const rows = [...this.rows.values()];
    const expired = rows
      .filter((r) => r.status === 'sending' && r.leaseUntil && r.leaseUntil <= now)
      .sort((a, b) => (a.leaseUntil?.getTime() ?? 0) - (b.leaseUntil?.getTime() ?? 0));
    const due = rows
      .filter((r) => r.status === 'pending' && r.dueAt <= now)
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    return [...expired, ...due].slice(0, limit).map((row) => {
      Object.assign(row, {
        status: 'sending',
        leaseOwner: owner,
        leaseUntil,
        attempts: row.attempts + 1,
        updatedAt: now,
      });
      return copy(row);
    });
  }

  async markSent(id: string, owner: string, now: Date) {
    return this.settle(id, owner, { status: 'sent', sentAt: now, lastError: null, updatedAt: now });
  }

  async release(id: string, owner: string, dueAt: Date, refund: boolean, now: Date) {
    const row = this.rows.get(id);
    const attempts = row ? row.attempts - (refund ? 1 : 0) : 0;
    return this.settle(id, owner, { status: 'pending', dueAt, attempts, updatedAt: now });
  }

  async retryLater(id: string, owner: string, dueAt: Date, code: string, now: Date) {
    return this.settle(id, owner, { status: 'pending', dueAt, lastError: code, updatedAt: now });
  }

  async markFailed(id: string, owner: string, code: string, now: Date) {
    return this.settle(id, owner, { status: 'failed', lastError: code, updatedAt: now });
  }

  async cancelClaimed(id: string, owner: string, now: Date) {
    return this.settle(id, owner, { status: 'cancelled', updatedAt: now });
  }

  async markDone(id: string, now: Date) {
    return this.end(id, 'done', now);
  }

  async snooze(id: string, dueAt: Date, now: Date) {
    const row = this.rows.get(id);
    if (!row || row.outcome === 'stopped' || row.status === 'sending') return false;
    if (row.status === 'pending' && row.dueAt.getTime() === dueAt.getTime()) return false;
    Object.assign(row, {
      status: 'pending',
      dueAt,
      attempts: 0,
      lastError: null,
      outcome: 'snoozed',
      updatedAt: now,
    });
    return true;
  }

  async stop(id: string, now: Date) {
    return this.end(id, 'stopped', now);
  }

  /** Done or no longer needed: a reminder still waiting is cancelled; one being sent goes out. */
  private end(id: string, outcome: 'done' | 'stopped', now: Date): boolean {
    const row = this.rows.get(id);
    if (!row || row.outcome === outcome) return false;
    Object.assign(row, {
      outcome,
      status: row.status === 'pending' ? 'cancelled' : row.status,
      updatedAt: now,
    });
    return true;
  }

  /** Read through the transaction's repositories inside one, as the database reads under its lock. */
  private async stateFrom(repos: Repositories, incidentId: string): Promise<ReminderState | undefined> {
    const incident = await repos.incidents.get(incidentId);
    if (!incident) return undefined;
    const workspace = await repos.workspaces.get(incident.workspaceId);
    if (!workspace) return undefined;
    return {
      incident,
      workspace,
      members: await repos.members.list(incidentId),
      steps: await repos.steps.list(incidentId),
      forms: await repos.forms.list(incidentId),
      reminders: this.forIncident(incidentId).map(copy),
    };
  }

  private forIncident(incidentId: string): Reminder[] {
    return [...this.rows.values()].filter((row) => row.incidentId === incidentId);
  }

  private settle(id: string, owner: string, changes: Partial<Reminder>): boolean {
    const row = this.rows.get(id);
    if (row?.status !== 'sending' || row.leaseOwner !== owner) return false;
    Object.assign(row, changes, { leaseOwner: null, leaseUntil: null });
    return true;
  }
}

/** The retention job's storage in memory, over the same MemoryStore and reminders. */
export class MemoryRetentionStore implements RetentionStore {
  constructor(
    private readonly store: MemoryStore,
    private readonly reminders: MemoryReminderStore,
  ) {}

  async forgetRequests(before: Date): Promise<number> {
    let removed = 0;
    for (const [key, entry] of this.store.state.requests) {
      if (entry.at < before) {
        this.store.state.requests.delete(key);
        removed += 1;
      }
    }
    return removed;
  }

  /** When each idle incident's lead was warned (the database keeps it on the incident). */
  readonly warned = new Map<string, Date>();

  private lastActivity(incidentId: string, createdAt: Date): Date {
    const times = this.store.state.audit
      .filter((a) => a.incidentId === incidentId)
      .map((a) => a.at.getTime());
    return new Date(Math.max(createdAt.getTime(), ...times));
  }

  async listIdle(lastActivityBefore: Date, limit: number): Promise<IdleIncident[]> {
    return this.store.state.incidents
      .filter((i) => i.status !== 'finished' && !i.purgedAt)
      .map((i) => ({ i, last: this.lastActivity(i.id, i.createdAt) }))
      .filter(({ last }) => last < lastActivityBefore)
      .sort((a, b) => a.last.getTime() - b.last.getTime())
      .slice(0, limit)
      .map(({ i, last }) => {
        const warned = this.warned.get(i.id) ?? null;
        return {
          incidentId: i.id,
          workspaceId: i.workspaceId,
          number: i.number,
          leadId: i.leadId,
          lastActivity: last,
          warnedAt: warned && warned > last ? warned : null,
        };
      });
  }

  async markIdleWarned(incidentId: string, at: Date): Promise<void> {
    this.warned.set(incidentId, at);
  }

  async listExpired(finishedBefore: Date, limit: number): Promise<ExpiredIncident[]> {
    return this.store.state.incidents
      .filter((i) => i.status === 'finished' && !i.purgedAt && i.finishedAt && i.finishedAt < finishedBefore)
      .sort((a, b) => (a.finishedAt?.getTime() ?? 0) - (b.finishedAt?.getTime() ?? 0))
      .slice(0, limit)
      .map((i) => ({ incidentId: i.id, workspaceId: i.workspaceId }));
  }

  purge({ incidentId, finishedBefore, idle, marker, at, actorId }: PurgeRequest) {
    return this.store.transaction(async (tx) => {
      const state = this.store.state;
      const incident = state.incidents.find((i) => i.id === incidentId);
      if (!incident || incident.purgedAt) return null;
      if (idle) {
        const warned = this.warned.get(incidentId);
        const last = this.lastActivity(incidentId, incident.createdAt);
        if (incident.status === 'finished' || !warned || warned > idle.warnedBefore) return null;
        if (last >= idle.lastActivityBefore || last >= warned) return null;
      } else {
        if (incident.status !== 'finished') return null;
        if (!incident.finishedAt || incident.finishedAt >= finishedBefore) return null;
      }
      const drop = <T extends { incidentId: string }>(list: T[]) => {
        const kept = list.filter((row) => row.incidentId !== incidentId);
        return { kept, removed: list.length - kept.length };
      };
      const members = drop(state.members);
      const notes = drop(state.notes);
      const forms = drop(state.forms);
      const cards = drop(state.cards);
      state.members = members.kept;
      state.notes = notes.kept;
      state.forms = forms.kept;
      state.cards = cards.kept;
      state.openings = drop(state.openings).kept;
      let reminders = 0;
      for (const [id, row] of this.reminders.rows) {
        if (row.incidentId !== incidentId) continue;
        this.reminders.rows.delete(id);
        reminders += 1;
      }
      const steps = state.steps.filter((s) => s.incidentId === incidentId);
      for (const step of steps) {
        step.ownerId = step.status === 'claimed' ? marker : null;
        step.assignedBy = null;
        step.naReason = null;
      }
      Object.assign(incident, {
        title: marker,
        leadId: marker,
        openedBy: marker,
        purgedAt: at,
        updatedAt: at,
      });
      const counts = {
        members: members.removed,
        notes: notes.removed,
        forms: forms.removed,
        reminders,
        steps: steps.length,
        stepsDone: steps.filter((s) => s.status === 'done').length,
      };
      await tx.audit.append({
        workspaceId: incident.workspaceId,
        incidentId,
        actorId,
        action: 'incident.purged',
        details: counts,
        at,
      });
      return counts;
    });
  }
}
