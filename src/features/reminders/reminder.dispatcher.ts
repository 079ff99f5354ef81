import type { Workspace } from '../../core/incidents/incident.types.js';
import type { ChatGateway } from '../../core/ports/chat-gateway.js';
import type { Clock } from '../../core/ports/clock.js';
import { failureCode, GatewayError, isGatewayError } from '../../core/ports/gateway-error.js';
import { deliver } from './reminder.delivery.js';
import type { ReminderStore } from './reminder.port.js';
import type { ReminderService } from './reminder.service.js';
import type { Reminder, ReminderState } from './reminder.types.js';
import { isSchoolTime, nextSchoolMoment, schoolTimeFor } from './school-time.rules.js';

export interface DispatcherOptions {
  /** Identifies this instance in leases. */
  owner: string;
  /** How long a claim holds before another instance may take the reminder over. */
  leaseMs: number;
  /** Attempts before a temporary failure becomes final. */
  maxAttempts: number;
  /** Reminders sent at the same time. */
  concurrency: number;
  /** Reminders claimed per round; all are sent well within the lease. */
  claimBatch: number;
  /** A tick stops claiming after this long, so the next tick is not held up forever. */
  tickBudgetMs: number;
  /** First retry delay; doubled per attempt, at most `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
  /** A gateway call taking longer counts as a (temporary) failure; keep it well under the lease. */
  sendTimeoutMs: number;
  /** Reminders of a platform not running in this process wait this long before a new look. */
  noGatewayHoldMs: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: Omit<DispatcherOptions, 'owner'> = {
  leaseMs: 300_000,
  maxAttempts: 6,
  concurrency: 8,
  claimBatch: 32,
  tickBudgetMs: 50_000,
  backoffMs: 120_000,
  maxBackoffMs: 3_600_000,
  sendTimeoutMs: 30_000,
  noGatewayHoldMs: 300_000,
};

export interface DispatcherDeps {
  reminders: ReminderStore;
  service: ReminderService;
  clock: Clock;
  /** Throws when the workspace's platform has no gateway in this process. */
  gatewayFor: (workspace: Workspace) => ChatGateway;
  /** Redraws the overview (failed reminders are shown there). */
  refreshOverview: (incidentId: string) => Promise<void>;
  /** Failures worth a log line; never throws. */
  report: (event: DispatchEvent) => void;
}

export type DispatchEvent =
  | { type: 'retry' | 'failed'; reminder: Reminder; code: string; error: unknown }
  | { type: 'lost-lease'; reminder: Reminder }
  | { type: 'no-gateway'; reminder: Reminder; platform: string }
  | { type: 'error'; reminder?: Reminder; error: unknown };

export interface TickReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  cancelled: number;
  /** Put back untried: outside school time, or no gateway for the platform here. */
  deferred: number;
}

type Outcome = Exclude<keyof TickReport, 'claimed'>;

/** An incident's state with the reminder keys it asks for. */
interface Loaded {
  state: ReminderState;
  wanted: Set<string>;
}

/**
 * Sends due reminders. Each round claims a few rows under a lease (several instances never hold
 * the same row), checks each is still wanted and that it is school time, delivers it through
 * the platform's gateway and settles it: sent, retried with back-off, or failed.
 */
export class ReminderDispatcher {
  private readonly options: DispatcherOptions;

  constructor(
    private readonly deps: DispatcherDeps,
    options: Partial<DispatcherOptions> & { owner: string },
  ) {
    this.options = { ...DEFAULT_DISPATCHER_OPTIONS, ...options };
  }

