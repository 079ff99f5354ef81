import type {
  AuditEvent,
  FormAnswer,
  Incident,
  IncidentStatus,
  Member,
  Note,
  Platform,
  Step,
  UserId,
  Workspace,
} from '../incidents/incident.types.js';
import type { Playbook } from '../playbook/playbook.types.js';

/** `share` keeps a row from changing until commit; `update` also keeps others from locking it. */
export type RowLock = 'share' | 'update';

export interface IncidentRepository {
  /** Next sequence number for the workspace and year; never hands out the same one twice. */
  allocateNumber(workspaceId: string, year: number): Promise<number>;
  insert(incident: Incident): Promise<void>;
  update(incident: Incident): Promise<void>;
  get(id: string, lock?: RowLock): Promise<Incident | undefined>;
  /** The incident (locked as asked) with its members, oldest first. */
  getWithMembers(id: string, lock?: RowLock): Promise<{ incident: Incident; members: Member[] } | undefined>;
  findBySpace(workspaceId: string, spaceId: string): Promise<Incident | undefined>;
  listForMember(workspaceId: string, userId: UserId, statuses: IncidentStatus[]): Promise<Incident[]>;
  listByStatus(status: IncidentStatus, limit: number): Promise<Incident[]>;
  /** The workspace's incidents in these statuses, newest first. */
  listForWorkspace(workspaceId: string, statuses: IncidentStatus[], limit: number): Promise<Incident[]>;
}

export interface MemberRepository {
  /** Adds members; one already present is left as it is. */
  add(members: Member[]): Promise<void>;
  remove(incidentId: string, userId: UserId): Promise<void>;
  list(incidentId: string): Promise<Member[]>;
  get(incidentId: string, userId: UserId): Promise<Member | undefined>;
}

export interface StepRepository {
  insertAll(steps: Step[]): Promise<void>;
  get(incidentId: string, key: string, lock?: RowLock): Promise<Step | undefined>;
  /** The steps with these keys, locked in key order (so two batches never wait on each other). */
  getMany(incidentId: string, keys: string[], lock?: RowLock): Promise<Step[]>;
  list(incidentId: string): Promise<Step[]>;
  update(step: Step): Promise<void>;
  /** Updates several steps in one statement; like `update`, it never adds a missing step. */
  updateMany(steps: Step[]): Promise<void>;
  /** Writes what a batch of step actions changed, at once: steps, audit entries, delivery ids. */
  writeChanges(changes: StepChanges): Promise<void>;
}

export interface StepChanges {
  steps: Step[];
  /** Appended in this order. */
  audit: AuditEvent[];
  /** Delivery ids to record (keys already recorded are left as they are). */
  requests: { scope: string; keys: string[] };
}

export interface NoteRepository {
  add(note: Note): Promise<void>;
  /** Most recent first. */
  list(incidentId: string, limit: number): Promise<Note[]>;
  /** One step's notes, most recent first. */
  listForStep(incidentId: string, stepKey: string, limit: number): Promise<Note[]>;
  /** How many notes each step has, by step key; steps without notes are left out. */
  countByStep(incidentId: string): Promise<Record<string, number>>;
}

export interface FormRepository {
  upsert(answer: FormAnswer): Promise<void>;
  get(incidentId: string, stepKey: string): Promise<FormAnswer | undefined>;
  list(incidentId: string): Promise<FormAnswer[]>;
}

export interface AuditRepository {
  append(event: AuditEvent): Promise<void>;
  /** Appends in the given order. */
  appendMany(events: AuditEvent[]): Promise<void>;
  /**
   * Oldest first, naming people by their ids. Once the incident is purged, the people in its
   * entries are per-incident pseudonyms that nothing resolves any more.
   */
  list(incidentId: string): Promise<AuditEvent[]>;
}

/** A posted card, so later changes can update it in place. */
export interface CardMessage {
  incidentId: string;
  /** `overview`, `tips` or `phase:<phaseKey>`. */
  cardKey: string;
  spaceId: string;
  messageId: string;
  createdAt: Date;
}

export interface CardMessageRepository {
  list(incidentId: string): Promise<CardMessage[]>;
  /** Stores the message id; a second save for the same card keeps the first. */
  save(message: CardMessage): Promise<CardMessage>;
}

export interface WorkspaceRepository {
  /** Returns the workspace, creating it with the defaults on first sight. */
  ensure(
    platform: Platform,
    externalId: string,
    defaults: Pick<Workspace, 'locale' | 'timezone'>,
  ): Promise<Workspace>;
  get(id: string): Promise<Workspace | undefined>;
  update(workspace: Workspace): Promise<void>;
}

export interface StoredPlaybook {
  key: string;
  version: number;
  contentHash: string;
  content: Playbook;
}

export interface PlaybookRepository {
  get(key: string, version: number): Promise<StoredPlaybook | undefined>;
  /** Inserts unless present; returns what is stored afterwards. */
  insert(playbook: StoredPlaybook): Promise<StoredPlaybook>;
  list(): Promise<StoredPlaybook[]>;
}

export interface ProcessedRequest {
  /** True for the first delivery of this key. */
  first: boolean;
  /** What the first delivery stored with the key, e.g. the id of the incident it opened. */
  ref: string | null;
}

export interface RequestLog {
  /**
   * Records an idempotency key; a repeat returns `first: false` and the first delivery's ref. Called inside
   * the transaction of the change it guards, so a failed attempt leaves no mark.
   */
  markProcessed(key: string, scope: string, ref?: string | null): Promise<ProcessedRequest>;
  /** Which of these keys were recorded before (committed). */
  seen(keys: string[], scope: string): Promise<Set<string>>;
}

/** Why an opening attempt failed: a stable code and, where it helps, e.g. the missing permission. */
export interface OpeningProblem {
  code: string;
  detail: string | null;
}

/** How an incident's opening goes, for the person who asked. */
export interface OpeningRecord {
  incidentId: string;
  /** The platform's reference to the requester's confirmation message, to update it later. */
  noticeRef: string | null;
  /** Why the last attempt failed; null while it goes well and once it succeeded. */
  problem: OpeningProblem | null;
}

export interface OpeningRepository {
  get(incidentId: string): Promise<OpeningRecord | undefined>;
  /** Remembers the requester's confirmation message; a second one replaces the first. */
  saveNotice(incidentId: string, noticeRef: string): Promise<void>;
  /** Records the last attempt's problem, or clears it (null). */
  saveProblem(incidentId: string, problem: OpeningProblem | null): Promise<void>;
}

export interface Repositories {
  incidents: IncidentRepository;
  members: MemberRepository;
  steps: StepRepository;
  notes: NoteRepository;
  forms: FormRepository;
  audit: AuditRepository;
  cards: CardMessageRepository;
  workspaces: WorkspaceRepository;
  playbooks: PlaybookRepository;
  requests: RequestLog;
  openings: OpeningRepository;
}

/** Storage port. Outside a transaction each call stands alone. */
export interface Store extends Repositories {
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  /** True when the database answers. */
  ping(): Promise<boolean>;
}
