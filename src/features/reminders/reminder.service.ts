import type { CardContext } from '../../core/cards/card-context.js';
import { nameResolver } from '../../core/cards/card-context.js';
import { KeyedBatcher } from '../../core/concurrency/keyed-batcher.js';
import { t } from '../../core/i18n/catalogue.js';
import type { IncidentView, Workspace } from '../../core/incidents/incident.types.js';
import { aftercarePhaseKey } from '../../core/incidents/lifecycle.rules.js';
import type { PlaybookRegistry } from '../../core/playbook/playbook.registry.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Store } from '../../core/ports/store.js';
import { formatIsoDate } from '../../core/text/format.js';
import { isoDateIn } from '../../core/time/zoned.js';
import { type ReminderTextContext, reminderLabel } from './reminder.card.js';
import type { ReminderStore } from './reminder.port.js';
import { planReminders } from './reminder.rules.js';
import type { Reminder, ReminderRules, ReminderState, SyncOutcome } from './reminder.types.js';

export interface ReminderServiceDeps {
  store: Store;
  reminders: ReminderStore;
  playbooks: PlaybookRegistry;
  clock: Clock;
  rules: ReminderRules;
}

/** Failed reminders shown on the overview at most, and for how long after they failed. */
const NOTICES_SHOWN = 3;
const NOTICE_DAYS = 14;
/** Finished incidents are still looked at this long after finishing (in days), to cancel what is left. */
const FINISHED_SYNC_MARGIN_DAYS = 14;

/**
 * Keeps each incident's reminder schedule in line with its state. The schedule is derived, not
 * edited: after every change (and periodically, in case a process died in between) `sync`
 * recomputes what the state asks for and stores the difference.
 */
export class ReminderService {
  private readonly afterChange = new KeyedBatcher<undefined, SyncOutcome>(async (incidentId, changes) => {
    const outcome = await this.sync(incidentId);
    return changes.map(() => ({ ok: true as const, value: outcome }));
  });

  constructor(private readonly deps: ReminderServiceDeps) {}

  get rules(): ReminderRules {
    return this.deps.rules;
  }

  /**
   * Syncs after a change. Changes that come in while the incident's sync runs share the next
   * one: twenty clicks at once cost two syncs, not twenty queued on the incident's lock.
   */
  syncAfterChange(incidentId: string): Promise<SyncOutcome> {
    return this.afterChange.submit(incidentId, undefined);
  }

  /** Inserts reminders the state asks for and cancels pending ones it no longer asks for. */
  sync(incidentId: string): Promise<SyncOutcome> {
    return this.deps.reminders.sync(
      incidentId,
      (state) => planReminders(state, this.deps.rules, this.aftercarePhaseOf(state)),
      this.deps.clock.now(),
    );
  }

  /**
   * Syncs every incident whose schedule may still change. Returns how many were synced; one
   * incident's failure is reported and does not stop the others.
   */
  async syncAll(onError: (incidentId: string, error: unknown) => void = () => undefined): Promise<number> {
    const days = this.deps.rules.evaluationAfterDays + FINISHED_SYNC_MARGIN_DAYS;
    const finishedSince = new Date(this.deps.clock.now().getTime() - days * 86_400_000);
    let afterId: string | null = null;
    let synced = 0;
    for (;;) {
      const ids = await this.deps.reminders.listIncidentsToSync(finishedSince, afterId, 200);
      for (const id of ids) {
        try {
          await this.sync(id);
          synced += 1;
        } catch (error) {
          onError(id, error);
        }
      }
      if (ids.length < 200) return synced;
      afterId = ids[ids.length - 1] ?? null;
    }
  }

  /** The keys of the reminders the state asks for (checked just before sending). */
  wantedKeys(state: ReminderState): Set<string> {
    return new Set(
      planReminders(state, this.deps.rules, this.aftercarePhaseOf(state)).map((wanted) => wanted.key),
    );
  }

  /** The incident's evaluation and aftercare phase, which closing leaves running. */
  private aftercarePhaseOf(state: Pick<ReminderState, 'incident'>): string | null {
    const { playbookKey, playbookVersion } = state.incident;
    return aftercarePhaseKey(this.deps.playbooks.get(playbookKey, playbookVersion));
  }

  /** True when the state still asks for exactly this reminder. */
  stillWanted(reminder: Reminder, state: ReminderState): boolean {
    return this.wantedKeys(state).has(reminder.key);
  }

  /** The texts' context for an incident: its language, time zone, members and playbook. */
  textContext(
    state: Pick<ReminderState, 'incident' | 'workspace' | 'members' | 'steps'> &
      Partial<Pick<ReminderState, 'forms'>>,
  ): ReminderTextContext {
    return {
      incident: state.incident,
      members: state.members,
      steps: state.steps,
      ...(state.forms ? { forms: state.forms } : {}),
      playbook: this.deps.playbooks.get(state.incident.playbookKey, state.incident.playbookVersion),
      locale: state.workspace.locale,
      timeZone: state.workspace.timezone,
    };
  }

  /**
   * For the overview card: the next planned aftercare moment (postponements included) and a
   * line for each reminder that could not be delivered.
   */
  async overviewExtras(
    view: Pick<IncidentView, 'incident' | 'members' | 'steps'>,
    workspace: Workspace,
  ): Promise<Pick<CardContext, 'nextAftercareAt' | 'notices'>> {
    const { incident, members, steps } = view;
    const reminders = await this.deps.reminders.listForIncident(incident.id);
    const aftercare = reminders.filter((r) => r.kind === 'aftercare');
    const upcoming = aftercare
      .filter((r) => r.status === 'pending' || r.status === 'sending')
      .map((r) => r.dueAt.getTime());
    const ctx = this.textContext({ incident, workspace, members, steps });
    const since = this.deps.clock.now().getTime() - NOTICE_DAYS * 86_400_000;
    const notices = reminders
      .filter((r) => r.status === 'failed' && r.outcome === null && r.updatedAt.getTime() >= since)
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
      .slice(0, NOTICES_SHOWN)
      .map((r) => failedNotice(r, ctx, workspace));
    // Before the first sync of a fresh form the card reads the form's own dates instead.
    if (aftercare.length === 0 && incident.status !== 'closed' && incident.status !== 'finished') {
      return { notices };
    }
    return {
      nextAftercareAt: upcoming.length > 0 ? new Date(Math.min(...upcoming)) : null,
      notices,
    };
  }
}

function failedNotice(reminder: Reminder, ctx: ReminderTextContext, workspace: Workspace): string {
  return t(ctx.locale, 'overview.reminderFailed', {
    reminder: reminderLabel(reminder, ctx),
    target: nameResolver(ctx.members)(reminder.targetId),
    date: formatIsoDate(isoDateIn(reminder.dueAt, workspace.timezone), ctx.locale),
  });
}
