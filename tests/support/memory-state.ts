import type {
  AuditEvent,
  FormAnswer,
  Incident,
  Member,
  Note,
  Step,
  Workspace,
} from '../../src/core/incidents/incident.types.js';
import type { CardMessage, OpeningRecord, StoredPlaybook } from '../../src/core/ports/store.js';

export interface MemoryState {
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

export function emptyState(): MemoryState {
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

export const copy = <T>(value: T): T => structuredClone(value);
export const time = (date: Date) => date.getTime();
/** Text in code-point order, as the databases' C collation sorts it. */
export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
export const byAdded = (a: Member, b: Member) =>
  time(a.addedAt) - time(b.addedAt) || byText(a.userId, b.userId);

/** Refuses what the tables' keys and checks refuse; a statement fails as a whole, before it writes. */
export function refuse(what: string): never {
  throw new Error(`MemoryStore: ${what}`);
}

/** The tables' keys, checks and references, as far as the core could trip over them. */
export function memoryChecks(get: () => MemoryState) {
  const requireIncident = (incidentId: string | null) => {
    if (incidentId !== null && !get().incidents.some((row) => row.id === incidentId)) {
      refuse(`no incident ${incidentId}`);
    }
  };
  const checkStep = (step: Step) => {
    if (step.status === 'claimed' && step.ownerId === null) refuse('a claimed step needs an owner');
  };
  const checkIncident = (incident: Incident) => {
    const clash = get().incidents.find(
      (row) =>
        row.id !== incident.id &&
        row.workspaceId === incident.workspaceId &&
        (row.number === incident.number || (incident.spaceId !== null && row.spaceId === incident.spaceId)),
    );
    if (clash) refuse('an incident with this number or space exists in the workspace');
  };
  return { requireIncident, checkStep, checkIncident };
}

/** The incident's opening row, made on first use (like the INSERT … ON CONFLICT of the real store). */
export function openingRow(state: MemoryState, incidentId: string): OpeningRecord {
  if (!state.incidents.some((incident) => incident.id === incidentId)) {
    refuse('no incident for this opening');
  }
  let row = state.openings.find((candidate) => candidate.incidentId === incidentId);
  if (!row) {
    row = { incidentId, noticeRef: null, problem: null };
    state.openings.push(row);
  }
  return row;
}
