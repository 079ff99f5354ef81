import type { CoreExtension } from '../../core/extension/core-extension.js';
import type { PlaybookRegistry } from '../../core/playbook/playbook.registry.js';
import type { Clock } from '../../core/ports/clock.js';
import type { IdGenerator } from '../../core/ports/ids.js';
import type { Store } from '../../core/ports/store.js';
import { aftercareSuggestions } from './aftercare-suggestions.js';
import type { ReminderStore } from './reminder.port.js';
import { ReminderService } from './reminder.service.js';
import type { ReminderRules } from './reminder.types.js';
import { reminderActionHandlers } from './reminder-actions.handler.js';

export interface ReminderFeatureDeps {
  store: Store;
  reminders: ReminderStore;
  playbooks: PlaybookRegistry;
  clock: Clock;
  ids: IdGenerator;
  rules: ReminderRules;
  /** The overview is drawn without reminder lines when they cannot be read; this hears why. */
  onOverviewError?: (error: unknown, incidentId: string) => void;
}

/**
 * What reminders add to the core: the reminder buttons, a schedule that follows every change,
 * the next aftercare moment on the overview, and suggested aftercare moments in the form.
 */
export function reminderFeature(deps: ReminderFeatureDeps): {
  service: ReminderService;
  extension: CoreExtension;
} {
  const { store, reminders, playbooks, clock, ids, rules } = deps;
  const service = new ReminderService({ store, reminders, playbooks, clock, rules });
  const extension: CoreExtension = {
    actions: reminderActionHandlers({ store, reminders, service, clock, ids }),
    onChange: async (incidentId) => {
      const outcome = await service.syncAfterChange(incidentId);
      // The overview shows the next aftercare moment: the follow-up may have redrawn it
      // before the new schedule was stored.
      return { redrawOverview: outcome.kinds.includes('aftercare') };
    },
    overviewExtras: async (view, workspace) => {
      if (!deps.onOverviewError) return service.overviewExtras(view, workspace);
      try {
        return await service.overviewExtras(view, workspace);
      } catch (error) {
        deps.onOverviewError(error, view.incident.id);
        return {};
      }
    },
    formDefaults: aftercareSuggestions(store, clock, rules),
  };
  return { service, extension };
}
