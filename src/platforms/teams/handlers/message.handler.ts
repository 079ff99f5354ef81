import { TurnContext as Turn, type TurnContext } from 'botbuilder';
import { t } from '../../../core/i18n/catalogue.js';
import { parseIncidentCommand } from '../../../core/interactions/command.parser.js';
import type { TeamsDeps } from '../teams.context.js';
import { isPersonal, localeOf } from '../teams.turn.js';
import { closeCommand } from './close.handler.js';
import { dossierCommand } from './dossier-command.handler.js';
import { fileShared } from './file-shared.handler.js';
import { openCommand } from './open-command.handler.js';
import { replyText } from './replies.js';
import { overviewCommand, statusCommand } from './status.handler.js';

/**
 * A message to the bot. In channels the bot sees every message (to notice shared files) but only
 * answers when it is mentioned; in a personal chat every message is for the bot.
 */
export async function onMessage(deps: TeamsDeps, context: TurnContext): Promise<void> {
  if (await fileShared(deps, context)) return;
  const activity = context.activity;
  if (!isPersonal(activity) && !mentionsBot(context)) return;
  const text = commandText(context);
  const command = parseIncidentCommand(text);
  switch (command.kind) {
    case 'new':
      return openCommand(deps, context, command.title);
    case 'status':
      return statusCommand(deps, context);
    case 'overview':
      return overviewCommand(deps, context);
    case 'close':
      return closeCommand(deps, context);
    case 'dossier':
      return dossierCommand(deps, context);
    case 'help':
      return replyText(context, t(localeOf(activity), 'teams.help'));
    case 'unknown':
      // Text the bot does not know ("hallo") gets a short help, not a refusal.
      return replyText(context, t(localeOf(activity), 'teams.shortHelp'));
  }
}

function mentionsBot(context: TurnContext): boolean {
  const botId = context.activity.recipient?.id;
  return (context.activity.entities ?? []).some(
    (entity) =>
      entity.type === 'mention' && (entity as { mentioned?: { id?: string } }).mentioned?.id === botId,
  );
}

/** The text without the bot's mention, markup and a leading "incident". */
export function commandText(context: TurnContext): string {
  const withoutMention = Turn.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
  const plain = withoutMention
    .replace(/<at>.*?<\/at>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.replace(/^\/?incident(en)?\b\s*/i, '');
}
