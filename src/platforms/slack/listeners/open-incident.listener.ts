import type { App, ViewSubmitAction } from '@slack/bolt';
import { t } from '../../../core/i18n/catalogue.js';
import type { Incident, Workspace } from '../../../core/incidents/incident.types.js';
import type { OpenResult } from '../../../core/interactions/command.service.js';
import { spaceNameFor } from '../../../core/spaces/space.service.js';
import { messageText } from '../block-kit/block-kit.renderer.js';
import { CALLBACK, decodeMetadata, errorBlock, stateOf } from '../modals/modal-state.js';
import { readOpenIncident } from '../modals/open-incident.modal.js';
import { type SlackContext, settleWithin, slackProblem } from '../slack.context.js';

/** Slack closes the connection after 3 s; what is not done by then is reported afterwards. */
const ACK_WINDOW_MS = 2500;
const NAME_LOOKUP_MS = 1200;

/**
 * The filled-in `/incident nieuw` modal. Bad input is shown next to its field; a good one is
 * stored before the modal closes, then the channel and cards are made. The view id makes a
 * modal submitted twice open one incident.
 */
export function registerOpenIncident(app: App, slack: SlackContext): void {
  app.view<ViewSubmitAction>(CALLBACK.open, async ({ ack, body, view }) => {
    const userId = body.user.id;
    const workspace = await slack.workspace(body.team?.id ?? body.user.team_id ?? '');
    const metadata = decodeMetadata(view.private_metadata);
    const form = readOpenIncident(stateOf(view));
    const people = await slack.directory.lookupAll(
      [userId, ...form.invited, ...(form.leadId ? [form.leadId] : [])],
      NAME_LOOKUP_MS,
    );
    const invited = form.invited
      .filter((id) => id !== slack.botUserId && !people.get(id)?.isBot)
      .map((id) => ({ userId: id, displayName: people.get(id)?.name ?? null }));
    const work = slack.core.commands.open(
      workspace,
      { userId, displayName: people.get(userId)?.name ?? null },
      { title: form.title, kind: form.kind, facts: form.facts, leadId: form.leadId, invited },
      `slack:view:${view.id}`,
    );
    const settled = await settleWithin(work, ACK_WINDOW_MS).catch(() => ({ done: false as const }));
    if (settled.done && !settled.value.ok) {
      const block = errorBlock(view, settled.value.field) ?? 'title';
      await ack({ response_action: 'errors', errors: { [block]: settled.value.message } });
      return;
    }
    await ack();
    const answer = (text: string) => tellOpener(slack, metadata, userId, text);
    let result: OpenResult;
    try {
      if (!settled.done) await answer(t(workspace.locale, 'slack.stillBusy'));
      result = settled.done ? settled.value : await work;
    } catch (error) {
      await answer(await slack.describe(error, workspace.locale, null, 'open'));
      return;
    }
    if (!result.ok) {
      await answer(result.message);
      return;
    }
    if (!result.changed) return;
    const { incident } = result;
    await answer(
      t(workspace.locale, 'command.opening', {
        number: incident.number,
        space: `#${spaceNameFor(incident)}`,
      }),
    );
    if (!(await result.followUp)) await retryOpening(slack, workspace, incident, answer);
  });
}

/**
 * The first attempt failed (its error is logged). One more try tells the opener what is wrong;
 * the start-up resume and a few later tries finish the job without anyone having to act.
 */
async function retryOpening(
  slack: SlackContext,
  workspace: Workspace,
  incident: Incident,
  answer: (text: string) => Promise<void>,
): Promise<void> {
  try {
    await slack.core.spaces.finishOpening(incident.id);
  } catch (error) {
    const problem = slackProblem(error, workspace.locale) ?? '';
    await answer(
      t(workspace.locale, 'slack.openFailed', { number: incident.number, problem }).replace(/\s+/g, ' '),
    );
    slack.scheduleOpeningRetry(incident.id);
  }
}

/** Answers in the channel the command was typed in (response_url), else in a direct message. */
async function tellOpener(
  slack: SlackContext,
  metadata: { r?: string; c?: string },
  userId: string,
  text: string,
): Promise<void> {
  if (metadata.r && slack.isResponseUrl(metadata.r)) {
    try {
      const response = await fetch(metadata.r, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          response_type: 'ephemeral',
          replace_original: false,
          text: messageText(text),
        }),
      });
      if (response.ok) return;
    } catch {
      // fall through to a direct message
    }
  }
  await slack.tell(null, userId, text);
}
