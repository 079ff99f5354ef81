import type { ActionKind } from '../cards/action.table.js';
import { buildStepNotesCard } from '../cards/notes.card.js';
import { DomainError } from '../errors/domain-error.js';
import { localized, t } from '../i18n/catalogue.js';
import type { IncidentService } from '../incidents/incident.service.js';
import { findStep, type PlaybookRegistry } from '../playbook/playbook.registry.js';
import type { Locale } from '../playbook/playbook.types.js';
import { scopeOf } from './handler-outcome.js';
import type { ActionHandler, ActionRequest, HandlerOutcome } from './interaction.types.js';

export interface NotesDeps {
  incidents: IncidentService;
  playbooks: PlaybookRegistry;
}

/** "Alle notities" on a step: every note of it, for the member who asked and nobody else. */
export function notesActionHandlers(deps: NotesDeps): Array<[ActionKind, ActionHandler]> {
  return [['notes', (request, locale) => showNotes(deps, request, locale)]];
}

async function showNotes(deps: NotesDeps, request: ActionRequest, locale: Locale): Promise<HandlerOutcome> {
  const stepKey = request.payload.stepKey;
  if (!stepKey) throw new DomainError('InvalidAction');
  const { incident, members, notes } = await deps.incidents.stepNotes(scopeOf(request), stepKey);
  const playbook = deps.playbooks.get(incident.playbookKey, incident.playbookVersion);
  const definition = findStep(playbook, stepKey);
  if (!definition) throw new DomainError('InvalidAction');
  const card = buildStepNotesCard({
    incident,
    members,
    notes,
    playbook,
    stepKey,
    locale,
    timeZone: request.workspace.timezone,
  });
  const step = localized(definition.step.title, locale);
  return { changed: false, message: t(locale, 'feedback.notes', { step, count: notes.length }), card };
}
