import type { IncidentView } from '../../../core/incidents/incident.types.js';
import type { Locale, Playbook } from '../../../core/playbook/playbook.types.js';
import type { RenderContext } from './adaptive.types.js';

/** The members and stored answers a card's inputs need, from the incident as it is now. */
export function renderContextFor(view: IncidentView, playbook: Playbook, locale: Locale): RenderContext {
  const forms: RenderContext['forms'] = {};
  for (const phase of playbook.phases) {
    for (const step of phase.steps) {
      if (!step.form) continue;
      const answer = view.forms.find((candidate) => candidate.stepKey === step.key);
      forms[step.key] = { kind: step.form, data: answer?.data ?? null };
    }
  }
  return {
    locale,
    incidentId: view.incident.id,
    members: view.members.map((member) => ({ userId: member.userId, displayName: member.displayName })),
    forms,
  };
}
