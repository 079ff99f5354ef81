import { t } from '../../core/i18n/catalogue.js';
import { SYSTEM_ACTOR } from '../../core/incidents/incident.access.js';
import type { Workspace } from '../../core/incidents/incident.types.js';
import type { Locale } from '../../core/playbook/playbook.types.js';
import type { ChatGateway } from '../../core/ports/chat-gateway.js';
import type { Clock } from '../../core/ports/clock.js';
import { isGatewayError } from '../../core/ports/gateway-error.js';
import type { Store } from '../../core/ports/store.js';
import { blankPostedMessages, idleWarningCard } from './retention.blanking.js';
import type { RetentionStore } from './retention.port.js';

export interface RetentionDeps {
  retention: RetentionStore;
  store: Store;
  clock: Clock;
  /** Months after finishing that an incident's content is kept. */
  months: number;
  /**
   * The platform of a workspace: before the bot forgets where it posted, every card it posted
   * is overwritten with a neutral one and the space archived where the platform allows it.
   */
  gatewayFor?: (workspace: Workspace) => ChatGateway;
}

export interface RetentionReport {
  purged: number;
  failed: number;
  /** Idempotency keys older than REQUEST_KEYS_DAYS that were forgotten. */
  forgottenRequests: number;
  /** Leads told that their idle, unfinished incident will be purged in IDLE_NOTICE_DAYS. */
  warned: number;
}

const BATCH = 50;
/** Slack and Teams retry a delivery within minutes; a month leaves a wide margin. */
export const REQUEST_KEYS_DAYS = 30;
/** How long before an idle, unfinished incident is purged its lead is warned. */
export const IDLE_NOTICE_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * The daily retention job: incidents finished longer ago than the retention period lose their
 * content. What stays is what the school's statistics need: number, kind, dates, step statuses
 * and counts, plus an audit entry that says the purge happened.
 */
export class RetentionService {
  constructor(private readonly deps: RetentionDeps) {}

  /** The moment before which finished incidents are purged. */
  cutoff(now: Date = this.deps.clock.now()): Date {
    const cutoff = new Date(now.getTime());
    cutoff.setUTCMonth(cutoff.getUTCMonth() - this.deps.months);
    return cutoff;
  }

  async run(
    onError: (incidentId: string, error: unknown) => void = () => undefined,
  ): Promise<RetentionReport> {
    const now = this.deps.clock.now();
    const finishedBefore = this.cutoff(now);
    const report: RetentionReport = { purged: 0, failed: 0, forgottenRequests: 0, warned: 0 };
    await this.idle(now, report, onError);
    const skip = new Set<string>();
    const workspaces = new Map<string, Workspace | undefined>();
    for (;;) {
      const expired = (await this.deps.retention.listExpired(finishedBefore, BATCH + skip.size)).filter(
        (item) => !skip.has(item.incidentId),
      );
      if (expired.length === 0) {
        const keysBefore = new Date(now.getTime() - REQUEST_KEYS_DAYS * 86_400_000);
        report.forgottenRequests = await this.deps.retention.forgetRequests(keysBefore);
        return report;
      }
      for (const { incidentId, workspaceId } of expired) {
        try {
          // One read per workspace for the whole run.
          if (!workspaces.has(workspaceId))
            workspaces.set(workspaceId, await this.deps.store.workspaces.get(workspaceId));
          const workspace = workspaces.get(workspaceId);
          const locale: Locale = workspace?.locale ?? 'nl';
          if (workspace && this.deps.gatewayFor) {
            // A temporary failure throws: the incident is tried again tomorrow, references kept.
            await blankPostedMessages(this.deps.store, this.deps.gatewayFor(workspace), incidentId, locale);
          }
          const counts = await this.deps.retention.purge({
            incidentId,
            finishedBefore,
            marker: t(locale, 'retention.removed'),
            at: now,
            actorId: SYSTEM_ACTOR,
          });
          if (counts) report.purged += 1;
          else skip.add(incidentId);
        } catch (error) {
          // Skipped for this run; the next daily run tries again.
          skip.add(incidentId);
          report.failed += 1;
          onError(incidentId, error);
        }
      }
    }
  }

  /**
   * Incidents that were never finished and saw no activity for (almost) the retention period:
   * the lead is warned IDLE_NOTICE_DAYS ahead; without activity since, the content is then
   * purged like a finished incident's. Any activity after the warning starts the wait again.
   */
  private async idle(
    now: Date,
    report: RetentionReport,
    onError: (incidentId: string, error: unknown) => void,
  ): Promise<void> {
    const cutoff = this.cutoff(now);
    const warnFrom = new Date(cutoff.getTime() + IDLE_NOTICE_DAYS * DAY_MS);
    const warnedBefore = new Date(now.getTime() - IDLE_NOTICE_DAYS * DAY_MS);
    for (const idle of await this.deps.retention.listIdle(warnFrom, 500)) {
      try {
        const workspace = await this.deps.store.workspaces.get(idle.workspaceId);
        const locale = workspace?.locale ?? 'nl';
        const gateway = workspace && this.deps.gatewayFor ? this.deps.gatewayFor(workspace) : null;
        if (!idle.warnedAt) {
          const card = idleWarningCard(idle.incidentId, idle.number, locale, this.deps.months);
          // A lead who left cannot be warned: the incident still waits the full notice period.
          await gateway?.sendDirect(idle.leadId, card).catch((error: unknown) => {
            if (!(isGatewayError(error) && error.permanent)) throw error;
          });
          await this.deps.retention.markIdleWarned(idle.incidentId, now);
          report.warned += 1;
          continue;
        }
        if (idle.warnedAt > warnedBefore || idle.lastActivity >= cutoff) continue;
        if (gateway) await blankPostedMessages(this.deps.store, gateway, idle.incidentId, locale);
        const counts = await this.deps.retention.purge({
          incidentId: idle.incidentId,
          finishedBefore: cutoff,
          idle: { lastActivityBefore: cutoff, warnedBefore },
          marker: t(locale, 'retention.removed'),
          at: now,
          actorId: SYSTEM_ACTOR,
        });
        if (counts) report.purged += 1;
      } catch (error) {
        report.failed += 1;
        onError(idle.incidentId, error);
      }
    }
  }
}
