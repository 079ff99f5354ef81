import type { AuditEvent, Step } from '../../src/core/incidents/incident.types.js';
import type { Repositories } from '../../src/core/ports/store.js';
import {
  byAdded,
  byText,
  copy,
  type MemoryState,
  memoryChecks,
  openingRow,
  refuse,
  time,
} from './memory-state.js';

export function memoryRepositories(get: () => MemoryState): Repositories {
  const { requireIncident, checkStep, checkIncident } = memoryChecks(get);
  /** Like UPDATE … FROM (VALUES …): changes the stored steps it matches, never adds one. */
  const updateSteps = (steps: Step[]) => {
    steps.forEach(checkStep);
    for (const step of steps) {
      const stored = get().steps.find((s) => s.incidentId === step.incidentId && s.key === step.key);
      if (stored)
        Object.assign(stored, copy({ ...step, phaseKey: stored.phaseKey, position: stored.position }));
    }
  };
  const appendAudit = (events: AuditEvent[]) => {
    for (const event of events) requireIncident(event.incidentId);
    for (const event of events) get().audit.push(copy({ ...event, id: String(get().audit.length + 1) }));
  };
  const recordRequest = (scope: string, key: string, ref: string | null) => {
    const id = `${scope}:${key}`;
    const known = get().requests.get(id);
    if (known) return { first: false, ref: known.ref };
    get().requests.set(id, { ref, at: new Date() });
    return { first: true, ref };
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
        if (get().incidents.some((row) => row.id === incident.id)) refuse('the incident exists');
        checkIncident(incident);
        get().incidents.push(copy(incident));
      },
      async update(incident) {
        const stored = get().incidents.find((row) => row.id === incident.id);
        if (!stored) return;
        const { workspaceId, number, createdAt } = stored;
        checkIncident({ ...incident, workspaceId, number });
        Object.assign(stored, copy({ ...incident, workspaceId, number, createdAt }));
      },
      async get(id) {
        return copy(get().incidents.find((row) => row.id === id));
      },
      async getWithMembers(id) {
        const incident = get().incidents.find((row) => row.id === id);
        if (!incident) return undefined;
        const members = get()
          .members.filter((m) => m.incidentId === id)
          .sort(byAdded);
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
          get()
            .incidents.filter(
              (i) => i.workspaceId === workspaceId && ids.has(i.id) && statuses.includes(i.status),
            )
            .sort((a, b) => time(b.createdAt) - time(a.createdAt)),
        );
      },
      async listForWorkspace(workspaceId, statuses, limit) {
        return copy(
          get()
            .incidents.filter((row) => row.workspaceId === workspaceId && statuses.includes(row.status))
            .sort((a, b) => time(b.createdAt) - time(a.createdAt))
            .slice(0, limit),
        );
      },
      async listByStatus(status, limit) {
        return copy(
          get()
            .incidents.filter((row) => row.status === status)
            .sort((a, b) => time(a.createdAt) - time(b.createdAt))
            .slice(0, limit),
        );
      },
    },
    members: {
      async add(members) {
        for (const member of members) requireIncident(member.incidentId);
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
        return copy(
          get()
            .members.filter((m) => m.incidentId === incidentId)
            .sort(byAdded),
        );
      },
      async get(incidentId, userId) {
        return copy(get().members.find((m) => m.incidentId === incidentId && m.userId === userId));
      },
    },
    steps: {
      async insertAll(steps) {
        const keys = new Set<string>();
        for (const step of steps) {
          requireIncident(step.incidentId);
          checkStep(step);
          const id = `${step.incidentId}/${step.key}`;
          const stored = get().steps.some((s) => s.incidentId === step.incidentId && s.key === step.key);
          if (stored || keys.has(id)) refuse(`the step ${step.key} exists`);
          keys.add(id);
        }
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
            .sort((a, b) => byText(a.key, b.key)),
        );
      },
      async update(step) {
        updateSteps([step]);
      },
      async updateMany(steps) {
        updateSteps(steps);
      },
      async writeChanges({ steps, audit, requests }) {
        steps.forEach(checkStep);
        for (const event of audit) requireIncident(event.incidentId);
        updateSteps(steps);
        appendAudit(audit);
        for (const key of requests.keys) recordRequest(requests.scope, key, null);
      },
    },
    notes: {
      async add(note) {
        requireIncident(note.incidentId);
        get().notes.push(copy(note));
      },
      async list(incidentId, limit) {
        // Newest first; notes of one moment newest written first.
        return copy(
          get()
            .notes.filter((n) => n.incidentId === incidentId)
            .reverse()
            .sort((a, b) => time(b.createdAt) - time(a.createdAt))
            .slice(0, limit),
        );
      },
      async listForStep(incidentId, stepKey, limit) {
        return copy(
          get()
            .notes.filter((n) => n.incidentId === incidentId && n.stepKey === stepKey)
            .reverse()
            .sort((a, b) => time(b.createdAt) - time(a.createdAt))
            .slice(0, limit),
        );
      },
      async countByStep(incidentId) {
        const counts: Record<string, number> = {};
        for (const note of get().notes) {
          if (note.incidentId !== incidentId || note.stepKey === null) continue;
          counts[note.stepKey] = (counts[note.stepKey] ?? 0) + 1;
        }
        return counts;
      },
    },
    forms: {
      async upsert(answer) {
        requireIncident(answer.incidentId);
        const stored = get().forms.find(
          (f) => f.incidentId === answer.incidentId && f.stepKey === answer.stepKey,
        );
        if (stored) Object.assign(stored, copy(answer));
        else get().forms.push(copy(answer));
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
        return copy(
          get()
            .cards.filter((c) => c.incidentId === incidentId)
            .sort((a, b) => time(a.createdAt) - time(b.createdAt)),
        );
      },
      async save(message) {
        requireIncident(message.incidentId);
        const existing = get().cards.find(
          (c) => c.incidentId === message.incidentId && c.cardKey === message.cardKey,
        );
        if (existing) return copy(existing);
        get().cards.push(copy(message));
        return copy(message);
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
      async update({ id, locale, timezone, settings }) {
        const stored = get().workspaces.find((w) => w.id === id);
        if (stored) Object.assign(stored, copy({ locale, timezone, settings }));
      },
    },
    playbooks: {
      async get(key, version) {
        return copy(get().playbooks.find((p) => p.key === key && p.version === version));
      },
      async insert(playbook) {
        const existing = get().playbooks.find(
          (p) => p.key === playbook.key && p.version === playbook.version,
        );
        if (existing) return copy(existing);
        get().playbooks.push(copy(playbook));
        return copy(playbook);
      },
      async list() {
        return copy([...get().playbooks].sort((a, b) => byText(a.key, b.key) || a.version - b.version));
      },
    },
    requests: {
      async markProcessed(key, scope, ref = null) {
        return recordRequest(scope, key, ref);
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
