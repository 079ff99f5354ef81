import type { TurnContext } from 'botbuilder';
import type { ActionPayload } from '../../../core/cards/action-payload.js';
import { errorMessage, t } from '../../../core/i18n/catalogue.js';
import type { Locale } from '../../../core/playbook/playbook.types.js';
import {
  decodeActionData,
  encodeActionData,
  INPUT_PREFIX,
  prefixedInputs,
} from '../cards/action-data.codec.js';
import { card, VERBS } from '../cards/adaptive.types.js';
import { container, line } from '../cards/elements.js';
import { messageCard } from '../cards/message.card.js';
import type { TeamsDeps } from '../teams.context.js';
import { actorOf, channelOf, localeOf } from '../teams.turn.js';
import { workspaceOfTeam } from '../teams.workspaces.js';
import { answerWithCard, replaceForEveryone, replyCard, replyText } from './replies.js';

/**
 * The question before closing, what happens to open steps and planned aftercare moments, and the
 * choice to archive the channel too; only the lead answers it.
 */
export function closeQuestionCard(
  locale: Locale,
  incidentId: string,
  question: string,
  leadId: string,
  offerArchive = true,
) {
  const payload: ActionPayload = { incidentId, kind: 'close' };
  return card(
    [
      // The question first, then one line for each consequence (open steps, planned moments).
      container(
        question.split('\n\n').map((part, index) => line(part, { strong: index === 0 })),
        { style: 'attention' },
      ),
      // Only when closing finishes the incident: evaluation and aftercare are worked on in the channel.
      ...(offerArchive
        ? [
            {
              type: 'Input.Toggle',
              id: `${INPUT_PREFIX.close}:archive`,
              title: t(locale, 'command.closeArchive'),
              value: 'false',
            },
          ]
        : []),
    ],
    {
      actions: [
        {
          type: 'Action.Execute',
          title: t(locale, 'command.confirm'),
          verb: VERBS.closeConfirm,
          data: encodeActionData({ action: payload, inputPrefix: INPUT_PREFIX.close }),
          style: 'destructive',
        },
        {
          type: 'Action.Execute',
          title: t(locale, 'command.cancel'),
          verb: VERBS.closeCancel,
          // What the button belongs to and whose it is: cancelling is the lead's, like confirming.
          data: encodeActionData({ action: payload, requester: { userId: leadId, name: '' } }),
          associatedInputs: 'none',
        },
      ],
    },
  );
}

/** `incident sluit`: the lead gets a question first; closing cannot be undone. */
export async function closeCommand(deps: TeamsDeps, context: TurnContext): Promise<void> {
  const workspace = await workspaceOfTeam(deps, context);
  const locale = localeOf(context.activity, workspace ?? undefined);
  const spaceId = channelOf(context.activity);
  if (!workspace || !spaceId) return replyText(context, t(locale, 'command.notInIncident'));
  const prepared = await deps.app.commands.prepareClose(
    workspace,
    actorOf(context.activity),
    spaceId,
    locale,
  );
  if (!prepared.ok) return replyText(context, prepared.message);
  const actor = actorOf(context.activity);
  const question = closeQuestionCard(
    locale,
    prepared.incident.id,
    prepared.question,
    actor.userId,
    prepared.offerArchive,
  );
  const messageId = await replyCard(context, question, prepared.question);
  deps.questions.remember(context.activity, messageId, 'close', actor.userId);
}

/** The lead confirmed: the core closes (it checks the lead again) and the question card says what happened. */
export async function confirmClose(deps: TeamsDeps, context: TurnContext, data: Record<string, unknown>) {
  const locale = localeOf(context.activity);
  const spaceId = channelOf(context.activity);
  const workspace = await workspaceOfTeam(deps, context);
  let payload: ActionPayload;
  try {
    const action = decodeActionData(data).action;
    if (action?.kind !== 'close' || !workspace) throw new Error('not a close');
    payload = action;
  } catch {
    return answerWithCard(
      context,
      messageCard([errorMessage(new Error('invalid'), locale)], { tone: 'attention' }),
    );
  }
  const result = await deps.app.interactions.handle({
    workspace,
    actor: actorOf(context.activity),
    payload,
    spaceId,
    input: { archive: prefixedInputs(data, INPUT_PREFIX.close).get('archive') === 'true' },
    requestId: `teams:${context.activity.id ?? ''}`,
    locale,
  });
  const answer = messageCard([result.message], { tone: result.ok ? 'good' : 'attention' });
  // Only the question card itself is replaced, never another message the click names.
  if (result.ok && deps.questions.isAskedOf(context.activity, 'close', actorOf(context.activity).userId)) {
    deps.questions.forget(context.activity);
    await replaceForEveryone(context, answer, result.message);
  }
  return answerWithCard(context, answer);
}

/**
 * **Annuleren** on the close question: only the lead who asked may cancel, and only the question
 * card is replaced for everyone. Anyone else gets one sentence and nothing changes.
 */
export async function cancelClose(deps: TeamsDeps, context: TurnContext, data: Record<string, unknown>) {
  const locale = localeOf(context.activity);
  const actor = actorOf(context.activity);
  if (!(await isLeadsOwnQuestion(deps, data, actor.userId))) {
    return answerWithCard(context, messageCard([t(locale, 'teams.notYourQuestion')], { tone: 'attention' }));
  }
  const answer = messageCard([t(locale, 'teams.closeCancelled')]);
  if (deps.questions.isAskedOf(context.activity, 'close', actor.userId)) {
    deps.questions.forget(context.activity);
    await replaceForEveryone(context, answer, t(locale, 'teams.closeCancelled'));
  }
  return answerWithCard(context, answer);
}

/** The button is a close question's, asked of this person, who leads that incident. */
async function isLeadsOwnQuestion(deps: TeamsDeps, data: Record<string, unknown>, userId: string) {
  try {
    const { action, requester } = decodeActionData(data);
    if (action?.kind !== 'close' || requester?.userId !== userId) return false;
    const incident = await deps.app.incidents.find(action.incidentId);
    return incident?.leadId === userId;
  } catch {
    return false;
  }
}
