import { ActivityTypes, type TurnContext } from 'botbuilder';
import { t } from '../../core/i18n/catalogue.js';
import type { Logger } from '../../logging/logger.js';
import { VERBS } from './cards/adaptive.types.js';
import { appAddedToChannel } from './handlers/app-added.handler.js';
import { cardAction, showCard, showFormView } from './handlers/card-action.handler.js';
import { cancelClose, confirmClose } from './handlers/close.handler.js';
import { onFileConsent } from './handlers/file-consent.handler.js';
import { onMessage } from './handlers/message.handler.js';
import { cancelOpenForm, showOpenForm, submitOpenForm } from './handlers/open-form.handler.js';
import { answerWithMessage, replyText } from './handlers/replies.js';
import type { TeamsDeps } from './teams.context.js';
import { localeOf } from './teams.turn.js';
import { workspaceOfTeam } from './teams.workspaces.js';

type VerbHandler = (deps: TeamsDeps, context: TurnContext, data: Record<string, unknown>) => Promise<unknown>;

const VERB_HANDLERS: Record<string, VerbHandler> = {
  [VERBS.action]: cardAction,
  [VERBS.formView]: showFormView,
  [VERBS.cardView]: showCard,
  [VERBS.openForm]: showOpenForm,
  [VERBS.openSubmit]: submitOpenForm,
  [VERBS.openCancel]: cancelOpenForm,
  [VERBS.closeConfirm]: confirmClose,
  [VERBS.closeCancel]: cancelClose,
};

/** One turn: routes an activity from Teams to its handler and never lets an error reach the user raw. */
export function teamsBot(deps: TeamsDeps, logger: Logger) {
  return async (context: TurnContext): Promise<void> => {
    const activity = context.activity;
    try {
      if (activity.type === ActivityTypes.Message) return await onMessage(deps, context);
      if (activity.type === ActivityTypes.Invoke && activity.name === 'adaptiveCard/action') {
        const action = (activity.value as { action?: { verb?: string; data?: unknown } } | undefined)?.action;
        // Own keys only: a verb such as "constructor" must not find Object.prototype's.
        const verb = String(action?.verb ?? '');
        const handler = Object.hasOwn(VERB_HANDLERS, verb) ? VERB_HANDLERS[verb] : undefined;
        const data =
          action?.data && typeof action.data === 'object' ? (action.data as Record<string, unknown>) : {};
        if (!handler) return await answerWithMessage(context, t(localeOf(activity), 'error.InvalidAction'));
        await handler(deps, context, data);
        return;
      }
      if (activity.type === ActivityTypes.Invoke && activity.name === 'fileConsent/invoke') {
        return await onFileConsent(deps, context);
      }
      if (activity.type === ActivityTypes.ConversationUpdate) {
        // Added to a team: remember where it is and its group id (sent only with this event).
        await workspaceOfTeam(deps, context);
        // Added to an incident's private channel by a member: finish that opening.
        await appAddedToChannel(deps, context);
      }
    } catch (error) {
      logger.error({ err: error, type: activity.type, name: activity.name }, 'teams activity failed');
      const sorry = t(localeOf(activity), 'error.unexpected');
      if (activity.type === ActivityTypes.Invoke)
        await answerWithMessage(context, sorry).catch(() => undefined);
      else if (activity.type === ActivityTypes.Message)
        await replyText(context, sorry).catch(() => undefined);
    }
  };
}
