import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/adaptive.types.js';
import { messageCard } from '../cards/message.card.js';
import { cardActivity, type MentionTarget, textActivity } from '../connector/activities.js';

/** Answers an Action.Execute: the card shown to the person who clicked (Universal Actions). */
export async function answerWithCard(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: {
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card },
    },
  });
}

/** Answers an Action.Execute with one calm sentence instead of a card. */
export async function answerWithMessage(
  context: TurnContext,
  text: string,
  tone: 'good' | 'attention' = 'attention',
) {
  await answerWithCard(context, messageCard([text], { tone }));
}

/** A text reply in the conversation the message came from, user text escaped. */
export async function replyText(
  context: TurnContext,
  text: string,
  mention: MentionTarget[] = [],
): Promise<void> {
  await context.sendActivity(textActivity(text, mention));
}

export async function replyCard(
  context: TurnContext,
  card: AdaptiveCardJson,
  summary: string,
): Promise<string> {
  const sent = await context.sendActivity(cardActivity(card, summary));
  return sent?.id ?? '';
}

/** Replaces the card a click came from, for everyone in the conversation. */
export async function replaceForEveryone(context: TurnContext, card: AdaptiveCardJson, summary: string) {
  const messageId = context.activity.replyToId;
  if (!messageId) return;
  await context.updateActivity({ ...cardActivity(card, summary), id: messageId });
}
