import type { ChatGateway } from '../../core/ports/chat-gateway.js';
import { GatewayError } from '../../core/ports/gateway-error.js';
import { buildReminderCard, nudgeText, sentLine, stepTitle } from './reminder.card.js';
import { DIRECT_PHASE_KEY } from './reminder.rules.js';
import type { ReminderService } from './reminder.service.js';
import type { Reminder, ReminderState } from './reminder.types.js';

/**
 * Puts one reminder on the platform, built from the incident's state as it is now:
 * - aftercare and rest period: a personal message to the person, then a line in the incident
 *   channel (best effort: the personal message is what counts);
 * - overdue step: a personal message to the step's owner (or the lead);
 * - overdue task: a personal message to the task's owner (or the lead);
 * - evaluation: a personal message to the current lead;
 * - nudge: one message in the incident channel that mentions the lead.
 */
export async function deliver(
  reminder: Reminder,
  state: ReminderState,
  gateway: ChatGateway,
  service: ReminderService,
): Promise<void> {
  const { incident } = state;
  // A personal reminder links into the incident's space (a Teams deep link; Slack links by id).
  const spaceUrl =
    incident.spaceId && gateway.spaceLink
      ? await gateway.spaceLink(incident.spaceId).catch(() => null)
      : null;
  const ctx = { ...service.textContext(state), spaceUrl };
  switch (reminder.kind) {
    case 'nudge': {
      if (!incident.spaceId) throw new GatewayError('no_space', false);
      const titles = state.steps
        .filter((step) => step.phaseKey === DIRECT_PHASE_KEY && step.status === 'open')
        .map((step) => stepTitle(step.key, ctx));
      await gateway.postText(
        incident.spaceId,
        nudgeText(titles, service.rules.nudgeAfterSchoolHours, ctx.locale),
        {
          mention: [incident.leadId],
        },
      );
      return;
    }
    case 'evaluation': {
      const current = { ...reminder, targetId: incident.leadId };
      await gateway.sendDirect(current.targetId, buildReminderCard(current, ctx));
      return;
    }
    case 'overdue':
    case 'task':
      await gateway.sendDirect(reminder.targetId, buildReminderCard(reminder, ctx));
      return;
    default: {
      await gateway.sendDirect(reminder.targetId, buildReminderCard(reminder, ctx));
      if (incident.spaceId) {
        // The team sees that the reminder went out; a failure here must not resend the message.
        await gateway.postText(incident.spaceId, sentLine(reminder, ctx)).catch(() => undefined);
      }
    }
  }
}
