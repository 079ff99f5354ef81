import { ACTIONS, type ActionKind } from '../cards/action.table.js';
import { nameResolver } from '../cards/card-context.js';
import { factValueLabel, localized, t } from '../i18n/catalogue.js';
import type { FactsChange } from '../incidents/incident.facts.js';
import type { IncidentService } from '../incidents/incident.service.js';
import { findStep, type PlaybookRegistry } from '../playbook/playbook.registry.js';
import type { Locale } from '../playbook/playbook.types.js';
import { scopeOf, unchangedOutcome } from './handler-outcome.js';
import type { ActionHandler, ActionRequest, HandlerOutcome } from './interaction.types.js';

export interface FactsDeps {
  incidents: IncidentService;
  playbooks: PlaybookRegistry;
}

/** "Feiten aanpassen" in the overview's menu: the lead changes the opening facts. */
export function factsActionHandlers(deps: FactsDeps): Array<[ActionKind, ActionHandler]> {
  return [['editFacts', (request, locale) => editFacts(deps, request, locale)]];
}

async function editFacts(deps: FactsDeps, request: ActionRequest, locale: Locale): Promise<HandlerOutcome> {
  const result = await deps.incidents.editFacts(scopeOf(request), request.input?.facts ?? {});
  if (!result.changed) return unchangedOutcome(locale);
  const change = result.value;
  const members = await deps.incidents.members(change.incident.id);
  const workspaceLocale = request.workspace.locale;
  const held = change.heldStill.length
    ? ` ${t(locale, 'facts.held', { steps: stepTitles(deps, change, locale) })}`
    : '';
  const finished = change.finishedNow
    ? ` ${t(locale, 'feedback.finished', { incident: change.incident.number })}`
    : '';
  return {
    changed: true,
    message: `${t(locale, ACTIONS.editFacts.feedback, { changes: describeChange(change, locale) })}${held}${finished}`,
    // The "Nu eerst" card follows the spread, the phase cards the steps: every card is redrawn.
    phases: 'all',
    timeline: [
      t(workspaceLocale, ACTIONS.editFacts.timeline, {
        actor: nameResolver(members)(request.actor.userId),
        changes: describeChange(change, workspaceLocale),
      }),
      ...(change.finishedNow
        ? [t(workspaceLocale, 'timeline.finishedBySteps', { incident: change.incident.number })]
        : []),
    ].join('\n'),
  };
}

/** "verspreiding nu openbaar online; 2 stappen weer van toepassing, 1 stap niet meer" */
export function describeChange(change: FactsChange, locale: Locale): string {
  const facts = change.changedFacts.map((fact) =>
    t(locale, 'facts.change', {
      fact: t(locale, `facts.name.${fact}`),
      value: factValueLabel(fact, change.incident.facts[fact], locale).toLocaleLowerCase(locale),
    }),
  );
  const steps = [
    counted(locale, 'facts.restored', change.restored.length),
    counted(locale, 'facts.setAside', change.setAside.length),
  ].filter((part): part is string => part !== null);
  return [facts.join(', '), ...(steps.length > 0 ? [steps.join(', ')] : [])].join('; ');
}

function counted(locale: Locale, key: 'facts.restored' | 'facts.setAside', count: number): string | null {
  if (count === 0) return null;
  return count === 1 ? t(locale, `${key}.one`) : t(locale, `${key}.other`, { count });
}

function stepTitles(deps: FactsDeps, change: FactsChange, locale: Locale): string {
  const playbook = deps.playbooks.get(change.incident.playbookKey, change.incident.playbookVersion);
  return change.heldStill
    .map((step) => {
      const definition = findStep(playbook, step.key);
      return `“${definition ? localized(definition.step.title, locale) : step.key}”`;
    })
    .join(', ');
}
