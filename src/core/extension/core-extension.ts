import type { ActionKind } from '../cards/action-payload.js';
import type { CardContext } from '../cards/card-context.js';
import type { IncidentView, Workspace } from '../incidents/incident.types.js';
import type { FormDefaults } from '../interactions/command.service.js';
import type { ActionHandler, ChangeListener } from '../interactions/interaction.types.js';

/** Extra overview input from a feature (the next aftercare moment, failed reminders). */
export type OverviewExtras = (
  view: IncidentView,
  workspace: Workspace,
) => Promise<Pick<CardContext, 'nextAftercareAt' | 'notices' | 'retentionMonths'>>;

/**
 * What a feature adds to the core. Modules declare it before the services are built; nothing is
 * plugged in afterwards, so the services are complete from their first call.
 */
export interface CoreExtension {
  /** Buttons the feature owns (e.g. a reminder's "Gedaan") and what they do. */
  actions?: ReadonlyArray<readonly [ActionKind, ActionHandler]>;
  /** Told after every change; may ask for the overview to be redrawn. */
  onChange?: ChangeListener;
  overviewExtras?: OverviewExtras;
  /** Suggested answers for a form nobody has filled in yet. */
  formDefaults?: FormDefaults;
}

/** Several extensions' parts, gathered for the services that use them. */
export interface GatheredExtensions {
  actions: Array<readonly [ActionKind, ActionHandler]>;
  listeners: ChangeListener[];
  overviewExtras: OverviewExtras | undefined;
  formDefaults: FormDefaults | undefined;
}

/** Gathers the extensions; a button kind claimed twice is a programming error. */
export function gatherExtensions(extensions: readonly CoreExtension[]): GatheredExtensions {
  const actions = new Map<ActionKind, ActionHandler>();
  for (const extension of extensions) {
    for (const [kind, handler] of extension.actions ?? []) {
      if (actions.has(kind)) throw new Error(`Two extensions handle the action "${kind}"`);
      actions.set(kind, handler);
    }
  }
  const pick = <K extends keyof CoreExtension>(key: K) =>
    extensions.flatMap((extension) =>
      extension[key] ? [extension[key] as NonNullable<CoreExtension[K]>] : [],
    );
  const extras = pick('overviewExtras');
  const defaults = pick('formDefaults');
  return {
    actions: [...actions],
    listeners: pick('onChange'),
    overviewExtras:
      extras.length === 0
        ? undefined
        : async (view, workspace) =>
            Object.assign({}, ...(await Promise.all(extras.map((extra) => extra(view, workspace))))),
    formDefaults:
      defaults.length === 0
        ? undefined
        : async (request) => {
            for (const suggest of defaults) {
              const values = await suggest(request);
              if (values) return values;
            }
            return null;
          },
  };
}