  /** Sends what is due now; returns what happened. */
  async tick(): Promise<TickReport> {
    const report: TickReport = { claimed: 0, sent: 0, retried: 0, failed: 0, cancelled: 0, deferred: 0 };
    const started = Date.now();
    while (Date.now() - started < this.options.tickBudgetMs) {
      const now = this.deps.clock.now();
      const batch = await this.deps.reminders.claimDue({
        now,
        owner: this.options.owner,
        leaseUntil: new Date(now.getTime() + this.options.leaseMs),
        limit: this.options.claimBatch,
      });
      if (batch.length === 0) break;
      report.claimed += batch.length;
      // Each incident's state is read once per round, however many of its reminders are due.
      const loaded = new Map<string, Promise<Loaded | undefined>>();
      const load = (incidentId: string) => {
        let entry = loaded.get(incidentId);
        if (!entry) {
          entry = this.deps.reminders
            .loadState(incidentId)
            .then((state) => state && { state, wanted: this.deps.service.wantedKeys(state) });
          loaded.set(incidentId, entry);
        }
        return entry;
      };
      const queue = [...batch];
      const worker = async () => {
        for (let reminder = queue.shift(); reminder; reminder = queue.shift()) {
          report[await this.handleSafely(reminder, load)] += 1;
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.options.concurrency, batch.length) }, worker));
    }
    return report;
  }

  private async handleSafely(
    reminder: Reminder,
    load: (incidentId: string) => Promise<Loaded | undefined>,
  ): Promise<Outcome> {
    try {
      return await this.handle(reminder, await load(reminder.incidentId));
    } catch (error) {
      // A database hiccup while settling: the lease runs out and the reminder is tried again.
      this.deps.report({ type: 'error', reminder, error });
      return 'retried';
    }
  }

  private async handle(reminder: Reminder, loaded: Loaded | undefined): Promise<Outcome> {
    const { reminders, clock } = this.deps;
    const { owner } = this.options;
    const now = clock.now();
    if (!loaded?.wanted.has(reminder.key)) {
      await reminders.cancelClaimed(reminder.id, owner, now);
      return 'cancelled';
    }
    const { state } = loaded;
    if (reminder.attempts > this.options.maxAttempts) {
      // Taken over after lease expiries again and again: an instance dies while sending it.
      return this.fail(reminder, 'lease_expired', null, now);
    }
    const school = schoolTimeFor(state.workspace, this.deps.service.rules.school);
    if (!isSchoolTime(now, school)) {
      await reminders.release(reminder.id, owner, nextSchoolMoment(now, school), true, now);
      return 'deferred';
    }
    let gateway: ChatGateway;
    try {
      gateway = this.deps.gatewayFor(state.workspace);
    } catch {
      // Another instance (or a later start) may run this platform: wait, do not fail.
      this.deps.report({ type: 'no-gateway', reminder, platform: state.workspace.platform });
      await reminders.release(
        reminder.id,
        owner,
        new Date(now.getTime() + this.options.noGatewayHoldMs),
        true,
        now,
      );
      return 'deferred';
    }
    try {
      await withTimeout(deliver(reminder, state, gateway, this.deps.service), this.options.sendTimeoutMs);
    } catch (error) {
      return this.failedAttempt(reminder, error, school);
    }
    const settled = await reminders.markSent(reminder.id, owner, clock.now());
    if (!settled) this.deps.report({ type: 'lost-lease', reminder });
    // An overdue step is reminded again on the next school day: schedule that one now (the
    // periodic resync does it otherwise).
    if (reminder.kind === 'overdue') {
      await this.deps.service.sync(reminder.incidentId).catch((error: unknown) => {
        this.deps.report({ type: 'error', reminder, error });
      });
    }
    return 'sent';
  }

  private async failedAttempt(
    reminder: Reminder,
    error: unknown,
    school: ReturnType<typeof schoolTimeFor>,
  ): Promise<Outcome> {
    const now = this.deps.clock.now();
    const code = failureCode(error);
    const permanent = isGatewayError(error) && error.permanent;
    if (permanent || reminder.attempts >= this.options.maxAttempts)
      return this.fail(reminder, code, error, now);
    const hint = isGatewayError(error) ? (error.retryAfterMs ?? 0) : 0;
    const backoff = Math.min(
      this.options.backoffMs * 2 ** (reminder.attempts - 1),
      this.options.maxBackoffMs,
    );
    const dueAt = nextSchoolMoment(new Date(now.getTime() + Math.max(backoff, hint)), school);
    await this.deps.reminders.retryLater(reminder.id, this.options.owner, dueAt, code, now);
    this.deps.report({ type: 'retry', reminder, code, error });
    return 'retried';
  }

  private async fail(reminder: Reminder, code: string, error: unknown, now: Date): Promise<Outcome> {
    await this.deps.reminders.markFailed(reminder.id, this.options.owner, code, now);
    this.deps.report({ type: 'failed', reminder, code, error });
    await this.deps.refreshOverview(reminder.incidentId).catch((refreshError: unknown) => {
      this.deps.report({ type: 'error', reminder, error: refreshError });
    });
    return 'failed';
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new GatewayError('timeout', false)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
