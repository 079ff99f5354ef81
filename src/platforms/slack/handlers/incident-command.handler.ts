import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import { t } from '../../../core/i18n/catalogue.js';
import type { Workspace } from '../../../core/incidents/incident.types.js';
import { parseIncidentCommand } from '../../../core/interactions/command.parser.js';
import { callSlack } from '../api/slack-api.js';
import { messageText, toBlockKit } from '../block-kit/block-kit.renderer.js';
import { closeModal } from '../modals/close.modal.js';
import { openIncidentModal } from '../modals/open-incident.modal.js';
import type { SlackContext } from '../slack.context.js';

/** The slash command, as the manifest names it. */
export const INCIDENT_COMMAND = '/incident';

/**
 * `/incident nieuw|status|sluit|dossier|help`. Acks at once (Slack shows an error after 3 s), then opens
 * the modal while the trigger id is fresh, or answers only the caller.
 */
export function registerIncidentCommand(bolt: App, slack: SlackContext): void {
  bolt.command(INCIDENT_COMMAND, async ({ ack, command, respond }) => {
    await ack();
    const reply = (text: string) => respond({ response_type: 'ephemeral', text: messageText(text) });
    let locale = slack.defaultLocale;
    try {
      const workspace = await slack.workspace(command.team_id);
      locale = workspace.locale;
      await handle(slack, workspace, command, reply, respond);
    } catch (error) {
      await reply(await slack.describe(error, locale, null, 'command')).catch(() => undefined);
    }
  });
}

async function handle(
  slack: SlackContext,
  workspace: Workspace,
  command: SlashCommand,
  reply: (text: string) => Promise<unknown>,
  respond: RespondFn,
): Promise<void> {
  const locale = workspace.locale;
  const actor = { userId: command.user_id };
  const parsed = parseIncidentCommand(command.text);
  switch (parsed.kind) {
    case 'new': {
      // The title typed after the command goes into the modal. A slash command's text is not
      // posted in the channel (Slack shows it to nobody else unless the app answers in_channel,
      // https://api.slack.com/interactivity/slash-commands#responding_to_commands), so on Slack
      // the typed title needs no warning.
      const view = openIncidentModal(locale, {
        title: parsed.title,
        openerId: command.user_id,
        channelId: command.channel_id,
        responseUrl: command.response_url,
      });
      await callSlack(slack.dialogClient, 'views.open', { trigger_id: command.trigger_id, view });
      return;
    }
    case 'status': {
      const status = await slack.app.commands.status(workspace, actor, command.channel_id, locale);
      if (status.kind === 'none') {
        await reply(status.text);
        return;
      }
      await respond({ response_type: 'ephemeral', ...toBlockKit(status.card, { locale }) });
      return;
    }
    case 'overview': {
      const card = await slack.app.commands.schoolOverview(workspace, actor, locale);
      await respond({ response_type: 'ephemeral', ...toBlockKit(card, { locale }) });
      return;
    }
    case 'close': {
      const prepared = await slack.app.commands.prepareClose(workspace, actor, command.channel_id, locale);
      if (!prepared.ok) {
        await reply(prepared.message);
        return;
      }
      const view = closeModal(locale, {
        incidentId: prepared.incident.id,
        question: prepared.question,
        channelId: command.channel_id,
        offerArchive: prepared.offerArchive,
      });
      await callSlack(slack.dialogClient, 'views.open', { trigger_id: command.trigger_id, view });
      return;
    }
    case 'dossier': {
      // The same as the overview's **Dossier**: members only, in the incident's own channel.
      const incident = await slack.app.incidents.findBySpace(workspace.id, command.channel_id);
      if (!incident) {
        await reply(t(locale, 'command.notInIncident'));
        return;
      }
      const result = await slack.app.interactions.handle({
        workspace,
        actor,
        payload: { incidentId: incident.id, kind: 'dossier' },
        spaceId: command.channel_id,
        locale,
      });
      await reply(result.message);
      return;
    }
    case 'help':
      await reply(t(locale, 'help.text'));
      return;
    case 'unknown':
      // A word the bot does not know ("hallo") gets a short help, not a refusal.
      await reply(t(locale, 'command.shortHelp'));
      return;
  }
}
