import type { App, BlockAction, BlockElementAction } from '@slack/bolt';
import type { ActionInput, Card } from '../../../core/cards/card.types.js';
import { t } from '../../../core/i18n/catalogue.js';
import type { Workspace } from '../../../core/incidents/incident.types.js';
import { callSlack } from '../api/slack-api.js';
import { ACTION_ID_PREFIX, type DecodedActionValue, decodeActionValue } from '../block-kit/action-value.js';
import { toBlockKit } from '../block-kit/block-kit.renderer.js';
import { BLOCK_KIT } from '../block-kit/limits.js';
import { actionInputModal } from '../modals/action-input.modal.js';
import { factsModal } from '../modals/facts.modal.js';
import { formModal } from '../modals/form.modal.js';
import { modal } from '../modals/modal-elements.js';
import { CALLBACK } from '../modals/modal-state.js';
import { taskModal } from '../modals/task.modal.js';
import { type SlackContext, settleWithin, spaceOf } from '../slack.context.js';

/** How long the clicker's answer may wait for the card update to go out first. */
const ANSWER_WAITS_FOR_CARD_MS = 300;

/**
 * Every button and overflow option on a card. Acks first; a button that needs a dialog opens it
 * straight away (the trigger id lives 3 seconds); others go to the core. The cards are redrawn
 * in place and then the clicker gets the answer only they see: when twenty people click at
 * once, the shared card is what everyone waits for, and the answers would otherwise hold it up.
 */
export function registerCardActions(bolt: App, slack: SlackContext): void {
  bolt.action<BlockAction>(
    { type: 'block_actions', action_id: new RegExp(`^${ACTION_ID_PREFIX}`) },
    async (args) => {
      await args.ack();
      const { body, action } = args;
      const channelId = body.channel?.id ?? body.container?.channel_id ?? null;
      const userId = body.user.id;
      const tell = (text: string) => slack.tell(channelId, userId, text, body.response_url);
      let workspace: Workspace;
      try {
        workspace = await slack.workspace(body.team?.id ?? body.user.team_id ?? '');
      } catch (error) {
        await tell(await slack.describe(error, slack.defaultLocale, null, 'action'));
        return;
      }
      let decoded: DecodedActionValue;
      try {
        decoded = decodeActionValue(elementValue(action));
      } catch (error) {
        await tell(await slack.describe(error, workspace.locale, null, 'action'));
        return;
      }
      const incidentId = decoded.payload.incidentId;
      try {
        if (decoded.input) {
          await openDialog(
            slack,
            workspace,
            { ...decoded, input: decoded.input },
            { channelId, userId, triggerId: body.trigger_id },
          );
          return;
        }
        const result = await slack.app.interactions.handle({
          workspace,
          actor: { userId },
          payload: decoded.payload,
          spaceId: spaceOf(channelId),
          requestId: `slack:action:${body.trigger_id || `${userId}:${actionTs(action)}`}`,
        });
        if (result.card && (await showCard(slack, workspace, result.card, body.trigger_id))) return;
        // Everyone's card first, then the clicker's own answer (which waits at most a moment).
        await settleWithin(result.cardsUpdated, ANSWER_WAITS_FOR_CARD_MS);
        await tell(result.message);
        await result.followUp;
      } catch (error) {
        await tell(await slack.describe(error, workspace.locale, incidentId, 'action'));
      }
    },
  );
}

/**
 * A card for the clicker alone (every note of a step) in a dialog: it holds far more than an
 * ephemeral message, and closing it leaves nothing behind. False when Slack would not open it
 * (the trigger expired); the clicker then gets the short answer instead.
 */
async function showCard(slack: SlackContext, workspace: Workspace, card: Card, triggerId: string) {
  if (!triggerId) return false;
  const locale = workspace.locale;
  const view = modal({
    callbackId: CALLBACK.read,
    title: t(locale, 'slack.modal.notes'),
    close: t(locale, 'slack.modal.shut'),
    blocks: toBlockKit(card, { locale, maxBlocks: BLOCK_KIT.modalBlocks }).blocks,
    metadata: '',
  });
  try {
    await callSlack(slack.dialogClient, 'views.open', { trigger_id: triggerId, view });
    return true;
  } catch {
    return false;
  }
}

function elementValue(action: BlockElementAction): unknown {
  if (action.type === 'button') return action.value;
  if (action.type === 'overflow' || action.type === 'static_select') return action.selected_option?.value;
  return undefined;
}

function actionTs(action: BlockElementAction): string {
  return 'action_ts' in action ? String(action.action_ts) : '';
}

/** Opens the dialog a button needs. Strangers are refused before anything opens. */
async function openDialog(
  slack: SlackContext,
  workspace: Workspace,
  decoded: DecodedActionValue & { input: ActionInput },
  where: { channelId: string | null; userId: string; triggerId: string },
): Promise<void> {
  const locale = workspace.locale;
  const actor = { userId: where.userId };
  const context = { payload: decoded.payload, channelId: where.channelId };
  let view: ReturnType<typeof formModal>;
  if (decoded.input === 'facts') {
    const facts = await slack.app.commands.factsToEdit(decoded.payload.incidentId, actor);
    view = factsModal(locale, { ...context, facts });
  } else if (decoded.input === 'task') {
    const request = await slack.app.commands.formRequest(
      decoded.payload.incidentId,
      decoded.payload.stepKey ?? '',
      actor,
      locale,
    );
    view = taskModal(locale, { ...context, values: request.values, members: request.members });
  } else if (decoded.input === 'form') {
    const request = await slack.app.commands.formRequest(
      decoded.payload.incidentId,
      decoded.payload.stepKey ?? '',
      actor,
      locale,
    );
    view = formModal(request, locale, context);
  } else {
    const members = await slack.app.commands.members(decoded.payload.incidentId, actor);
    view = actionInputModal(decoded.input, locale, { ...context, members });
  }
  await callSlack(slack.dialogClient, 'views.open', { trigger_id: where.triggerId, view });
}
