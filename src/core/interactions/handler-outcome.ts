import { t } from '../i18n/catalogue.js';
import type { ActionScope } from '../incidents/incident.access.js';
import type { Locale } from '../playbook/playbook.types.js';
import type { ActionRequest, HandlerOutcome } from './interaction.types.js';

/** The answer to a click that found everything as it asked (a repeat or a double click). */
export function unchangedOutcome(locale: Locale): HandlerOutcome {
  return { changed: false, message: t(locale, 'feedback.unchanged') };
}

/** Who acts on which incident, and from where: what every incident-level change checks first. */
export function scopeOf(request: ActionRequest): ActionScope {
  return { incidentId: request.payload.incidentId, actor: request.actor, spaceId: request.spaceId };
}
