import type {
  AuditEvent,
  FormAnswer,
  Incident,
  Member,
  Note,
  Step,
  Workspace,
} from '../../src/core/incidents/incident.types.js';
import type {
  CardMessage,
  OpeningRecord,
  Repositories,
  Store,
  StoredPlaybook,
} from '../../src/core/ports/store.js';

interface State {
  workspaces: Workspace[];
  incidents: Incident[];
  counters: Map<string, number>;
  members: Member[];
  steps: Step[];
  notes: Note[];
  forms: FormAnswer[];
  audit: AuditEvent[];
  cards: CardMessage[];
  playbooks: StoredPlaybook[];
  requests: Map<string, { ref: string | null; at: Date }>;
  openings: OpeningRecord[];
}

/**
 * An in-memory Store for core tests. Transactions run one at a time and roll back on error,
 * which is what the services rely on from PostgreSQL.
 */
export class MemoryStore implements Store {
  state: State = emptyState();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly repos = repositories(() => this.state);

  incidents = this.repos.incidents;
  members = this.repos.members;
  steps = this.repos.steps;
  notes = this.repos.notes;
  forms = this.repos.forms;
  audit = this.repos.audit;
  cards = this.repos.cards;
  workspaces = this.repos.workspaces;
  playbooks = this.repos.playbooks;
  requests = this.repos.requests;
  openings = this.repos.openings;

  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    const run = async () => {
      const snapshot = cloneState(this.state);
      try {
        return await fn(this.repos);
      } catch (error) {
        this.state = snapshot;
        throw error;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async ping(): Promise<boolean> {
    return true;
  }
}

function emptyState(): State {
  return {
    workspaces: [],
    incidents: [],
    counters: new Map(),
    members: [],
    steps: [],
    notes: [],
    forms: [],
    audit: [],
    cards: [],
    playbooks: [],
    requests: new Map(),
    openings: [],
  };
}

function cloneState(state: State): State {
  return structuredClone(state);
}

const copy = <T>(value: T): T => structuredClone(value);

/** Replaces the matching row; like an UPDATE of a missing row in SQL it must not invent one. */
function replaceRow<T>(list: T[], matches: (row: T) => boolean, row: T, what: string): void {
  const index = list.findIndex(matches);
  if (index < 0) throw new Error(`MemoryStore: no ${what} to update`);
  list[index] = copy(row);
}

/** Adds `row` unless one that is the same already exists (ON CONFLICT DO NOTHING); the row kept. */
function insertOnce<T>(list: T[], row: T, same: (existing: T) => boolean): T {
  const existing = list.find(same);
  if (existing) return copy(existing);
  list.push(copy(row));
  return copy(row);
}

function repositories(get: () => State): Repositories {
  const updateSteps = (steps: Step[]) => {
    for (const step of steps) {
      replaceRow(get().steps, (s) => s.incidentId === step.incidentId && s.key === step.key, step, 'step');
    }
  };
  const appendAudit = (events: AuditEvent[]) => {
    for (const event of events) get().audit.push(copy({ ...event, id: String(get().audit.length + 1) }));
  };
  return {
    incidents: {
      async allocateNumber(workspaceId, year) {
        const key = `${workspaceId}/${year}`;
        const next = (get().counters.get(key) ?? 0) + 1;
        get().counters.set(key, next);
        return next;
      },
      async insert(incident) {
        get().incidents.push(copy(incident));
      },
      async update(incident) {
        replaceRow(get().incidents, (row) => row.id === incident.id, incident, 'incident');
      },
      async get(id) {
        return copy(get().incidents.find((row) => row.id === id));
      },
      async getWithMembers(id) {
        const incident = get().incidents.find((row) => row.id === id);
        if (!incident) return undefined;
        const members = get().members.filter((m) => m.incidentId === id);
        return copy({ incident, members });
      },
      async findBySpace(workspaceId, spaceId) {
        return copy(
          get().incidents.find((row) => row.workspaceId === workspaceId && row.spaceId === spaceId),
        );
      },
      async listForMember(workspaceId, userId, statuses) {
        const ids = new Set(
          get()
            .members.filter((m) => m.userId === userId)
            .map((m) => m.incidentId),
        );
        return copy(
          get().incidents.filter(
            (i) => i.workspaceId === workspaceId && ids.has(i.id) && statuses.includes(i.status),
          ),
        );
      },
      async listForWorkspace(workspaceId, statuses, limit) {
        return copy(
          get()
            .incidents.filter((row) => row.workspaceId === workspaceId && statuses.includes(row.status))
            .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
            .slice(0, limit),
        );
      },
      async listByStatus(status, limit) {
        return copy(
          get()
            .incidents.filter((row) => row.status === status)
            .slice(0, limit),
        );
      },
    },
    members: {
      async add(members) {
        for (const member of members) {
          const exists = get().members.some(
            (m) => m.incidentId === member.incidentId && m.userId === member.userId,
          );
          if (!exists) get().members.push(copy(member));
        }
      },
      async remove(incidentId, userId) {
        get().members = get().members.filter((m) => !(m.incidentId === incidentId && m.userId === userId));
      },
      async list(incidentId) {
        return copy(get().members.filter((m) => m.incidentId === incidentId));
      },
      async get(incidentId, userId) {
        return copy(get().members.find((m) => m.incidentId === incidentId && m.userId === userId));
      },
    },
    steps: {
      async insertAll(steps) {
        get().steps.push(...copy(steps));
      },
      async get(incidentId, key) {
        return copy(get().steps.find((s) => s.incidentId === incidentId && s.key === key));
      },
      async list(incidentId) {
        return copy(
          get()
            .steps.filter((s) => s.incidentId === incidentId)
            .sort((a, b) => a.position - b.position),
        );
      },
      async getMany(incidentId, keys) {
        return copy(
          get()
            .steps.filter((s) => s.incidentId === incidentId && keys.includes(s.key))
            .sort((a, b) => (a.key < b.key ? -1 : 1)),
        );
      },
      async update(step) {
        updateSteps([step]);
      },
      async updateMany(steps) {
        updateSteps(steps);
      },
      async writeChanges({ steps, audit, requests }) {
        updateSteps(steps);
        appendAudit(audit);
        for (const key of requests.keys) {
          const id = `${requests.scope}:${key}`;
          if (!get().requests.has(id)) get().requests.set(id, { ref: null, at: new Date() });
        }
      },
    },
    notes: {
      async add(note) {
        get().notes.push(copy(note));
      },
      async list(incidentId, limit) {
        return copy(
          get()
            .notes.filter((n) => n.incidentId === incidentId)
            .reverse()
            .slice(0, limit),
        );
      },
    },
    forms: {
      async upsert(answer) {
        const list = get().forms.filter(
          (f) => !(f.incidentId === answer.incidentId && f.stepKey === answer.stepKey),
        );
        list.push(copy(answer));
        get().forms = list;
      },
      async get(incidentId, stepKey) {
        return copy(get().forms.find((f) => f.incidentId === incidentId && f.stepKey === stepKey));
      },
      async list(incidentId) {
        return copy(get().forms.filter((f) => f.incidentId === incidentId));
      },
    },
    audit: {
      async append(event) {
        appendAudit([event]);
      },
      async appendMany(events) {
        appendAudit(events);
      },
      async list(incidentId) {
        return copy(get().audit.filter((a) => a.incidentId === incidentId));
      },
    },
    cards: {
      async list(incidentId) {
        return copy(get().cards.filter((c) => c.incidentId === incidentId));
      },
      async save(message) {
        const sameCard = (c: typeof message) =>
          c.incidentId === message.incidentId && c.cardKey === message.cardKey;
        return insertOnce(get().cards, message, sameCard);
      },
    },
    workspaces: {
      async ensure(platform, externalId, defaults) {
        let found = get().workspaces.find((w) => w.platform === platform && w.externalId === externalId);
        if (!found) {
          found = {
            id: `ws-${get().workspaces.length + 1}`,
            platform,
            externalId,
            ...defaults,
            settings: {},
            createdAt: new Date(0),
          };
          get().workspaces.push(found);
        }
        return copy(found);
      },
      async get(id) {
        return copy(get().workspaces.find((w) => w.id === id));
      },
      async update(workspace) {
        replaceRow(get().workspaces, (w) => w.id === workspace.id, workspace, 'workspace');
      },
    },
    playbooks: {
      async get(key, version) {
        return copy(get().playbooks.find((p) => p.key === key && p.version === version));
      },
      async insert(playbook) {
        return insertOnce(
          get().playbooks,
          playbook,
          (p) => p.key === playbook.key && p.version === playbook.version,
        );
      },
      async list() {
        return copy(get().playbooks);
      },
    },
    requests: {
      async markProcessed(key, scope, ref = null) {
        const id = `${scope}:${key}`;
        const known = get().requests.get(id);
        if (known) return { first: false, ref: known.ref };
        get().requests.set(id, { ref, at: new Date() });
        return { first: true, ref };
      },
      async seen(keys, scope) {
        return new Set(keys.filter((key) => get().requests.has(`${scope}:${key}`)));
      },
    },
    openings: {
      async get(incidentId) {
        return copy(get().openings.find((row) => row.incidentId === incidentId));
      },
      async saveNotice(incidentId, noticeRef) {
        openingRow(get(), incidentId).noticeRef = noticeRef;
      },
      async saveProblem(incidentId, problem) {
        openingRow(get(), incidentId).problem = problem ? copy(problem) : null;
      },
    },
  };
}

/** The incident's opening row, made on first use (like the INSERT … ON CONFLICT of the real store). */
function openingRow(state: State, incidentId: string): OpeningRecord {
  if (!state.incidents.some((incident) => incident.id === incidentId)) {
    throw new Error('MemoryStore: no incident for this opening');
  }
  let row = state.openings.find((candidate) => candidate.incidentId === incidentId);
  if (!row) {
    row = { incidentId, noticeRef: null, problem: null };
    state.openings.push(row);
  }
  return row;
}
