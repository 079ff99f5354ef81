import { nameResolver } from '../cards/card-context.js';
import { errorMessage, t } from '../i18n/catalogue.js';
import { type Actor, requireLead } from '../incidents/incident.access.js';
import type { IncidentService } from '../incidents/incident.service.js';
import type { Workspace } from '../incidents/incident.types.js';
import {
  aftercarePhaseKey,
  assertWorkable,
  type ClosingSummary,
  closingSummary,
} from '../incidents/lifecycle.rules.js';
import type { PlaybookRegistry } from '../playbook/playbook.registry.js';
import type { Locale } from '../playbook/playbook.types.js';
import type { Clock } from '../ports/clock.js';
import { isoDateIn } from '../time/zoned.js';

export interface CloseQuestionDeps {
  clock: Clock;
  incidents: IncidentService;
  playbooks: PlaybookRegistry;
}

/**
 * Before closing (lead only): the question, with exactly what happens to the open steps of the
 * acute phase, to the planned aftercare moments and to evaluation and aftercare. Archiving the
 * space is offered only when closing finishes the incident at once: otherwise evaluation and
 * aftercare still go on in it.
 */
export async function prepareClose(
  deps: CloseQuestionDeps,
  workspace: Workspace,
  actor: Actor,
  spaceId: string | null,
  language: Locale,
) {
  const incident = spaceId ? await deps.incidents.findBySpace(workspace.id, spaceId) : undefined;
  if (!incident) return { ok: false as const, message: t(language, 'command.notInIncident') };
  try {
    const view = await deps.incidents.viewAsMember(incident.id, actor);
    requireLead(view.incident, actor);
    assertWorkable(view.incident, 'aftercare');
    if (view.incident.status === 'closed') {
      return {
        ok: false as const,
        message: t(language, 'command.alreadyClosed', { number: incident.number }),
      };
    }
    const playbook = deps.playbooks.get(view.incident.playbookKey, view.incident.playbookVersion);
    const summary = closingSummary(
      view.steps,
      view.forms,
      aftercarePhaseKey(playbook),
      isoDateIn(deps.clock.now(), workspace.timezone),
    );
    const question = closeQuestion(language, incident.number, summary);
    const offerArchive = summary.openAftercareSteps === 0;
    return { ok: true as const, incident: view.incident, question, summary, offerArchive };
  } catch (error) {
    const members = await deps.incidents.view(incident.id).then((v) => v.members);
    return {
      ok: false as const,
      message: errorMessage(error, language, { nameOf: nameResolver(members), timeZone: workspace.timezone }),
    };
  }
}

/** The close dialog's text: the question, then what happens to open steps and planned moments. */
export function closeQuestion(locale: Locale, number: string, summary: ClosingSummary): string {
  const count = (prefix: 'close.acuteSteps' | 'close.moments' | 'close.aftercare', n: number) =>
    t(locale, `${prefix}.${n === 0 ? 'none' : n === 1 ? 'one' : 'other'}`, { count: n });
  return [
    t(locale, 'command.closeConfirm', { number }),
    count('close.acuteSteps', summary.openAcuteSteps),
    count('close.moments', summary.plannedMoments),
    count('close.aftercare', summary.openAftercareSteps),
  ].join('\n\n');
}
